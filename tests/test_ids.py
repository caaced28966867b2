"""One id policy (factcheck/ids.py): ``new`` and ``import`` make the same id from the same title."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.commands.init import run_init
from factcheck.fields import is_slug
from factcheck.ids import make_id, slugify, transliterate, truncate_slug, with_hash
from factcheck.importing import ImportOptions, run_import


def test_make_id() -> None:
    assert make_id("Mayor's speech on housing", prefix="article") == "mayors-speech-on-housing"
    assert make_id("Mayor’s speech", prefix="article") == "mayors-speech"
    assert (
        make_id("Ça coûte 5 % de plus — à Zürich!", prefix="claim")
        == "ca-coute-5-percent-de-plus-a-zurich"
    )
    assert make_id("Straße über Łódź", prefix="article") == "strasse-uber-lodz"
    long = make_id(" ".join(["word"] * 40), prefix="claim")
    assert len(long) <= 60 and not long.endswith("-")
    assert make_id("!!!", prefix="evidence").startswith("evidence-")
    assert make_id("🙂🙂", prefix="article") == make_id("🙂🙂", prefix="article")
    assert transliterate("Москва").lower() == "moskva"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Мэр объявил о новом бюджете", "mer-ob-yavil-o-novom-byudzhete"),
        ("Η Βουλή ψήφισε τον προϋπολογισμό", "i-voyli-psifise-ton-proypologismo"),
        ("台灣事實查核中心", "tai-wan-shi-shi-cha-he-zhong-xin"),
        ("وزير المالية", "wzyr-lmlyh"),
    ],
)
def test_other_scripts_are_transliterated_to_readable_slugs(title: str, expected: str) -> None:
    ident = make_id(title, prefix="article")
    assert ident == expected
    assert is_slug(ident)


def test_cut_at_a_word_without_a_trailing_stop_word() -> None:
    headline = (
        "Ministers warn that the new border rules risk sparking a trade war with "
        "the country's largest neighbours"
    )
    ident = make_id(headline, prefix="article")
    assert len(ident) <= 60
    assert ident == "ministers-warn-that-the-new-border-rules-risk-sparking"
    assert headline.lower().replace(" ", "-").startswith(ident)
    cdc = "The US Centers for Disease Control and Prevention lied about the number of deaths"
    assert make_id(cdc, prefix="claim") == "the-us-centers-for-disease-control-and-prevention-lied"
    # Only the tail is trimmed; a short slug keeps its function words.
    assert make_id("Up to the task", prefix="article") == "up-to-the-task"
    assert truncate_slug("of-the-" + "x" * 70, 20) == "of"
    assert len(with_hash("a-" * 40, "key")) <= 60


def test_slugify_is_total_and_always_a_slug() -> None:
    for text in ["", "---", "A&B", "x@y", "50%", "ﬁne ligature", "ǅemal", "ß" * 3]:
        slug = slugify(text)
        assert slug == "" or is_slug(slug), (text, slug)


def test_new_and_import_make_the_same_id(tmp_path: Path) -> None:
    """The same headline through ``factcheck new article`` and through a feed import."""
    titles = [
        "Mayor's speech on housing",
        "Мэр объявил о новом бюджете",
        "Ministers warn that the new border rules risk sparking a trade war with "
        "the country's largest neighbours",
    ]
    made_by_new: list[str] = []
    for title in titles:
        root = tmp_path / f"new-{len(made_by_new)}"
        assert run_init(root) == 0
        result = CliRunner().invoke(cli, ["--project", str(root), "new", "article", title])
        assert result.exit_code == 0, result.output
        made_by_new.append(Path(result.stdout.strip()).stem)

    root = tmp_path / "imported"
    assert run_init(root) == 0
    items = "".join(
        f"<item><title>{t.replace(chr(39), '&#39;')}</title><link>https://news.example.org/{i}"
        f"</link><description>Some text of the article number {i}.</description></item>"
        for i, t in enumerate(titles)
    )
    feed = tmp_path / "feed.rss"
    feed.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Wire</title>{items}</channel></rss>",
        encoding="utf-8",
    )
    report = run_import(root, [feed], ImportOptions())
    assert not report.failed, report.diags.format_text()
    made_by_import = [Path(p).stem for p in report.written if "/articles/" in p]
    assert sorted(made_by_import) == sorted(made_by_new)
