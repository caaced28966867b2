"""The newsroom's language: every word the theme shows, every date and number, and the direction
of the page.

Words come from translation tables, YAML files of ``key: text`` named after a BCP 47 language tag
(Hugo's convention): the default theme's ``i18n/LANG.yaml``, then the project's own
``i18n/LANG.yaml``, whose keys replace or add to the theme's. A table for ``pt-BR`` is looked for
as ``pt-BR.yaml``, then ``pt.yaml``. A key the table lacks is English, with one warning per key
(a project's own table names each missing key; a language the theme has no table for is one
warning). A text may hold ``{name}`` placeholders, filled by the template; a text that depends on
a number is a mapping of CLDR plural categories (``zero``, ``one``, ``two``, ``few``, ``many``,
``other``), chosen by the language's own plural rules.

Dates and numbers go through Babel (CLDR's data): "15 janvier 2026", "15 जनवरी 2026", and for
Arabic "15 يناير 2026" (Babel writes dates in Latin digits for every locale, and numbers are
written in the same digits so that a page does not mix two sets). Machine dates (feeds, JSON-LD,
the sitemap, ``<time datetime>``) stay ISO 8601 and are not made here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup, escape

from .diagnostics import Diagnostics, Position

I18N_DIR = "i18n"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
FALLBACK = "en"


class _Missing(dict[str, Any]):
    """Fills a ``{name}`` that a template did not give with the name itself (a translator's
    typo shows on the page, it does not break the build)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _isolated(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with each plain text set in ``<bdi>`` (see :meth:`Translations.text`)."""
    return {
        name: Markup("<bdi>{}</bdi>").format(value)
        if isinstance(value, str) and not isinstance(value, Markup)
        else value
        for name, value in values.items()
    }


@cache
def _locale(language: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(language.split("-")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse(FALLBACK)


def direction(language: str) -> str:
    """ "rtl" for a language written right to left (Arabic, Hebrew, Persian, Urdu...), else
    "ltr"."""
    return "rtl" if _locale(language).character_order == "right-to-left" else "ltr"


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader where PyYAML has it: it composes a table ten times as fast."""


def _read_table(path: Path, diags: Diagnostics | None, display: str) -> dict[str, Any]:
    """A table's ``key: text`` and ``key: {plural forms}`` entries. Read from YAML's node tree
    rather than loaded, so that every key and text stays the text it is written as (``no:``
    and ``yes:`` are keys, not booleans; ``Off`` is a word) and each problem has its line."""

    def error(mark: Any, message: str, hint: str | None = None) -> None:
        if diags is not None:
            where = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
            diags.error(display, where, message, hint)

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        error(None, f"cannot read the translation table: {exc}")
        return {}
    except yaml.YAMLError as exc:
        error(
            getattr(exc, "problem_mark", None),
            f"the translation table is not valid YAML: {getattr(exc, 'problem', exc)}",
            "a table is YAML: one 'key: text' per line; quote a text holding ': ' or '#'",
        )
        return {}
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        error(root.start_mark, "a translation table must be 'key: text' lines")
        return {}
    table: dict[str, Any] = {}
    for key_node, value_node in root.value:
        key = str(key_node.value)
        if isinstance(value_node, yaml.ScalarNode):
            table[key] = str(value_node.value)
            continue
        forms = {}
        if isinstance(value_node, yaml.MappingNode):
            forms = {
                str(k.value): str(v.value)
                for k, v in value_node.value
                if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)
            }
        if forms and len(forms) == len(value_node.value) and set(forms) <= set(PLURAL_CATEGORIES):
            table[key] = forms
        else:
            error(
                value_node.start_mark,
                f"'{key}' must be a text, or plural forms ({', '.join(PLURAL_CATEGORIES)})",
                "plural forms are the CLDR categories the language uses, such as "
                "'one: ...' and 'other: ...'",
            )
    return table


def _candidates(language: str) -> list[str]:
    parts = language.split("-")
    return ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]


@dataclass(slots=True)
class Translations:
    """The theme's words in one language, with its dates, numbers and direction."""

    language: str
    words: dict[str, Any] = field(default_factory=dict)
    english: dict[str, Any] = field(default_factory=dict)
    _bare: dict[str, Markup] = field(default_factory=dict)
    """Texts asked for without values, made once (a large site asks for them a million
    times)."""

    @property
    def direction(self) -> str:
        return direction(self.language)

    def text(self, key: str, **values: Any) -> Markup:
        """The text of ``key``, its ``{name}`` placeholders filled from ``values``. The text is
        escaped, and so is each value unless it is markup already (a link the template made),
        so that a translation can place a link without being able to write markup. A value
        that is plain text (a name, a title) is set in ``<bdi>``: a Latin name or a number at
        the end of an Arabic sentence, or a Hebrew name in an English one, keeps its own
        direction and does not pull the sentence's punctuation into it. (For an attribute or
        the page's ``<title>``, where no element may go, use :meth:`plain`.)"""
        if not values and key in self._bare:
            return self._bare[key]
        text = Markup(escape(self._single(key))).format_map(_Missing(_isolated(values)))
        if not values:
            self._bare[key] = text
        return text

    def plain(self, key: str, **values: Any) -> str:
        """The text of ``key`` as plain text (for views, titles and cards, which templates
        escape when they print them)."""
        return self._single(key).format_map(_Missing({k: str(v) for k, v in values.items()}))

    def _single(self, key: str) -> str:
        """The text of ``key`` (the site's language, else English, else the key itself); for a
        plural text, its ``other`` form."""
        entry = self.words.get(key, self.english.get(key, key))
        if isinstance(entry, dict):
            entry = entry.get("other") or next(iter(entry.values()))
        return str(entry)

    def plain_plural(self, key: str, count: int, **values: Any) -> str:
        return str(self.plural(key, count, **values).unescape())

    def plural(self, key: str, count: int, **values: Any) -> Markup:
        """The form of ``key`` for ``count`` (``{count}`` is the number, as the locale writes
        it), chosen by the language's plural rules."""
        entry = self.words.get(key, self.english.get(key))
        number = self.number(count)
        if isinstance(entry, dict):
            form = _locale(self.language).plural_form(count)
            english = self.english.get(key)
            fallback = english.get(form) if isinstance(english, dict) else None
            chosen = entry.get(form) or entry.get("other") or fallback or ""
        else:
            chosen = str(entry if entry is not None else key)
        return Markup(escape(chosen)).format_map(_Missing({"count": number, **_isolated(values)}))

    def date(self, value: dt.date | dt.datetime | None, with_time: bool = False) -> str:
        """A date as readers of the language read it ("15 janvier 2026"), with the time of day
        for a date-time when asked ("15 janvier 2026, 14:05")."""
        if value is None:
            return ""
        from babel.dates import format_date, format_time

        locale = _locale(self.language)
        day = value.date() if isinstance(value, dt.datetime) else value
        text = format_date(day, format="long", locale=locale)
        if with_time and isinstance(value, dt.datetime):
            time = format_time(value.replace(tzinfo=None), format="short", locale=locale)
            text = self.text("date_time", date=text, time=time)
        return str(text)

    def number(self, value: float | int) -> str:
        """A number as the language writes it (its digits and separators)."""
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=_locale(self.language)))


def load_translations(
    language: str, theme_folders: list[Path], project_root: Path, diags: Diagnostics | None
) -> Translations:
    """The translations of ``language``: the default theme's table (the last of
    ``theme_folders``) under any of the project's own theme folders' (earlier ones win), then the
    project's ``i18n/`` table; English fills what is missing, with a warning per key missing
    from a project's table."""
    english: dict[str, Any] = {}
    for folder in reversed(theme_folders):
        path = folder / I18N_DIR / f"{FALLBACK}.yaml"
        if path.is_file():
            english.update(_read_table(path, None, str(path)))
    words: dict[str, Any] = {}
    found = language.split("-")[0] == FALLBACK
    for folder in reversed(theme_folders):
        for candidate in reversed(_candidates(language)):
            path = folder / I18N_DIR / f"{candidate}.yaml"
            if path.is_file():
                words.update(_read_table(path, None, str(path)))
                found = True
    for candidate in reversed(_candidates(language)):
        path = project_root / I18N_DIR / f"{candidate}.yaml"
        if not path.is_file():
            continue
        display = f"{I18N_DIR}/{candidate}.yaml"
        own = _read_table(path, diags, display)
        words.update(own)
        found = True
        if diags is not None:
            for key in sorted(set(english) - set(words)):
                diags.warning(
                    display,
                    Position(1, 1),
                    f"no translation of '{key}': it is shown in English",
                    f"add '{key}: ...' to {display}",
                )
    if not found and diags is not None:
        diags.warning(
            "factcheck.yaml",
            Position(1, 1),
            f"the theme has no translation table for '{language}': its words are shown in English",
            f"add {I18N_DIR}/{language}.yaml with the theme's keys (see "
            "docs/i18n.md); dates and numbers follow the language already",
        )
    return Translations(language, words, english)


def english(theme_folder: Path) -> Translations:
    """The theme's English words (views made without a build's translations: tests, tools)."""
    return load_translations(FALLBACK, [theme_folder], theme_folder / "-", None)


def tables(folder: Path) -> Mapping[str, Path]:
    """The translation tables in a theme folder, by language."""
    base = folder / I18N_DIR
    return {p.stem: p for p in sorted(base.glob("*.yaml"))} if base.is_dir() else {}
