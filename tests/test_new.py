"""``factcheck new``: every kind writes a file that passes ``check``, and nothing is overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.commands.init import run_init
from factcheck.content_files import render_document
from factcheck.diagnostics import Diagnostics
from factcheck.frontmatter import decode, split
from factcheck.project import open_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project made by ``factcheck init`` (the scaffold: claims council-tax-frozen and
    bus-fares-halved, reviewers first-reviewer and the-editor, evidence council-tax-bills)."""
    root = tmp_path / "site"
    assert run_init(root) == 0
    return root


def new(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--project", str(root), "new", *args])


def written(result: Result) -> Path:
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path.is_file()
    return path


def front_matter(path: Path) -> dict[str, object]:
    content = split(decode(path.read_bytes(), path.name, Diagnostics()), path.name, Diagnostics())
    assert content is not None
    data = content.meta.data
    assert isinstance(data, dict)
    return data


def assert_clean(root: Path, path: Path) -> None:
    """The whole project checks without errors, and nothing is said about the new file."""
    project, diags = open_project(root)
    assert project is not None
    rel = path.relative_to(root).as_posix()
    assert not diags.errors, diags.format_text()
    assert not [d for d in diags if d.path == rel], diags.format_text()


FORMS = {
    "article": [
        "article",
        "Mayor's speech on housing",
        "--url",
        "https://example.org/speech",
        "--outlet",
        "Example News",
        "--tag",
        "housing",
        "--tag",
        "budget, 2026",
    ],
    "claim": [
        "claim",
        "Bus fares: halved again?",
        "--claimant",
        "A council candidate",
        "--url",
        "https://social.example.net/posts/9",
        "--date",
        "2026-03-01",
    ],
    "verdict": [
        "verdict",
        "bus-fares-halved",
        "--reviewer",
        "first-reviewer",
        "--rating",
        "false",
        "--evidence",
        "council-tax-bills",
        "--headline",
        "Fares were cut by a tenth: not halved.",
    ],
    "evidence": [
        "evidence",
        "--url",
        "https://example.org/budget-2026.pdf",
        "--title",
        "Adopted budget 2026",
        "--kind",
        "official",
        "--published",
        "2026-02-28",
    ],
    "reviewer": [
        "reviewer",
        "Sam Okafor",
        "--role",
        "editor",
        "--url",
        "https://example.org/team/sam",
    ],
}
EXPECTED = {
    "article": "content/articles/mayors-speech-on-housing.md",
    "claim": "content/claims/bus-fares-halved-again.md",
    "verdict": "content/verdicts/bus-fares-halved/first-reviewer.md",
    "evidence": "content/evidence/adopted-budget-2026.md",
    "reviewer": "content/reviewers/sam-okafor.md",
}


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_every_kind_writes_a_file_that_passes_check(project: Path, kind: str) -> None:
    path = written(new(project, *FORMS[kind]))
    assert path == project / EXPECTED[kind]
    assert_clean(project, path)


def test_front_matter_is_filled_from_options_and_defaults(project: Path) -> None:
    meta = front_matter(written(new(project, *FORMS["verdict"])))
    assert meta["rating"] == "false"  # quoted in the file, so read as text, not a boolean
    assert meta["status"] == "draft"
    assert meta["evidence"] == ["council-tax-bills"]
    assert "date" in meta
    article = front_matter(written(new(project, *FORMS["article"])))
    assert article["title"] == "Mayor's speech on housing"
    assert article["source"] == {"url": "https://example.org/speech", "outlet": "Example News"}
    assert article["tags"] == ["housing", "budget, 2026"]
    claim = front_matter(written(new(project, *FORMS["claim"])))
    assert claim["summary"] == "Bus fares: halved again?"
    assert str(claim["date"]) == "2026-03-01"


def test_rating_may_be_given_by_label(project: Path) -> None:
    path = written(
        new(
            project,
            "verdict",
            "bus-fares-halved",
            "--reviewer",
            "the-editor",
            "--rating",
            "Mostly accurate",
            "--final",
        )
    )
    meta = front_matter(path)
    assert meta["rating"] == "mostly-accurate"
    assert meta["final"] is True
    assert_clean(project, path)


def test_never_overwrites(project: Path) -> None:
    path = written(new(project, "claim", "Rents rose by 12 percent in 2025."))
    before = path.read_bytes()
    again = new(project, "claim", "Rents rose by 12 percent in 2025.", "--claimant", "Someone")
    assert again.exit_code == 1
    assert "content/claims/rents-rose-by-12-percent-in-2025.md already exists" in again.output
    assert path.read_bytes() == before


def test_refuses_a_file_that_exists_even_if_the_project_does_not_know_it(project: Path) -> None:
    target = project / "content" / "reviewers" / "jo-bloggs.md"
    target.write_text("not even front matter\n", encoding="utf-8")
    result = new(project, "reviewer", "Jo Bloggs")
    assert result.exit_code == 1
    assert "content/reviewers/jo-bloggs.md already exists" in result.output
    assert target.read_text(encoding="utf-8") == "not even front matter\n"


def test_refuses_an_id_used_by_another_file(project: Path) -> None:
    # council-tax-frozen is a claim inside the scaffold's article, not a file in claims/.
    result = new(project, "claim", "Council tax frozen", "--id", "council-tax-frozen")
    assert result.exit_code == 1
    assert "already used by content/articles/budget-speech.md" in result.output


def test_non_latin_titles_give_ascii_slugs(project: Path) -> None:
    path = written(new(project, "claim", "Цены на хлеб выросли вдвое за год"))
    assert path.name == "tseny-na-khleb-vyrosli-vdvoe-za-god.md"
    assert_clean(project, path)
    greek = written(new(project, "article", "Η Αθήνα και το μετρό"))
    assert greek.name == "i-athina-kai-to-metro.md"
    chinese = written(new(project, "claim", "市长说公交票价减半"))
    assert chinese.name == "shi-zhang-shuo-gong-jiao-piao-jia-jian-ban.md"  # pinyin, by anyascii
    assert_clean(project, chinese)
    # Stable: the same title gives the same id, so a second run refuses instead of duplicating.
    assert new(project, "claim", "市长说公交票价减半").exit_code == 1


def test_verdict_with_unknown_claim_is_refused_with_a_hint(project: Path) -> None:
    result = new(
        project,
        "verdict",
        "bus-fares-halvd",
        "--reviewer",
        "first-reviewer",
        "--rating",
        "misleading",
    )
    assert result.exit_code == 1
    assert "unknown claim 'bus-fares-halvd'" in result.output
    assert "did you mean 'bus-fares-halved'?" in result.output
    assert not (project / "content" / "verdicts" / "bus-fares-halvd").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--reviewer", "first-reviewr", "--rating", "misleading"],
            "did you mean 'first-reviewer'",
        ),
        (["--reviewer", "first-reviewer", "--rating", "misleadin"], "did you mean 'misleading'"),
        (
            ["--reviewer", "first-reviewer", "--rating", "misleading", "--evidence", "council-tax"],
            "did you mean 'council-tax-bills'",
        ),
        (
            ["--reviewer", "first-reviewer", "--rating", "misleading", "--final"],
            "only an editor may give a final verdict",
        ),
    ],
)
def test_verdict_references_are_checked(project: Path, args: list[str], message: str) -> None:
    result = new(project, "verdict", "bus-fares-halved", *args)
    assert result.exit_code == 1
    assert message in result.output


def test_one_verdict_per_reviewer_and_claim(project: Path) -> None:
    result = new(
        project,
        "verdict",
        "council-tax-frozen",
        "--reviewer",
        "first-reviewer",
        "--rating",
        "accurate",
    )
    assert result.exit_code == 1
    assert "content/verdicts/council-tax-frozen/first-reviewer.md" in result.output


def test_wrong_usage_exits_2(project: Path) -> None:
    assert new(project, "article", "Title", "--id", "Not_A_Slug").exit_code == 2
    assert new(project, "claim", "Summary", "--date", "2026-13-01").exit_code == 2
    assert new(project, "claim", "Summary", "--url", "javascript:alert(1)").exit_code == 2
    assert new(project, "evidence", "--url", "https://example.org/").exit_code == 2


def test_outside_a_project(tmp_path: Path) -> None:
    result = new(tmp_path, "reviewer", "Sam Okafor")
    assert result.exit_code == 1
    assert "no factcheck.yaml" in result.output


@pytest.mark.parametrize(
    "value",
    [
        "false",
        "No",
        "null",
        "~",
        "2024",
        "1.5",
        "2026-03-10",
        "a: b",
        "# not a comment",
        "- item",
        "tail #",
        "'quoted'",
        "*alias",
        "plain words",
        "Mayor's speech",
        " padded ",
        "line\nbreak",
        "",
        "[1, 2]",
        "x, y",
        "@handle",
        "%tag",
    ],
)
def test_front_matter_round_trips(value: str) -> None:
    """The one front-matter emitter (new and import): whatever the text, it reads back as
    itself, alone and in a list."""
    text = render_document({"k": value, "l": [value, "x"]})
    assert text.startswith("---\n") and text.endswith("---\n")
    assert yaml.safe_load(text.split("---\n")[1]) == {"k": value, "l": [value, "x"]}


def test_front_matter_leaves_plain_text_plain() -> None:
    text = render_document({"a": "Mayor's speech on housing", "b": "misleading", "c": "false"})
    assert "a: Mayor's speech on housing\n" in text
    assert "b: misleading\n" in text
    assert "c: 'false'\n" in text
