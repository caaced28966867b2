"""Times factcheck's Markdown parser (factcheck.markdown.parse) on pathological bodies: long
runs of brackets, many citations or claim links on one line, deep nesting.

    python benchmarks/pathological_markdown.py [--size 1000000] [--only NAME ...]
        [--timeout 600] [--json FILE]

Each case runs in a child process with a time limit, so a case that takes minutes is reported as
"> TIMEOUT s" instead of holding up the rest. Sizes are in characters of the body. The same cases,
smaller, are tests in tests/test_markdown_limits.py.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CASES: dict[str, tuple[str, str, str]] = {
    # name: (before the repeated unit, the unit, after it)
    "[[ run": ("", "[[", ""),
    "[@ run": ("", "[@", ""),
    "[ run": ("", "[", ""),
    "[ run, then ]": ("", "[", "]"),
    "![ run": ("", "![", ""),
    "* run in text": ("a ", "*", ""),
    "*a run": ("", "*a ", ""),
    "nested > (one line)": ("", ">", " x"),
    "nested > (lines)": ("", "> ", "x"),
    "[@a] citations": ("", "[@a] ", ""),
    "[[a]] claim links": ("", "[[a]] ", ""),
    "[[a|b]] claim links": ("", "[[a|b]] ", ""),
    "bad links": ("", "[x](javascript:a) ", ""),
    "[[x| unclosed": ("", "[[x|", ""),
    "[a]( unclosed": ("", "[a](", ""),
    "`a backticks": ("", "`a", ""),
    "nested lists": ("", "- ", "x"),
}


def _body(name: str, size: int) -> str:
    head, unit, tail = CASES[name]
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def _run(name: str, size: int, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from factcheck.markdown import parse

    body = _body(name, size)
    started = time.perf_counter()
    parse(body, 1)
    out.put(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--only", nargs="*", choices=list(CASES), default=None)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results: dict[str, float | None] = {}
    for name in args.only or list(CASES):
        out: multiprocessing.Queue[float] = multiprocessing.Queue()
        child = multiprocessing.Process(target=_run, args=(name, args.size, out))
        child.start()
        child.join(args.timeout)
        if child.is_alive():
            child.kill()
            child.join()
            results[name] = None
            print(f"{name:22} {args.size:>9} chars  > {args.timeout:.0f} s (stopped)", flush=True)
        else:
            results[name] = out.get()
            print(f"{name:22} {args.size:>9} chars  {results[name]:8.2f} s", flush=True)
    if args.json:
        args.json.write_text(json.dumps({"size": args.size, "seconds": results}, indent=2))


if __name__ == "__main__":
    main()
