"""Mutants of the publication rules that mutmut does not make: it mutates the bodies of the
functions it is given, not module constants, properties, an ``if`` that it cannot negate,
templates, or code outside those functions. Each mutant here is one textual change, applied to
a copy of the repository; the tests of the publication rules (the same as mutmut's, from
pyproject.toml) are run on it and must fail (the mutant is killed).

    python scripts/hand_mutants.py        (from anywhere; run by scripts/mutation.sh)

Prints one line per mutant and exits 1 if any survived. See docs/security.md, section 9.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = (
    "factcheck",
    "tests",
    "content",
    "static",
    "templates",
    "factcheck.yaml",
    "pyproject.toml",
)
MUTMUT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
TESTS: list[str] = MUTMUT["pytest_add_cli_args_test_selection"]
"""The same tests as mutmut's (pyproject.toml, [tool.mutmut])."""


@dataclass(frozen=True)
class Mutant:
    file: str
    text: str
    replacement: str
    effect: str
    """What it would do."""
    tests: tuple[str, ...] = ()
    """Tests run on it besides :data:`TESTS`."""


MUTANTS = [
    Mutant(
        "factcheck/model.py",
        'return self.status == "approved"',
        'return self.status != "draft"',
        "a submitted verdict counts as approved",
    ),
    Mutant(
        "factcheck/model.py",
        'return self.status == "approved"',
        'return self.status in ("approved", "draft")',
        "a draft counts as approved",
    ),
    Mutant(
        "factcheck/loader.py",
        'status = f.choice("status", VERDICT_STATUSES, default="draft")',
        'status = f.choice("status", VERDICT_STATUSES, default="approved")',
        "a verdict that does not say its status is approved",
    ),
    Mutant(
        "factcheck/views.py",
        'PUBLIC_PENDING_STATE = "in review"',
        'PUBLIC_PENDING_STATE = "disputed"',
        "every unpublished claim is called disputed",
    ),
    Mutant(
        "factcheck/views.py",
        "claim.state.value if published or withdrawn else PUBLIC_PENDING_STATE",
        "claim.state.value",
        "an unpublished claim's state (disputed, unreviewed) is public",
    ),
    Mutant(
        "factcheck/render.py",
        'preview = {"desk": urls.DESK} if views.preview else None',
        'preview = {"desk": urls.DESK}',
        "templates show the preview's parts in a public build",
    ),
    Mutant(
        "factcheck/pages.py",
        "if views.preview:\n        yield _desk_page(views)",
        "yield _desk_page(views)",
        "the review desk is a page of the public site",
    ),
    Mutant(
        "templates/claim.html",
        '"claim-page tone-{{ claim.tone }}" {% if claim.published %}data-pagefind-body{% endif %}',
        '"claim-page tone-{{ claim.tone }}" data-pagefind-body',
        "an unpublished claim's page is in the search index",
    ),
    Mutant(
        "factcheck/serve/preview.py",
        '"published", serve_folder(self.root, "published"), preview=False',
        '"published", serve_folder(self.root, "published"), preview=True',
        "the preview server's published view shows drafts",
        ("tests/serve/test_review_preview.py",),
    ),
    # A rating never changes silently (readiness.published_record_problems; issue 11).
    Mutant(
        "factcheck/readiness.py",
        "            _rating_changed(project, claim, review, diags, now, zone)",
        "            pass",
        "publish lets a published rating change without a rating-change correction",
        ("tests/publish/test_published_record.py",),
    ),
    Mutant(
        "factcheck/readiness.py",
        "            _unpublished(claim, review, diags, now)",
        "            pass",
        "publish lets a published check disappear without withdrawn",
        ("tests/publish/test_published_record.py",),
    ),
    Mutant(
        "factcheck/readiness.py",
        'if entry.kind == "rating-change" and when is not None',
        "if when is not None",
        "any correction, not only a rating-change, lets a rating change",
        ("tests/publish/test_published_record.py",),
    ),
    Mutant(
        "factcheck/commands/publish.py",
        "        if refusals.has_errors():",
        "        if False:",
        "publish goes ahead whatever the comparison with the target found",
        ("tests/publish/test_published_record.py",),
    ),
    Mutant(
        "factcheck/review.py",
        "    if claim.withdrawn is not None:\n        return _withdrawn(claim)\n",
        "",
        "a withdrawn check stays published, with its ClaimReview",
        ("tests/test_corrections.py",),
    ),
]


def run(mutant: Mutant) -> tuple[bool, float]:
    """Whether the tests fail on a copy of the repository with ``mutant`` applied."""
    with tempfile.TemporaryDirectory(prefix="hand-mutant-") as scratch:
        copy = Path(scratch) / "repo"
        copy.mkdir()
        for name in COPIED:
            source = REPO / name
            if source.is_dir():
                shutil.copytree(
                    source,
                    copy / name,
                    ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"),
                )
            else:
                shutil.copy2(source, copy / name)
        # The package factcheck.default_theme is templates/ (pyproject.toml, package-dir).
        (copy / "factcheck" / "default_theme").symlink_to(Path("..") / "templates")
        target = copy / mutant.file
        original = target.read_text(encoding="utf-8")
        count = original.count(mutant.text)
        assert count == 1, f"{mutant.file}: {mutant.text!r} is there {count} times, not once"
        target.write_text(original.replace(mutant.text, mutant.replacement), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
        # The copy's factcheck and theme, not the installed ones, are what the tests use.
        where = subprocess.run(
            [
                sys.executable,
                "-c",
                "import factcheck.theme as t; print(t.__file__); print(t.theme_dir())",
            ],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert all(Path(p).is_relative_to(copy) for p in where.stdout.split()), where.stdout
        start = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-x",
                "-q",
                "-p",
                "no:randomly",
                *MUTMUT["pytest_add_cli_args"],
                *TESTS,
                *mutant.tests,
            ],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        return result.returncode == 1, time.perf_counter() - start


def main() -> int:
    survived = 0
    for mutant in MUTANTS:
        killed, seconds = run(mutant)
        survived += not killed
        print(
            f"{'killed  ' if killed else 'SURVIVED'} {mutant.file}: {mutant.effect} "
            f"({seconds:.0f} s)",
            flush=True,
        )
    print(f"{len(MUTANTS)} hand mutants: {len(MUTANTS) - survived} killed, {survived} survived")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
