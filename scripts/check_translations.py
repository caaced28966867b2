"""Checks the theme's translation tables (templates/i18n/) against its English table.

For each language (es, fr, pt, de, ar, hi):

- the file is UTF-8 YAML that PyYAML's safe_load reads, with no key given twice;
- the same keys as en.yaml, in the same order, and the same section comments ("# -- ...") before
  the same keys;
- a plain text stays plain and a plural text stays plural;
- a plural text gives exactly the CLDR plural categories of the language (Babel's
  ``Locale.plural_form.tags``, plus ``other``);
- the same {placeholders} as English: for a plain text the same set; for a plural text, each form
  has the same placeholders as English apart from {count}, which a form must keep when the
  English form it corresponds to has it, unless the form stands for one number only (Arabic zero,
  one and two: "مقال واحد", "مقالان" say the number in the noun); a form may not add {count} when
  no English form has it;
- no text left in English by mistake: a text (or plural form) identical to the English one is an
  error unless it is listed in SAME_AS_ENGLISH with the reason; in Arabic and Hindi any Latin word
  outside LATIN_ALLOWED is an error;
- every text renders with str.format_map of dummy values (no stray brace, no bad field), and, when
  the factcheck package can be imported, through factcheck.i18n.Translations for counts 0, 1, 2,
  3, 11, 100, 101, 1000000;
- the language's typography: French no-break spaces before : ; ? ! and inside « », and typographic
  apostrophes; Spanish ¿ ¡ pairs; German „ “ quotes; Arabic ، ؛ ؟ instead of , ; ?; Hindi ends
  sentences with the danda (।), not a full stop.

Run: python verify.py   (prints "LANG: OK" per language, or the problems, and exits 1 on any).
"""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "templates" / "i18n"
ENGLISH = HERE / "en.yaml"
LANGUAGES = ("es", "fr", "pt", "de", "ar", "hi")
CATEGORIES = ("zero", "one", "two", "few", "many", "other")

# Texts that legitimately read the same as English, by language: (key, plural form or None).
# Each is a format, a name or a word that the language writes exactly as English does.
_FORMAT_ONLY = {
    ("page_title", None): "only placeholders and a middle dot",
    ("topic_counts", None): "only placeholders, parentheses and a comma",
    ("correction_kind_date", None): "only placeholders and a comma",
}
# (French sets a no-break space before the colon, so this one is not the same in French.)
_ENTRY_FORMAT = {("corrections_feed_entry", None): "only placeholders and a colon"}
_RATED_BY = {("media_rating_by", None): "only placeholders, parentheses and a colon"}
SAME_AS_ENGLISH: dict[str, dict[tuple[str, str | None], str]] = {
    "es": {
        **_FORMAT_ONLY,
        **_ENTRY_FORMAT,
        **_RATED_BY,
        ("date_time", None): "CLDR's Spanish date-time pattern is '{1}, {0}' too",
        ("role_editor", None): "Spanish 'editor' (the newsroom role)",
        ("kicker_editor", None): "Spanish 'Editor'",
    },
    "fr": {
        **_FORMAT_ONLY,
        ("page_number", None): "French 'page' is spelled as in English",
        ("pages_label", None): "French 'Pages'",
        ("nav_articles", None): "French 'Articles'",
        ("articles", None): "French 'Articles'",
        ("kicker_article", None): "French 'Article'",
        ("nav_sources", None): "French 'Sources'",
        ("sources", None): "French 'Sources'",
        ("kicker_source", None): "French 'Source'",
        ("citation_source", None): "French 'source'",
        ("correction_kind_correction", None): "French 'Correction'",
        ("kicker_organization", None): "French 'Organisation' (the English table spells it so)",
        ("verdicts", None): "French 'Verdicts'",
        ("verdicts_count", None): "French 'Verdicts ({count})'",
        ("via", None): "French 'via' (Latin preposition used as in English)",
        ("articles_count", "one"): "French '{count} article'",
        ("articles_count", "many"): "French '{count} articles' (many = millions, same form)",
        ("articles_count", "other"): "French '{count} articles'",
    },
    "pt": {
        **_FORMAT_ONLY,
        **_ENTRY_FORMAT,
        **_RATED_BY,
        ("via", None): "Portuguese 'via'",
        ("link", None): "Brazilian Portuguese uses 'Link'",
        ("role_editor", None): "Portuguese 'editor'",
        ("kicker_editor", None): "Portuguese 'Editor'",
    },
    "de": {
        **_FORMAT_ONLY,
        **_ENTRY_FORMAT,
        **_RATED_BY,
        ("appeared_in", None): "German 'In {article}:' is spelled as in English",
        ("appeared_in_outlet", None): "German 'In {article} ({outlet}):'",
        ("appeared_in_outlet_date", None): "German 'In {article} ({outlet}, {date}):'",
        ("link", None): "German 'Link'",
        ("kicker_person", None): "German 'Person'",
        ("kicker_organization", None): "German 'Organisation' (the English table spells it so)",
    },
    "ar": {
        ("page_title", None): "only placeholders and a middle dot",
        **_ENTRY_FORMAT,
        **_RATED_BY,
    },
    "hi": {
        **_FORMAT_ONLY,
        **_ENTRY_FORMAT,
        **_RATED_BY,
        ("date_time", None): "CLDR's Hindi date-time pattern is '{1}, {0}' too",
    },
}

# Latin-script words an Arabic or Hindi text may hold: format and product names, never translated.
LATIN_ALLOWED = {"Atom", "ClaimReview", "CSV", "JSON", "JavaScript", "SHA"}  # SHA-256: a name

NBSP, NNBSP = "\u00a0", "\u202f"


class _UniqueKeyLoader(yaml.SafeLoader):
    """safe_load, but a key given twice in one mapping is an error (PyYAML keeps the last)."""


def _no_duplicates(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is given twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def load(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")  # raises on bad UTF-8
    safe = yaml.safe_load(text)  # the loader factcheck uses
    strict = yaml.load(text, Loader=_UniqueKeyLoader)
    assert safe == strict
    if not isinstance(safe, dict):
        raise ValueError("the table is not a mapping")
    return safe


def section_comments(path: Path) -> list[tuple[int, str]]:
    """(index of the first key after it, comment) for every '# -- ...' section comment."""
    out: list[tuple[int, str]] = []
    keys = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# --"):
            out.append((keys, line))
        elif line and not line.startswith((" ", "#")) and ":" in line:
            keys += 1
    return out


def placeholders(text: str) -> set[str]:
    names = set()
    for _, field, _, _ in string.Formatter().parse(text):
        if field is not None:
            names.add(field)
    return names


def forms_of(value: Any) -> dict[str | None, str]:
    return {None: value} if isinstance(value, str) else dict(value)


def single_valued(locale: Locale, category: str) -> bool:
    """Whether the category stands for exactly one whole number (Arabic 'two' is 2 only)."""
    hits = [n for n in range(0, 10001) if locale.plural_form(n) == category]
    return len(hits) == 1


def typography(lang: str, key: str, form: str | None, text: str) -> list[str]:
    where = f"{key}" + (f"[{form}]" if form else "")
    bad: list[str] = []
    if lang == "fr":
        for m in re.finditer(r"(.)([:;?!])", text):
            before, mark = m.group(1), m.group(2)
            if mark == ":" and before == "}" and text[m.end() :].startswith("{"):
                continue
            want = NBSP if mark == ":" else NNBSP
            if before != want and before not in (NBSP, NNBSP):
                bad.append(f"{where}: no no-break space before '{mark}'")
            elif before != want:
                bad.append(f"{where}: use U+{ord(want):04X} before '{mark}'")
        if re.search("«(?!\u00a0)|(?<!\u00a0)»", text):
            bad.append(f"{where}: « » need a no-break space inside")
        if "'" in text:
            bad.append(f"{where}: straight apostrophe (use ’)")
    if lang == "es":
        if text.count("?") != text.count("¿") or text.count("!") != text.count("¡"):
            bad.append(f"{where}: unpaired ¿? or ¡!")
        if '"' in text:
            bad.append(f"{where}: straight quotes (use « »)")
    if lang == "de" and ('"' in text or "«" in text or "”" in text):
        bad.append(f"{where}: German quotes are „ “")
    if lang == "ar":
        stripped = re.sub(r"\{[^}]*\}", "", text)
        for latin, arabic in ((",", "،"), (";", "؛"), ("?", "؟")):
            if latin in stripped:
                bad.append(f"{where}: '{latin}' in Arabic text (use '{arabic}')")
    if lang == "hi" and re.search(r"(?<![.…])\.\s*$", text):
        bad.append(f"{where}: a Hindi sentence ends with the danda (।), not '.'")
    if lang in ("ar", "hi"):
        stripped = re.sub(r"\{[^}]*\}", "", text)
        for word in re.findall(r"[A-Za-z]+", stripped):
            if word not in LATIN_ALLOWED:
                bad.append(f"{where}: Latin word {word!r} (left in English?)")
    if text != text.strip(" ") and key not in ("archived_copy_of", "of_claim_number", "versus"):
        bad.append(f"{where}: leading or trailing space")
    return bad


def render_with_factcheck(lang: str, table: dict[str, Any], english: dict[str, Any]) -> list[str]:
    """Every key through factcheck's own Translations (text, plain and plural)."""
    try:
        sys.path.insert(0, str(ROOT))
        from factcheck.i18n import Translations
    except ImportError:
        return []
    words = Translations(lang, dict(table), dict(english))
    bad: list[str] = []
    for key, value in english.items():
        names = set().union(*(placeholders(t) for t in forms_of(value).values()))
        # A plural's {count} is the number plural() is given; a plain text gets every name.
        values = {n: f"<{n}>" for n in names if n != "count" or not isinstance(value, dict)}
        try:
            if isinstance(value, dict):
                for n in (0, 1, 2, 3, 11, 100, 101, 1000000):
                    out = words.plain_plural(key, n, **values)
                    if "{" in out or "}" in out:
                        bad.append(f"{key}: unfilled placeholder for count {n}: {out!r}")
            else:
                out = words.plain(key, **values)
                words.text(key, **values)
                if "{" in out or "}" in out:
                    bad.append(f"{key}: unfilled placeholder: {out!r}")
        except Exception as exc:
            bad.append(f"{key}: factcheck cannot render it: {exc!r}")
    return bad


def check(lang: str, english: dict[str, Any], english_sections: list[tuple[int, str]]) -> list[str]:
    path = HERE / f"{lang}.yaml"
    try:
        table = load(path)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        return [f"cannot read {path.name}: {exc}"]
    problems: list[str] = []
    if not path.read_text(encoding="utf-8").startswith("#"):
        problems.append("the file does not start with its comment header")

    # Keys: same set, same order; section comments before the same keys.
    missing = [k for k in english if k not in table]
    extra = [k for k in table if k not in english]
    problems += [f"missing key {k}" for k in missing] + [f"unknown key {k}" for k in extra]
    if not missing and not extra and list(table) != list(english):
        first = next(i for i, (a, b) in enumerate(zip(table, english, strict=False)) if a != b)
        problems.append(
            f"keys out of order from {list(table)[first]!r} (English: {list(english)[first]!r})"
        )
    sections = section_comments(path)
    if [i for i, _ in sections] != [i for i, _ in english_sections]:
        problems.append("section comments are not before the same keys as in en.yaml")

    locale = Locale.parse(lang)
    categories = set(locale.plural_form.tags) | {"other"}
    fixed = {c: single_valued(locale, c) for c in categories}
    allowed_same = SAME_AS_ENGLISH[lang]
    used_same: set[tuple[str, str | None]] = set()

    for key, en_value in english.items():
        if key not in table:
            continue
        value = table[key]
        en_plural = isinstance(en_value, dict)
        if en_plural != isinstance(value, dict) or not isinstance(value, (str, dict)):
            problems.append(f"{key}: {'plural' if en_plural else 'plain'} in English, not here")
            continue
        if en_plural:
            got = set(value)
            if got != categories:
                problems.append(
                    f"{key}: plural categories {sorted(got)}, {lang} uses {sorted(categories)}"
                )
            if not all(isinstance(v, str) for v in value.values()):
                problems.append(f"{key}: a plural form is not a text")
                continue
        en_names = set().union(*(placeholders(t) for t in forms_of(en_value).values()))
        for form, text in forms_of(value).items():
            where = key + (f"[{form}]" if form else "")
            try:
                names = placeholders(text)
            except ValueError as exc:
                problems.append(f"{where}: bad braces: {exc}")
                continue
            if not en_plural:
                if names != en_names:
                    problems.append(
                        f"{where}: placeholders {sorted(names)}, English {sorted(en_names)}"
                    )
            else:
                en_form = en_value.get(form or "", en_value["other"])
                if names - {"count"} != en_names - {"count"}:
                    problems.append(
                        f"{where}: placeholders {sorted(names)}, English {sorted(en_names)}"
                    )
                if (
                    "count" in placeholders(en_form)
                    and "count" not in names
                    and not fixed.get(form or "", False)
                ):
                    problems.append(f"{where}: drops {{count}}, but this form is not one number")
                if "count" in names and "count" not in en_names:
                    problems.append(f"{where}: adds {{count}}, which the English text never shows")
            # Renders with dummy values.
            try:
                text.format_map({n: "X" for n in names})
            except (ValueError, KeyError, IndexError, AttributeError) as exc:
                problems.append(f"{where}: does not render: {exc!r}")
            # Left in English?
            en_text = en_value if not en_plural else en_value.get(form or "", en_value["other"])
            if text.strip() == en_text.strip():
                if (key, form) in allowed_same:
                    used_same.add((key, form))
                else:
                    problems.append(f"{where}: same as English ({text!r})")
            if not text.strip():
                problems.append(f"{where}: empty")
            problems += typography(lang, key, form, text)

    for unused in sorted(set(allowed_same) - used_same, key=str):
        problems.append(f"SAME_AS_ENGLISH lists {unused}, which is no longer the same as English")
    problems += render_with_factcheck(lang, table, english)
    return problems


def main() -> int:
    english = load(ENGLISH)
    english_sections = section_comments(ENGLISH)
    plural_keys = sum(isinstance(v, dict) for v in english.values())
    print(f"en.yaml: {len(english)} keys ({plural_keys} plural), {len(english_sections)} sections")
    failed = False
    for lang in LANGUAGES:
        problems = check(lang, english, english_sections)
        tags = sorted(set(Locale.parse(lang).plural_form.tags) | {"other"}, key=CATEGORIES.index)
        if problems:
            failed = True
            print(f"{lang}: {len(problems)} problem(s)")
            for p in problems:
                print(f"  - {p}")
        else:
            same = len(SAME_AS_ENGLISH[lang])
            print(
                f"{lang}: OK ({len(english)} keys, plural forms {'/'.join(tags)}, "
                f"{same} text(s) the same as English on purpose)"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
