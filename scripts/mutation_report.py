"""The score of a mutmut run over the publication rules, per module, with every survivor's diff.

    python scripts/mutation_report.py PATTERN...      (run by scripts/mutation.sh)

Reads mutmut's results in mutants/ for the mutants whose names match the PATTERNs (those that
scripts/mutation.sh ran). A survivor is either killed by a test, or listed in :data:`EQUIVALENT`
with the reason it cannot change what a reader sees; anything else fails the run (exit 1), as
does a mutant that no test reached or that was not run. See docs/security.md, section 9.
"""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

MUTANTS = Path("mutants")

STATUS = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    None: "not run",
    36: "timeout",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
    37: "type check",
}
"""mutmut's exit codes (mutmut/stats.py), as this report counts them."""


@dataclass(frozen=True)
class Equivalent:
    function: str
    """The mutated function, as mutmut names it (without ``__mutmut_N``)."""
    change: str
    """The mutated line, as the diff shows it after ``+`` (whitespace stripped)."""
    reason: str


EQUIVALENT: list[Equivalent] = []
"""Survivors that cannot change what a reader sees, matched by function and mutated line (not
by number: mutmut numbers mutants afresh when a function changes)."""


def matches(name: str, patterns: list[str]) -> bool:
    return any(name == p or fnmatch.fnmatch(name, p) for p in patterns)


def function_of(name: str) -> str:
    return re.sub(r"__mutmut_\d+$", "", name)


def module_of(name: str) -> str:
    return name.split(".x")[0] if ".x" in name else name.rsplit(".", 1)[0]


def diff(name: str) -> str:
    shown = subprocess.run(
        [sys.executable, "-m", "mutmut", "show", name], capture_output=True, text=True, check=False
    )
    return shown.stdout.strip()


def changed_lines(text: str) -> list[str]:
    return [
        line[1:].strip()
        for line in text.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]


def explained(name: str, text: str) -> Equivalent | None:
    added = changed_lines(text)
    for entry in EQUIVALENT:
        if function_of(name) == entry.function and entry.change in added:
            return entry
    return None


def main(patterns: list[str]) -> int:
    results: dict[str, int | None] = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        results.update({k: v for k, v in codes.items() if matches(k, patterns)})
    if not results:
        print("mutation_report: no mutants match", patterns)
        return 1
    by_module: dict[str, Counter[str]] = {}
    survivors = []
    for name, code in sorted(results.items()):
        status = STATUS.get(code, f"exit {code}")
        by_module.setdefault(module_of(name), Counter())[status] += 1
        if status != "killed" and status != "timeout":
            survivors.append((name, status))
    failures = 0
    equivalent: Counter[str] = Counter()
    for name, status in survivors:
        text = diff(name)
        entry = explained(name, text) if status == "survived" else None
        if entry is not None:
            equivalent[module_of(name)] += 1
            print(f"equivalent {name}: {entry.reason}")
            continue
        failures += 1
        print(f"\n{status.upper()} {name}\n{text}\n")
    columns = ("mutants", "killed", "timeout", "survived", "equivalent", "other")
    print(f"\n{'module':<22}" + "".join(f"{c:>11}" for c in columns))
    total: Counter[str] = Counter()
    for module, counts in sorted(by_module.items()):
        row = Counter(
            {
                "mutants": sum(counts.values()),
                "killed": counts["killed"],
                "timeout": counts["timeout"],
                "equivalent": equivalent[module],
                "survived": counts["survived"] - equivalent[module],
                "other": sum(
                    n for s, n in counts.items() if s not in ("killed", "timeout", "survived")
                ),
            }
        )
        total.update(row)
        print(f"{module:<22}" + "".join(f"{row[c]:>11}" for c in columns))
    print(f"{'total':<22}" + "".join(f"{total[c]:>11}" for c in columns))
    scored = total["mutants"] - total["equivalent"]
    score = 100 * (total["killed"] + total["timeout"]) / scored if scored else 0.0
    print(
        f"score: {score:.1f}% of {scored} non-equivalent mutants killed; "
        f"{failures} not killed and not explained"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
