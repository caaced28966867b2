"""Coverage-guided fuzzing with atheris (libFuzzer for Python), for long runs outside the suite.

    pip install atheris
    python tests/fuzz_atheris.py TARGET [libFuzzer options] [CORPUS_DIR]
    python tests/fuzz_atheris.py markdown -runs=200000 -max_len=4096 -timeout=10
    python tests/fuzz_atheris.py all -atheris_runs=100000 -max_total_time=600

TARGET is one of: markdown, frontmatter, anchoring, config, all. A crash (any exception
escaping the target), a hang past -timeout seconds or a slow input is written as a file
(crash-*, timeout-*, slow-unit-*) for replay: ``python tests/fuzz_atheris.py TARGET FILE``.
The same properties, with Hypothesis, are tests in tests/test_fuzz.py.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from factcheck.anchoring import AnchorIndex
    from factcheck.config import parse_config
    from factcheck.diagnostics import Diagnostics
    from factcheck.frontmatter import decode, parse_yaml, split
    from factcheck.markdown import parse, render, text_stream


def _markdown(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    first_line = fdp.ConsumeIntInRange(1, 100)
    body = fdp.ConsumeUnicodeNoSurrogates(len(data))
    parsed = parse(body, first_line)
    render(parsed)
    text_stream(parsed.tokens)


def _frontmatter(data: bytes) -> None:
    diags = Diagnostics()
    for raw in (data, b"---\n" + data, b"---\n" + data + b"\n---\nbody\n"):
        split(decode(raw, "f.md", diags), "f.md", diags)


def _anchoring(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 2000))
    quote = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 200))
    prefix = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 50)) or None
    suffix = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 50)) or None
    AnchorIndex(text).find(quote, prefix, suffix).message()


def _config(data: bytes) -> None:
    diags = Diagnostics()
    doc = parse_yaml(decode(data, "factcheck.yaml", diags), "factcheck.yaml", diags)
    if doc is not None and isinstance(doc.data, dict):
        parse_config(doc, diags)


TARGETS = {
    "markdown": _markdown,
    "frontmatter": _frontmatter,
    "anchoring": _anchoring,
    "config": _config,
}


def _all(data: bytes) -> None:
    if not data:
        return
    target = list(TARGETS.values())[data[0] % len(TARGETS)]
    target(data[1:])


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in (*TARGETS, "all"):
        sys.exit(__doc__)
    name = sys.argv.pop(1)
    atheris.Setup(sys.argv, _all if name == "all" else TARGETS[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
