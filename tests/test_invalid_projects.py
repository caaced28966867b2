"""One small broken project per kind of mistake, each with the exact diagnostics it must produce
(the way Zola keeps `test_sites_invalid/`).

Each folder of tests/invalid_projects/ is a complete project (factcheck.yaml and a few content
files) plus `expected.txt`: the lines `factcheck check` prints, `path:line:col: severity: message`
and `    hint: ...`, without the summary line. Where the project's own folder appears in a message,
expected.txt writes it as `<project>`.

To add a case: make the folder, run `factcheck check --project FOLDER`, read the output as a user
would (is the place right? does the message say what to do?), and only then save it as
expected.txt. Files are stored byte for byte (see .gitattributes): some cases are about bytes
that are not UTF-8, a byte-order mark or CRLF line ends.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import DIAGNOSTIC_LINE, check, diagnostic_lines, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CASES = Path(__file__).parent / "invalid_projects"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").is_file())


def expected_lines(name: str) -> list[str]:
    return (CASES / name / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_every_folder_has_expectations() -> None:
    folders = sorted(p.name for p in CASES.iterdir() if p.is_dir())
    assert folders == NAMES, "every folder of invalid_projects/ needs an expected.txt"
    assert len(NAMES) >= 40


@pytest.mark.parametrize("name", NAMES)
def test_diagnostics(name: str) -> None:
    root = CASES / name
    expected = expected_lines(name)
    result = check(root)
    assert diagnostic_lines(result, root) == expected
    has_errors = any(": error: " in line for line in expected if DIAGNOSTIC_LINE.match(line))
    assert result.exit_code == (1 if has_errors else 0), result.output
    summary = result.lines[-1]
    assert DIAGNOSTIC_LINE.match(summary) is None
    assert summary.startswith(f"{sum(': error: ' in line for line in expected)} error")


@pytest.mark.parametrize("name", NAMES)
def test_strict_fails_on_warnings_too(name: str) -> None:
    root = CASES / name
    result = check(root, "--strict")
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize("name", NAMES)
def test_json_says_the_same(name: str) -> None:
    """`--format json` reports the same problems, at the same places, as the text output."""
    root = CASES / name
    report = check(root, "--format", "json").json()
    text = [line for line in expected_lines(name) if DIAGNOSTIC_LINE.match(line)]
    as_text = [
        f"{d['path']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']}".replace(
            str(root), "<project>"
        )
        for d in report["diagnostics"]
    ]
    assert as_text == text
    assert report["errors"] == sum(": error: " in line for line in text)
    assert report["warnings"] == sum(": warning: " in line for line in text)
    assert report["ok"] is (report["errors"] == 0)


# --- garbage: whatever the content, `check` reports it and never crashes ---------------------

KINDS = ("articles", "claims", "verdicts", "evidence", "reviewers", "pages")


def _billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev, cur = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines).encode()


def _fenced(yaml_part: bytes, body: bytes = b"Body.\n") -> bytes:
    return b"---\n" + yaml_part + b"\n---\n" + body


NASTY: dict[str, bytes] = {
    "empty": b"",
    "fence only": b"---",
    "fence and newline": b"---\n",
    "two fences": b"---\n---",
    "two fences crlf": b"---\r\n---\r\n",
    "cr only line ends": b"---\rtitle: x\r---\rBody\r",
    "dots fence": b"---\ntitle: x\n...\nBody\n",
    "bom only": b"\xef\xbb\xbf",
    "utf-16 with bom": b"\xff\xfe" + "---\ntitle: x\n---\n".encode("utf-16-le"),
    "nul bytes": b"\x00" * 64,
    "nul in front matter": b"---\ntitle: a\x00b\n---\n",
    "nul in body": _fenced(b"title: x", b"a\x00b [@\x00] [[\x00]]\n"),
    "random bytes": bytes(range(256)) * 8,
    "utf-8 surrogate": _fenced(b"title: \xed\xa0\x80"),
    "overlong utf-8": _fenced(b"title: \xc0\xaf"),
    "unicode line separators": _fenced(
        "title: a\u2028b\x85c\u2029d".encode(), "x\u2028[@e]\x0b[[c]]\x0c\n".encode()
    ),
    "deep flow nesting": _fenced(b"title: " + b"[" * 100_000 + b"]" * 100_000),
    "deep mapping nesting": _fenced(b"title: " + b"{a: " * 30_000 + b"b" + b"}" * 30_000),
    "deep block nesting": _fenced(b"title: x\nx:\n" + b"- " * 100_000 + b"x"),
    "deep indentation": _fenced(b"title: x\n" + b"".join(b"  " * i + b"a:\n" for i in range(300))),
    "billion laughs": _fenced(_billion_laughs()),
    "recursive alias": _fenced(b"title: &t [*t]\nid: &i {a: *i}"),
    "undefined alias": _fenced(b"title: *nothing"),
    "alias as key": _fenced(b"&k title: x\n*k : y"),
    "huge line": _fenced(b"title: " + b"x" * 1_000_000, b"y" * 1_000_000 + b"\n"),
    "many lines": _fenced(b"title: x", b"a [@b] [[c]]\n" * 2_000),
    "many duplicate keys": _fenced(b"title: x\n" * 5_000),
    "tabs": _fenced(b"\ttitle: x\n\t- a"),
    "tab after colon": _fenced(b"title:\tx\nclaims:\t[a]"),
    "bare colon": _fenced(b":"),
    "question mark key": _fenced(b"? "),
    "complex key": _fenced(b"? [a, b]\n: c\n? {a: b}\n: d"),
    "explicit tags": _fenced(
        b"title: !!binary x\nid: !!set {a}\nclaims: !!omap [a: b]\n"
        b"tags: !!python/object:os.system {}\nsummary: !!timestamp x"
    ),
    "bad numbers and dates": _fenced(
        b"date: 2026-02-30\npublished: 9999-99-99\n"
        b"accessed: 2026-01-01 12:00:00 +25\nvalue: !!int x\n"
        b"weight: 1e999\nmin_reviewers: .nan"
    ),
    "yaml directive": _fenced(b"%YAML 1.2\n---\ntitle: x"),
    "second document": _fenced(b"title: x\n---\ntitle: y"),
    "front matter a scalar": _fenced(b"42"),
    "front matter a list": _fenced(b"- 1\n- 2"),
    "front matter null": _fenced(b"~"),
    "odd ids": _fenced(
        b"id: ''\ntitle: x\nclaim: []\nreviewer: {a: b}\nrating: 1.5\nevidence: {a: b}\nname: null"
    ),
    "odd claims": _fenced(
        b"title: x\nclaims:\n  - 5\n  - [a]\n  - id: x\n    quote: ''\n"
        b"  - id: y\n    quote: [a]\n    prefix: {a: b}\n  - ~\n"
        b"  - id: z\n    quote: '   '\n",
        b"Body text.\n",
    ),
    "claims a mapping": _fenced(b"title: x\nclaims: {id: x, quote: y}"),
    "odd nested": _fenced(
        b"title: x\nsource: {url: [1], outlet: {a: b}}\nimported: [a]\n"
        b"appearances: [[a], {url: {a: b}}, 5]\ntags: [[a], {b: c}, null]"
    ),
    "odd urls": _fenced(
        b"title: x\nurl: '   '\narchived: 'http://'\nsource_url: 'mailto:'\nurl2: 'http://[::1'"
    ),
    "markdown brackets": _fenced(b"title: x", b"[" * 8_000 + b"]" * 8_000 + b"\n"),
    "markdown citations": _fenced(b"title: x", b"[@" * 4_000 + b"\n" + b"[[" * 4_000 + b"\n"),
    "markdown nesting": _fenced(b"title: x", b">" * 50_000 + b" x\n" + b"*" * 50_000 + b"\n"),
    "markdown lists": _fenced(b"title: x", b"".join(b"  " * i + b"- [@e]\n" for i in range(500))),
    "markdown html": _fenced(
        b"title: <script>alert(1)</script>",
        b"<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n",
    ),
    "markdown links": _fenced(
        b"title: x",
        b"[a](javascript:alert(1)) [b](<java\nscript:x>) "
        b"[c](JaVaScRiPt:x) <data:text/html,x> ![i](mailto:x@y) "
        b"[d](&#106;avascript:x) [e](http://[::1) [f](//x)\n",
    ),
}


def _project_with_everywhere(root: Path, content: bytes) -> Path:
    """``content`` as a file of every kind, beside a valid configuration."""
    from helpers import write_project

    return write_project(root, {f"content/{kind}/x.md": content for kind in KINDS})


def _front_matter_of(content: bytes) -> bytes:
    """The YAML part of a nasty file, to try as factcheck.yaml."""
    if content.startswith(b"---\n"):
        end = content.find(b"\n---\n", 4)
        return content[4:end] if end >= 0 else content[4:]
    return content


@pytest.mark.parametrize("name", list(NASTY))
def test_garbage_content_never_crashes(tmp_path: Path, name: str) -> None:
    root = _project_with_everywhere(tmp_path, NASTY[name])
    result = check(root)
    assert result.exit_code in (0, 1)
    check(root, "--format", "json").json()  # still valid JSON


@pytest.mark.parametrize("name", list(NASTY))
def test_garbage_config_never_crashes(tmp_path: Path, name: str) -> None:
    from helpers import write_project

    root = write_project(
        tmp_path, {"content/pages/about.md": "---\ntitle: About\n---\n"}, config=None
    )
    (root / "factcheck.yaml").write_bytes(_front_matter_of(NASTY[name]))
    result = check(root)
    assert result.exit_code in (0, 1)


def test_aliases_are_refused_quickly(tmp_path: Path) -> None:
    """A few hundred bytes of aliases expand to a billion values: refused, not expanded (an
    expansion would not end, and the run would be stopped by CI's timeout)."""
    root = _project_with_everywhere(tmp_path, NASTY["billion laughs"])
    result = check(root)
    assert "the YAML aliases expand to more than" in result.stdout


def test_a_folder_named_like_a_markdown_file(tmp_path: Path) -> None:
    from helpers import write_project

    root = write_project(tmp_path, {"content/pages/about.md/inner.md": "---\ntitle: In\n---\n"})
    result = check(root)
    assert result.exit_code == 0, result.output


def test_a_dangling_symlink_is_reported(tmp_path: Path) -> None:
    from helpers import write_project

    root = write_project(tmp_path, {})
    (root / "content/pages").mkdir(parents=True)
    (root / "content/pages/gone.md").symlink_to(root / "nowhere.md")
    result = check(root)
    assert result.exit_code == 1
    assert "content/pages/gone.md:1:1: error: cannot read the file" in result.stdout


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    import os

    from helpers import write_project

    root = write_project(tmp_path, {})
    (root / "content/pages").mkdir(parents=True)
    os.mkfifo(root / "content/pages/pipe.md")
    result = check(root)  # reading a FIFO would block for ever
    assert "content/pages/pipe.md:1:1: error: not a regular file" in result.stdout


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    import os

    from helpers import write_project

    root = write_project(tmp_path, {"content/pages/secret.md": "---\ntitle: Secret\n---\n"})
    secret = root / "content/pages/secret.md"
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("running as root: permissions do not stop reading")
        result = check(root)
        assert result.exit_code == 1
        assert "content/pages/secret.md:1:1: error: cannot read the file" in result.stdout
    finally:
        secret.chmod(0o644)


# --- fuzzing: random files of every kind ------------------------------------------------------
# derandomize: the same examples on every run, so a failure is never a flake; widen the search
# locally with `--hypothesis-seed=N` and a higher max_examples.

FIELD_NAMES = (
    "id",
    "title",
    "summary",
    "claim",
    "reviewer",
    "rating",
    "status",
    "final",
    "evidence",
    "claims",
    "quote",
    "prefix",
    "suffix",
    "source",
    "url",
    "archived",
    "appearances",
    "tags",
    "published",
    "date",
    "name",
    "role",
    "menu",
    "weight",
    "kind",
    "source_url",
    "original_rating",
    "headline",
    "imported",
    "x",
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3000),
    st.floats(allow_nan=True),
    st.sampled_from(
        [
            "",
            "a",
            "accurate",
            "false",
            "no",
            "x-y",
            "Bad Id",
            "javascript:x",
            "https://example.org/",
            "mailto:a@b",
            "2026-02-30",
            "draft",
            "approved",
            "editor",
            "external",
            "[@a]",
            "<script>",
            "\u00a0",
            "---",
            "a: b",
        ]
    ),
    st.text(max_size=20),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=4),
    ),
    max_leaves=12,
)
FRONT_MATTER = st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=8)
BODY = st.lists(
    st.sampled_from(
        [
            "word",
            " ",
            "\n",
            "\n\n",
            "[@a]",
            "[@",
            "[[a]]",
            "[[a|b]]",
            "]]",
            "[x](javascript:y)",
            "[x](https://e.org)",
            "*",
            "_",
            "`",
            "- ",
            "> ",
            "    ",
            "\t",
            "# ",
            "<b>",
            "&amp;",
            "\r\n",
            "\u2029",
            "\x00",
            "\ufeff",
        ]
    ),
    max_size=30,
).map("".join)


@settings(
    max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    files=st.lists(st.tuples(st.sampled_from(KINDS), FRONT_MATTER, BODY), min_size=1, max_size=6)
)
def test_random_front_matter_never_crashes(files: list[tuple[str, dict[str, Any], str]]) -> None:
    from helpers import write_project

    with tempfile.TemporaryDirectory() as folder:
        content = {
            f"content/{kind}/f{index}.md": "---\n"
            + yaml.safe_dump(meta, allow_unicode=True)
            + "---\n"
            + body
            for index, (kind, meta, body) in enumerate(files)
        }
        root = write_project(Path(folder), content)
        check(root)
        run_status = run_cli("status", "--project", str(root), "--format", "json")
        run_status.assert_no_crash()


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    kind=st.sampled_from(KINDS),
    head=st.sampled_from([b"", b"---\n", b"---\ntitle: x\n"]),
    data=st.binary(max_size=200),
)
def test_random_bytes_never_crash(kind: str, head: bytes, data: bytes) -> None:
    from helpers import write_project

    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder), {f"content/{kind}/x.md": head + data})
        check(root)
        (root / "factcheck.yaml").write_bytes(data)
        check(root)


def test_a_kind_that_is_a_file_not_a_folder(tmp_path: Path) -> None:
    from helpers import write_project

    root = write_project(tmp_path, {"content/articles": "---\ntitle: One article\n---\n"})
    result = check(root)
    assert result.exit_code == 1
    assert result.lines[0] == "content/articles:1:1: error: content/articles must be a folder"
