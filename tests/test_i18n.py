"""The theme's words in the newsroom's language: the shipped tables, a project's own tables,
plurals, dates, numbers, direction and the isolation of names inside translated sentences."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
import yaml
from babel import Locale
from helpers import check, write_project
from markupsafe import Markup

from factcheck.diagnostics import Diagnostics
from factcheck.i18n import english, load_translations, tables
from factcheck.theme import theme_dir

THEME = theme_dir()
SHIPPED = ("en", "es", "fr", "pt", "de", "ar", "hi")
ENGLISH = yaml.safe_load((THEME / "i18n" / "en.yaml").read_text(encoding="utf-8"))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_theme_ships_every_promised_language() -> None:
    assert set(SHIPPED) <= set(tables(THEME))


@pytest.mark.parametrize("language", [lang for lang in SHIPPED if lang != "en"])
def test_a_shipped_table_has_every_key_with_its_placeholders_and_plural_forms(
    language: str,
) -> None:
    table = yaml.safe_load((THEME / "i18n" / f"{language}.yaml").read_text(encoding="utf-8"))
    assert list(table) == list(ENGLISH), "the same keys, in the same order"
    categories = set(Locale.parse(language).plural_form.tags) | {"other"}
    for key, english_value in ENGLISH.items():
        value = table[key]
        if isinstance(english_value, dict):
            assert isinstance(value, dict), key
            assert set(value) == categories, (key, sorted(value), sorted(categories))
            wanted = set().union(*(_fields(v) for v in english_value.values()))
            for form, text in value.items():
                assert _fields(text) <= wanted, (key, form, text)
            assert set().union(*(_fields(v) for v in value.values())) == wanted, key
        else:
            assert isinstance(value, str), key
            assert _fields(value) == _fields(english_value), (key, value)
            assert value.strip(), key


def test_plural_forms_follow_the_language() -> None:
    arabic = load_translations("ar", [THEME], Path("/nonexistent"), None)
    forms = {n: str(arabic.plural("claims_count", n)) for n in (0, 1, 2, 3, 11, 100)}
    assert len(set(forms.values())) == 6, forms  # zero, one, two, few, many, other
    hindi = load_translations("hi", [THEME], Path("/nonexistent"), None)
    assert hindi.plural("claims_count", 1) != hindi.plural("claims_count", 5)
    english_words = english(THEME)
    assert str(english_words.plural("claims_count", 1)) == "1 claim"
    assert str(english_words.plural("claims_count", 1234)) == "1,234 claims"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en-GB", "15 January 2026"),
        ("en-US", "January 15, 2026"),
        ("fr", "15 janvier 2026"),
        ("es", "15 de enero de 2026"),
        ("de", "15. Januar 2026"),
        ("pt-BR", "15 de janeiro de 2026"),
        ("hi", "15 जनवरी 2026"),
    ],
)
def test_dates_as_the_locale_writes_them(language: str, expected: str) -> None:
    words = load_translations(language, [THEME], Path("/nonexistent"), None)
    assert words.date(dt.date(2026, 1, 15)) == expected


def test_arabic_dates_and_numbers_use_the_locales_digits_and_month_names() -> None:
    words = load_translations("ar", [THEME], Path("/nonexistent"), None)
    date = words.date(dt.date(2026, 1, 15))
    assert "يناير" in date
    assert re.search("[0-9\u0660-\u0669]", date)
    assert words.direction == "rtl"
    assert load_translations("he", [THEME], Path("/x"), None).direction == "rtl"
    assert load_translations("hi", [THEME], Path("/x"), None).direction == "ltr"
    assert words.number(1234) != "1234"


def test_names_inside_a_sentence_are_isolated_and_escaped() -> None:
    words = english(THEME)
    text = words.text("published_by", organization="<b>Test</b> & Co")
    assert text == Markup("Published by <bdi>&lt;b&gt;Test&lt;/b&gt; &amp; Co</bdi>.")
    link = Markup('<a href="x.html">X</a>')
    assert words.text("our_rating", rating=link) == Markup(f"Our rating: {link}")
    assert words.plain("published_by", organization="A & B") == "Published by A & B."


def test_a_translation_cannot_write_markup(tmp_path: Path) -> None:
    diags = Diagnostics()
    root = write_project(
        tmp_path / "p",
        {"i18n/en.yaml": 'search_button: "<script>alert(1)</script>"\n'},
    )
    words = load_translations("en", [THEME], root, diags)
    assert words.text("search_button") == Markup("&lt;script&gt;alert(1)&lt;/script&gt;")


def test_a_project_table_overrides_and_reports_missing_keys_once_each(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p",
        {
            "factcheck.yaml": (
                "title: Sprawdzam\norganization:\n  name: Sprawdzam\nlanguage: pl\nratings:\n"
                "  - id: prawda\n    label: Prawda\n"
            ),
            "i18n/pl.yaml": "search_button: Szukaj\nno: Nie\n",
        },
    )
    result = check(root)
    assert result.exit_code == 0, result.output
    missing = [line for line in result.lines if "no translation of" in line]
    assert len(missing) == len(set(ENGLISH) - {"search_button"})
    assert (
        "i18n/pl.yaml:1:1: warning: no translation of 'search_placeholder': it is shown in English"
    ) in result.lines
    words = load_translations("pl", [THEME], root, None)
    assert words.text("search_button") == "Szukaj"
    assert words.text("search_placeholder") == ENGLISH["search_placeholder"]
    assert words.plain("no") == "Nie"  # a key is text, never the boolean YAML 1.1 makes of it


def test_a_language_without_a_table_is_one_warning(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p",
        {
            "factcheck.yaml": (
                "title: T\norganization:\n  name: T\nlanguage: sw\nratings:\n  - id: kweli\n"
            )
        },
    )
    result = check(root)
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.lines if "translation table" in line]
    assert warning == (
        "factcheck.yaml:1:1: warning: the theme has no translation table for 'sw': its words "
        "are shown in English"
    )


@pytest.mark.parametrize(
    ("table", "where", "message"),
    [
        ("a: b\n  c: d: e\n", "2:4", "the translation table is not valid YAML"),
        ("- a\n- b\n", "1:1", "a translation table must be 'key: text' lines"),
        ("search_button: Go\nclaims_count:\n  several: x\n", "3:3", "'claims_count' must be"),
        ("search_button: [a, b]\n", "1:16", "'search_button' must be a text"),
    ],
)
def test_a_broken_project_table_is_an_error_at_its_line(
    tmp_path: Path, table: str, where: str, message: str
) -> None:
    root = write_project(tmp_path / "p", {"i18n/en.yaml": table})
    result = check(root)
    assert result.exit_code == 1
    errors = [line for line in result.lines if ": error: " in line]
    assert errors and errors[0].startswith(f"i18n/en.yaml:{where}: error: {message}"), errors


def test_the_tables_pass_the_translators_checks() -> None:
    """scripts/check_translations.py: no text left in English by mistake (each one that reads
    the same has its reason there), the section comments in place, no key given twice, and
    each language's typography (French spaces before : ; ? !, Arabic ، ؛ ؟, Hindi's danda)."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "scripts" / "check_translations.py"
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK (") == len(SHIPPED) - 1
