"""A rating never changes silently: `factcheck publish` compares the project with what its target
serves (a folder's claimreview.json, a git branch's, the copy kept for an rsync destination) and
refuses a changed rating without a `rating-change` correction dated after that publication, and
a published check that would disappear without `withdrawn:`. `factcheck check --against` makes
the same comparison with a feed given by path or URL."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from helpers import CONFIG, REVIEWER, run_cli, write_project

from factcheck.diagnostics import Diagnostics
from factcheck.project import open_project
from factcheck.readiness import published_record_problems
from factcheck.served import ServedFeed, ServedReview, claim_of, parse_feed

BUDGET = "content/verdicts/budget-doubled/sam.md"
FARES = "content/verdicts/fares-frozen/sam.md"
FILES = {
    "content/reviewers/sam.md": REVIEWER,
    "content/claims/budget-doubled.md": "---\nsummary: The budget doubled.\n---\n",
    BUDGET: (
        "---\nclaim: budget-doubled\nreviewer: sam\nrating: misleading\nstatus: approved\n"
        "date: 2026-03-12\nheadline: Up 31 percent.\n---\nThe reasoning.\n"
    ),
    "content/claims/fares-frozen.md": "---\nsummary: Fares are frozen.\n---\n",
    FARES: (
        "---\nclaim: fares-frozen\nreviewer: sam\nrating: accurate\nstatus: approved\n"
        "date: 2026-04-01\nheadline: They are.\n---\nThe plan.\n"
    ),
    "content/claims/ridership-third.md": "---\nsummary: Ridership fell by a third.\n---\n",
}
CHANGED = (
    "content/verdicts/budget-doubled/sam.md:4:9: error: claim 'budget-doubled' was published as "
    "Misleading on 12 March 2026 and is now rated False, with no rating-change correction dated "
    "after that publication"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(
        tmp_path / "project", FILES, config=CONFIG + "base_url: https://check.example.org/\n"
    )


def publish(project: Path, *args: str) -> str:
    result = run_cli("publish", "--project", str(project), *args)
    result.assert_no_crash()
    assert result.exit_code == 0, result.output
    return result.output


def refused(project: Path, *args: str) -> str:
    result = run_cli("publish", "--project", str(project), *args)
    result.assert_no_crash()
    assert result.exit_code == 1, result.output
    assert "nothing was published" in result.output
    return result.output


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text("utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new, 1), "utf-8")


def add_entry(project: Path, rel: str, date: str, kind: str, note: str) -> None:
    path = project / rel
    text = path.read_text("utf-8")
    if "corrections:" not in text:
        text = text.replace("\n---\n", "\ncorrections:\n---\n", 1)
    entry = f"  - date: {date}\n    kind: {kind}\n    note: {note}\n"
    path.write_text(text.replace("corrections:\n", "corrections:\n" + entry, 1), "utf-8")


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def served_reviews(feed: bytes) -> dict[str, dict[str, Any]]:
    data = json.loads(feed)
    reviews = {}
    for element in data["dataFeedElement"]:
        claim = claim_of(element["item"][0]["url"])
        assert claim is not None, element
        reviews[claim] = element["item"][0]
    return reviews


# -- to a folder ----------------------------------------------------------------------------------


def test_a_changed_rating_is_refused_until_a_rating_change_is_noted(
    project: Path, tmp_path: Path
) -> None:
    target = tmp_path / "www"
    publish(project, "--to", "folder", str(target))
    before = files(target)
    edit(project, BUDGET, "rating: misleading", 'rating: "false"')

    output = refused(project, "--to", "folder", str(target))
    assert CHANGED in output
    # The entry to add, as YAML, under the file's front matter.
    assert (
        "hint: a published rating never changes silently: add this entry to "
        f"{BUDGET}:\n        corrections:\n          - date: "
    ) in output
    assert "            kind: rating-change\n" in output
    assert "We changed our rating from Misleading to False because ..." in output
    assert files(target) == before, "nothing is written when publishing is refused"
    # --dry-run says the same.
    assert CHANGED in refused(project, "--to", "folder", str(target), "--dry-run")

    # An entry of another kind, or dated before the publication, does not do.
    add_entry(project, BUDGET, "2026-04-02", "correction", "We fixed a figure.")
    add_entry(project, BUDGET, "2026-03-01", "rating-change", "Too early.")
    assert CHANGED in refused(project, "--to", "folder", str(target))

    add_entry(project, BUDGET, "2026-04-02", "rating-change", "We first rated it misleading.")
    publish(project, "--to", "folder", str(target))
    review = served_reviews((target / "claimreview.json").read_bytes())["budget-doubled"]
    assert review["reviewRating"]["alternateName"] == "False"
    assert review["dateModified"] == "2026-04-02"
    html = (target / "claims/budget-doubled.html").read_text("utf-8")
    assert "We first rated it misleading." in html and "Rating changed" in html
    assert "We first rated it misleading." in (target / "corrections/index.html").read_text()
    feed = (target / "corrections.xml").read_text("utf-8")
    assert "<title>Rating changed: The budget doubled.</title>" in feed
    assert "https://check.example.org/claims/budget-doubled.html#correction-2026-04-02" in feed

    # Changing it back needs an entry dated after that update: the one above is in it.
    edit(project, BUDGET, 'rating: "false"', "rating: misleading")
    output = refused(project, "--to", "folder", str(target))
    assert (
        "claim 'budget-doubled' was published as False on 12 March 2026 (last updated 2 April "
        "2026) and is now rated Misleading, with no rating-change correction dated after that "
        "update"
    ) in output
    # The file has a corrections list already: the hint shows the entry alone.
    assert f"add this entry to {BUDGET} (to its corrections list):\n        - date: " in output


def test_a_published_check_that_would_disappear_must_be_withdrawn(
    project: Path, tmp_path: Path
) -> None:
    target = tmp_path / "www"
    publish(project, "--to", "folder", str(target))
    edit(project, FARES, "status: approved", "status: submitted")
    output = refused(project, "--to", "folder", str(target))
    assert (
        "content/claims/fares-frozen.md:1:1: error: claim 'fares-frozen' was published as "
        "Accurate on 1 April 2026 and is now back in review: its check would disappear from "
        "the site"
    ) in output
    assert (
        "withdraw it by adding to content/claims/fares-frozen.md:\n        withdrawn:\n" in output
    )

    edit(
        project,
        "content/claims/fares-frozen.md",
        "summary: Fares are frozen.\n",
        "summary: Fares are frozen.\n"
        "withdrawn:\n  date: 2026-05-01\n  note: We misread the plan.\n",
    )
    publish(project, "--to", "folder", str(target))
    html = (target / "claims/fares-frozen.html").read_text("utf-8")  # the page stays
    assert "We withdrew this fact check" in html and "We misread the plan." in html
    assert "application/ld+json" not in html  # its ClaimReview is gone from the page
    assert "fares-frozen" not in served_reviews((target / "claimreview.json").read_bytes())

    # A published claim removed from the project is refused at its line in the served feed.
    shutil.rmtree(project / "content/verdicts/budget-doubled")
    (project / "content/claims/budget-doubled.md").unlink()
    output = refused(project, "--to", "folder", str(target))
    feed = (target / "claimreview.json").read_text("utf-8")
    line = next(n for n, text in enumerate(feed.splitlines(), 1) if "budget-doubled" in text)
    assert (
        f"{target / 'claimreview.json'}:{line}:1: error: claim 'budget-doubled' was published as "
        "Misleading on 12 March 2026 and is no longer in the project"
    ) in output
    assert "restore the claim (under the same id) and withdraw it" in output


def test_a_correction_the_day_a_check_went_out_counts(project: Path, tmp_path: Path) -> None:
    """Without a dateModified, an entry of the publication's own day is after it; with one, an
    entry of that day is already in it, and a time tells a later one apart."""
    project_, _ = open_project(project)
    assert project_ is not None
    zone = dt.UTC

    def problems(served: ServedReview) -> list[str]:
        assert project_ is not None
        diags = Diagnostics()
        published_record_problems(
            project_, ServedFeed("feed", {served.claim: served}), diags, now=dt.datetime.now(zone)
        )
        return [d.message for d in diags]

    edit(project, BUDGET, "rating: misleading", 'rating: "false"')
    add_entry(project, BUDGET, "2026-03-12", "rating-change", "Changed the same day.")
    project_, _ = open_project(project)
    assert project_ is not None
    assert problems(ServedReview("budget-doubled", "Misleading", "2026-03-12", None, 3)) == []
    assert problems(ServedReview("budget-doubled", "misleading", "2026-03-12", "2026-03-12", 3))
    # A label written in another case is the same rating; a rating's id names it too.
    assert problems(ServedReview("budget-doubled", "FALSE", "2026-03-12", "2026-03-12", 3)) == []
    assert problems(ServedReview("budget-doubled", "false", None, None, 3)) == []
    add_entry(project, BUDGET, "2026-03-12T16:30:00", "rating-change", "Later that day.")
    project_, _ = open_project(project)
    assert project_ is not None
    later = ServedReview("budget-doubled", "Misleading", "2026-03-12", "2026-03-12", 3)
    assert problems(later) == []


def test_a_feed_of_another_site_is_said_to_be_one(project: Path) -> None:
    loaded, _ = open_project(project)
    assert loaded is not None
    diags = Diagnostics()
    reviews = {c: ServedReview(c, "False", "2026-01-01", None, n) for n, c in enumerate("ab", 2)}
    published_record_problems(loaded, ServedFeed("other.json", reviews), diags)
    assert diags.format_text().splitlines() == [
        "other.json:1:1: warning: none of the 2 claims published in this feed is in the project",
        "    hint: is it this site's own claimreview.json?",
        "other.json:2:1: error: claim 'a' was published as False on 1 January 2026 and is no "
        "longer in the project",
        "    hint: a published page must not disappear: restore the claim (under the same id) "
        "and withdraw it with 'withdrawn: {date, note}'",
        "other.json:3:1: error: claim 'b' was published as False on 1 January 2026 and is no "
        "longer in the project",
        "    hint: a published page must not disappear: restore the claim (under the same id) "
        "and withdraw it with 'withdrawn: {date, note}'",
    ]


def test_each_published_claim_is_found_at_its_line_of_the_feed() -> None:
    """As factcheck writes it (one element a line), and as an encoder that writes '/' as '\\/'
    and pretty-prints does."""
    feed = (
        '{"@type": "DataFeed", "dataFeedElement": [\n'
        '{"item": [{"@type": "ClaimReview", "url": "https://x.org/claims/a.html", '
        '"reviewRating": {"alternateName": "False"}}]},\n'
        "{\n"
        '  "item": [{\n'
        '    "@type": "ClaimReview",\n'
        '    "url": "https:\\/\\/x.org\\/claims\\/b.html",\n'
        '    "reviewRating": {"alternateName": "True"}\n'
        "  }]\n"
        "}]}\n"
    )
    diags = Diagnostics()
    served = parse_feed(feed.encode(), "feed.json", diags)
    assert served is not None and not list(diags)
    assert {c: (r.rating, r.line) for c, r in served.reviews.items()} == {
        "a": ("False", 2),
        "b": ("True", 6),
    }


# -- to a git branch ------------------------------------------------------------------------------


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("where", ["the project's repository", "a remote"])
def test_a_git_branch_is_compared_with_what_it_holds(
    project: Path, tmp_path: Path, where: str
) -> None:
    if where == "a remote":
        repo = tmp_path / "pages.git"
        git("init", "-q", "--bare", str(repo), cwd=tmp_path)
        args = ["--to", "git-branch", "gh-pages", "--remote", str(repo)]
    else:
        repo = project
        git("init", "-q", "-b", "main", cwd=project)
        git("commit", "-q", "--allow-empty", "-m", "start", cwd=project)
        args = ["--to", "git-branch", "gh-pages"]
    publish(project, *args)
    head = git("rev-parse", "gh-pages", cwd=repo)
    edit(project, BUDGET, "rating: misleading", 'rating: "false"')
    output = refused(project, *args)
    assert CHANGED in output
    assert git("rev-parse", "gh-pages", cwd=repo) == head, "the branch did not move"

    add_entry(project, BUDGET, "2026-04-02", "rating-change", "We first rated it misleading.")
    publish(project, *args)
    feed = git("show", "gh-pages:claimreview.json", cwd=repo).encode()
    assert served_reviews(feed)["budget-doubled"]["dateModified"] == "2026-04-02"
    html = git("show", "gh-pages:claims/budget-doubled.html", cwd=repo)
    assert '"dateModified": "2026-04-02"' in html
    assert "Rating changed" in html and "We first rated it misleading." in html
    assert "We first rated it misleading." in git("show", "gh-pages:corrections.xml", cwd=repo)

    # Withdrawn: the page stays on the branch, saying so; its ClaimReview goes.
    edit(project, FARES, "status: approved", "status: draft")
    assert "withdraw it by adding to content/claims/fares-frozen.md" in refused(project, *args)
    edit(
        project,
        "content/claims/fares-frozen.md",
        "summary: Fares are frozen.\n",
        "summary: Fares are frozen.\nwithdrawn:\n  date: 2026-05-01\n  note: We misread it.\n",
    )
    publish(project, *args)
    html = git("show", "gh-pages:claims/fares-frozen.html", cwd=repo)
    assert "We withdrew this fact check" in html and "We misread it." in html
    assert "application/ld+json" not in html
    feed = git("show", "gh-pages:claimreview.json", cwd=repo).encode()
    assert "fares-frozen" not in served_reviews(feed)


# -- with rsync: a copy of the last published feed in the project's cache --------------------------


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_rsync_keeps_a_copy_of_the_published_feed_and_says_so(
    project: Path, tmp_path: Path
) -> None:
    target = tmp_path / "rsync-target"
    target.mkdir()
    output = publish(project, "--to", "rsync", str(target))
    kept = list((project / ".factcheck-cache/published").glob("rsync-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == (target / "claimreview.json").read_bytes()
    assert (
        f"kept a copy of the data feed published to {target} in "
        f".factcheck-cache/published/{kept[0].name}"
    ) in output
    # `build --clean` discards the build cache, not this record.
    assert run_cli("build", "--project", str(project), "--clean").exit_code == 0
    assert kept[0].is_file()

    edit(project, BUDGET, "rating: misleading", 'rating: "false"')
    before = files(target)
    assert CHANGED in refused(project, "--to", "rsync", str(target))
    assert files(target) == before
    # Another destination has no record: its ratings cannot be compared, and it says so.
    other = tmp_path / "elsewhere"
    other.mkdir()
    output = publish(project, "--to", "rsync", str(other))
    assert "warning: no copy of the data feed last published to" in output


# -- check --against -----------------------------------------------------------------------------


@pytest.fixture
def published(project: Path, tmp_path: Path) -> Path:
    """The project published to a folder, then its rating changed."""
    target = tmp_path / "www"
    publish(project, "--to", "folder", str(target))
    edit(project, BUDGET, "rating: misleading", 'rating: "false"')
    return target


@pytest.fixture
def http_site(published: Path) -> Iterator[str]:
    """The published folder served over HTTP on localhost."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(published))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def check(project: Path, *args: str) -> tuple[int, str]:
    result = run_cli("check", "--project", str(project), *args)
    result.assert_no_crash()
    return result.exit_code, result.output


def test_check_against_a_file_or_a_folder(project: Path, published: Path) -> None:
    for feed in (published / "claimreview.json", published):
        code, output = check(project, "--against", str(feed))
        assert code == 1 and CHANGED in output, output
    add_entry(project, BUDGET, "2026-04-02", "rating-change", "We first rated it misleading.")
    code, output = check(project, "--against", str(published))
    assert code == 0, output


def test_check_against_a_url(project: Path, published: Path, http_site: str) -> None:
    code, output = check(project, "--against", http_site + "claimreview.json", "--format", "json")
    assert code == 1
    report = json.loads(output)
    assert [d["message"] for d in report["diagnostics"]] == [CHANGED.split(": error: ")[1]]
    assert "kind: rating-change" in report["diagnostics"][0]["hint"]
    code, output = check(project, "--against", http_site + "missing.json")
    assert code == 1
    assert f"{http_site}missing.json:1:1: error: {http_site}missing.json answered 404" in output


def test_check_against_what_cannot_be_read(project: Path, tmp_path: Path) -> None:
    code, output = check(project, "--against", str(tmp_path / "nowhere.json"))
    assert code == 2 and "--against: no such file" in output
    broken = tmp_path / "broken.json"
    broken.write_text('{"dataFeedElement": [\n  {"item": oops}\n]}\n', "utf-8")
    code, output = check(project, "--against", str(broken))
    assert code == 1
    assert f"{broken}:2:12: error: the published feed is not JSON: Expecting value" in output
    code, output = check(project, "--against", "http://127.0.0.1:9/claimreview.json")
    assert code == 1 and "cannot fetch http://127.0.0.1:9/claimreview.json" in output


# -- the words of each refusal, exactly (what the entry to add says, and where) -------------------

PARIS = "Europe/Paris"
NOW = dt.datetime(2026, 5, 2, 9, 30, tzinfo=ZoneInfo(PARIS))
"""9:30 in Paris, 07:30 UTC: that day's midnight in the project's zone is 22:00 UTC the day
before."""
ARTICLE = "content/articles/speech.md"


def refusals(root: Path, *reviews: ServedReview, now: dt.datetime = NOW) -> list[str]:
    loaded, diags = open_project(root)
    assert loaded is not None and not diags.has_errors(), diags.format_text()
    found = Diagnostics()
    published_record_problems(
        loaded, ServedFeed("feed.json", {r.claim: r for r in reviews}), found, now=now
    )
    return found.format_text().splitlines()


@pytest.fixture
def paris(tmp_path: Path) -> Path:
    """The project of this file, in Paris time, with an article whose claim is published."""
    return write_project(
        tmp_path / "paris",
        {
            **FILES,
            ARTICLE: (
                "---\ntitle: A speech\nclaims:\n  - id: homes-built\n    quote: built 1,200 homes\n"
                "    summary: The city built 1,200 homes.\n---\nWe built 1,200 homes this year.\n"
            ),
            "content/verdicts/homes-built/sam.md": (
                "---\nclaim: homes-built\nreviewer: sam\nrating: accurate\nstatus: approved\n"
                "date: 2026-04-10\nheadline: It did.\n---\nThe register.\n"
            ),
        },
        config=CONFIG + f"timezone: {PARIS}\nbase_url: https://check.example.org/\n",
    )


def test_a_check_that_would_disappear_is_told_where_to_add_withdrawn(paris: Path) -> None:
    (paris / BUDGET).unlink()
    edit(paris, "content/verdicts/homes-built/sam.md", "status: approved", "status: submitted")
    assert refusals(
        paris,
        ServedReview("budget-doubled", "Misleading", "2026-03-12", "2026-03-20T10:00:00Z", 3),
        ServedReview("homes-built", "Accurate", "2026-04-10", None, 4),
    ) == [
        f"{ARTICLE}:4:5: error: claim 'homes-built' was published as Accurate on 10 April 2026 "
        "and is now back in review: its check would disappear from the site",
        "    hint: a published check is corrected or withdrawn, never silently taken down: "
        f"publish it again, or withdraw it by adding to its entry in the claims of {ARTICLE}:",
        "        withdrawn:",
        "          date: 2026-05-02",
        "          note: >-",
        "            We withdrew this check because ...",
        "content/claims/budget-doubled.md:1:1: error: claim 'budget-doubled' was published as "
        "Misleading on 12 March 2026 (last updated 20 March 2026) and is now without an approved "
        "verdict: its check would disappear from the site",
        "    hint: a published check is corrected or withdrawn, never silently taken down: "
        "publish it again, or withdraw it by adding to content/claims/budget-doubled.md:",
        "        withdrawn:",
        "          date: 2026-05-02",
        "          note: >-",
        "            We withdrew this check because ...",
    ]


def _rating_change_hint(path: str, date: str, old: str, new: str, *, header: bool) -> list[str]:
    entry = [
        f"- date: {date}",
        "  kind: rating-change",
        "  note: >-",
        f"    We changed our rating from {old} to {new} because ...",
    ]
    if header:
        return [
            f"    hint: a published rating never changes silently: add this entry to {path}:",
            "        corrections:",
            *(f"          {line}" for line in entry),
        ]
    return [
        f"    hint: a published rating never changes silently: add this entry to {path} (to its "
        "corrections list):",
        *(f"        {line}" for line in entry),
    ]


def test_a_changed_rating_is_told_the_entry_to_add_dated_today(paris: Path) -> None:
    """Dated today, in the project's zone; with the time when what is served was updated since
    that day began (an entry of the day alone would count as already in it)."""
    edit(paris, BUDGET, "rating: misleading", 'rating: "false"')
    head = (
        f"{BUDGET}:4:9: error: claim 'budget-doubled' was published as Misleading on 12 March 2026"
    )
    assert refusals(paris, ServedReview("budget-doubled", "Misleading", "2026-03-12", None, 3)) == [
        f"{head} and is now rated False, with no rating-change correction dated after that "
        "publication",
        *_rating_change_hint(BUDGET, "2026-05-02", "Misleading", "False", header=True),
    ]
    # Updated at 01:00 in Paris on the 2nd (23:00 UTC on the 1st): after the day began there.
    updated = ServedReview("budget-doubled", "Misleading", "2026-03-12", "2026-05-01T23:00Z", 3)
    assert refusals(paris, updated) == [
        f"{head} (last updated 1 May 2026) and is now rated False, with no rating-change "
        "correction dated after that update",
        *_rating_change_hint(BUDGET, "2026-05-02T09:30", "Misleading", "False", header=True),
    ]
    # Updated at 23:00 in Paris on the 1st: an entry dated the 2nd is after it.
    earlier = ServedReview("budget-doubled", "Misleading", "2026-03-12", "2026-05-01T21:00Z", 3)
    assert refusals(paris, earlier)[1:] == _rating_change_hint(
        BUDGET, "2026-05-02", "Misleading", "False", header=True
    )
    # A verdict that has a corrections list already gets the entry alone.
    add_entry(paris, BUDGET, "2026-03-13", "clarification", "A word.")
    assert refusals(paris, earlier)[1:] == _rating_change_hint(
        BUDGET, "2026-05-02", "Misleading", "False", header=False
    )
    # ... and a correction dated after the served update covers the change.
    add_entry(paris, BUDGET, "2026-05-02", "rating-change", "Changed.")  # (its midnight, Paris)
    assert refusals(paris, earlier) == []


def test_the_entry_goes_to_the_ruling_or_the_verdict_with_corrections_or_the_latest(
    paris: Path,
) -> None:
    kim = "content/verdicts/budget-doubled/kim.md"
    (paris / "content/reviewers/kim.md").write_text("---\nname: Kim Lee\n---\n", "utf-8")
    (paris / kim).write_text(
        '---\nclaim: budget-doubled\nreviewer: kim\nrating: "false"\nstatus: approved\n'
        "date: 2026-03-14\nheadline: No.\n---\nThe accounts.\n",
        "utf-8",
    )
    edit(paris, BUDGET, "rating: misleading", 'rating: "false"')
    served = ServedReview("budget-doubled", "Misleading", "2026-03-12", None, 3)
    assert refusals(paris, served)[0].startswith(f"{kim}:4:9: error:")  # the latest
    add_entry(paris, BUDGET, "2026-03-13", "clarification", "A word.")
    assert refusals(paris, served)[0].startswith(f"{BUDGET}:4:9: error:")  # has corrections
    (paris / "content/reviewers/ed.md").write_text(
        "---\nname: Ed Itor\nrole: editor\n---\n", "utf-8"
    )
    ruling = "content/verdicts/budget-doubled/ed.md"
    (paris / ruling).write_text(
        '---\nclaim: budget-doubled\nreviewer: ed\nrating: "false"\nstatus: approved\n'
        "final: true\ndate: 2026-03-10\nheadline: Ruled.\n---\nRuled.\n",
        "utf-8",
    )
    assert refusals(paris, served)[0].startswith(f"{ruling}:4:9: error:")  # the ruling


def test_a_label_unlike_its_id_is_the_same_rating(paris: Path) -> None:
    edit(paris, BUDGET, "rating: misleading", "rating: mostly-accurate")
    loaded, _ = open_project(paris)
    assert loaded is not None
    rating = loaded.config.rating("mostly-accurate")
    assert rating is not None and rating.label.casefold() != "mostly-accurate"
    assert (
        refusals(paris, ServedReview("budget-doubled", rating.label, "2026-03-12", None, 3)) == []
    )
    assert refusals(paris, ServedReview("budget-doubled", "Accurate", "2026-03-12", None, 3))


def test_every_claim_after_a_withdrawn_one_is_compared(paris: Path) -> None:
    edit(
        paris,
        "content/claims/budget-doubled.md",
        "---\n",
        "---\nwithdrawn:\n  date: 2026-04-01\n  note: We withdrew it.\n",
    )
    edit(paris, FARES, "rating: accurate", "rating: misleading")
    lines = refusals(
        paris,
        ServedReview("budget-doubled", "Misleading", "2026-03-12", None, 3),
        ServedReview("fares-frozen", "Accurate", "2026-04-01", None, 4),
    )
    assert lines and lines[0].startswith(f"{FARES}:4:9: error: claim 'fares-frozen'"), lines


def test_one_claim_not_in_the_project_is_not_a_feed_of_another_site(paris: Path) -> None:
    lines = refusals(paris, ServedReview("gone", "False", "2026-01-01", None, 2))
    assert [line for line in lines if "warning" in line] == []
    assert lines[0].startswith("feed.json:2:1: error: claim 'gone' was published as False")
