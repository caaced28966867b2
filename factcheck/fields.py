"""Typed reading of front-matter fields, each problem reported at its key or value.

A :class:`Fields` reads one mapping (a file's front matter, or a mapping inside it such as an
article's ``source``) and never raises: a wrong type, a missing required field, a URL with a
forbidden scheme or an unknown key becomes a diagnostic, and the reader returns None so that the
caller goes on checking the rest of the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from .dates import parse_iso
from .diagnostics import Diagnostics, Position, did_you_mean
from .frontmatter import KeyPath, YamlDoc, a_yaml_type

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")

_SPACE = re.compile(r"\s")

Date = dt.date | dt.datetime


MAX_ID_LENGTH = 100
"""The longest id: an id names a page file (``claims/ID.html``), and file systems refuse names
over 255 bytes; a hundred characters tell any two headlines apart (``factcheck new`` and the
importers make ids of at most 60)."""


def is_slug(value: str) -> bool:
    return SLUG.match(value) is not None


def id_length_problem(ident: str) -> tuple[str, str] | None:
    """(message, hint) when ``ident`` is longer than :data:`MAX_ID_LENGTH`, else None."""
    if len(ident) <= MAX_ID_LENGTH:
        return None
    from .ids import truncate_slug  # (imported here: ids reads this module)

    return (
        f"the id is {len(ident)} characters long; ids may have at most {MAX_ID_LENGTH}",
        f"shorten it, such as '{truncate_slug(ident, MAX_ID_LENGTH)}'",
    )


def url_problem(value: str, *, relative: bool = False) -> str | None:
    """Why ``value`` is not an allowed URL (http, https or mailto; relative too if asked), or
    None."""
    if not value or value != value.strip() or _SPACE.search(value):
        return "a URL may not be empty or contain white space"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "it is not a valid URL"
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return None if parts.netloc else "an http or https URL needs a host name"
    if scheme == "mailto":
        return None if parts.path else "a mailto: URL needs an address"
    if not scheme and relative:
        return None
    if scheme:
        return f"the scheme '{scheme}:' is not allowed; use http, https or mailto"
    return "it is not an absolute URL"


# RFC 5646 section 2.1, the syntax of a language tag (BCP 47), case-insensitive.
_ALNUM = "[a-z0-9]"
_LANGTAG = re.compile(
    r"(?:(?P<langtag>"
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"  # language (with extlangs)
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9a-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?"  # private use
    rf")|x(?:-{_ALNUM}{{1,8}})+"  # a private-use tag
    r"|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)"
    r"|sgn-(?:be-fr|be-nl|ch-de)|art-lojban|cel-gaulish|no-(?:bok|nyn)"
    r"|zh-(?:guoyu|hakka|min|min-nan|xiang))\Z",  # grandfathered tags
    re.IGNORECASE | re.ASCII,
)

LANGUAGE_HINT = "use a BCP 47 language tag, such as en, en-GB, fr, pt-BR or zh-Hant"


def same_language(one: str, other: str) -> bool:
    """Whether two language tags name one language as far as a page needs: equal, or one
    narrows the other (``en`` and ``en-GB``)."""
    a, b = one.lower(), other.lower()
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def language_problem(tag: str) -> str | None:
    """Why ``tag`` is not a valid BCP 47 language tag (RFC 5646: its syntax, and subtags that
    the IANA registry knows), or None. Such a tag is made of ASCII letters, digits and hyphens
    only, so it is safe in a file name and an HTML attribute."""
    match = _LANGTAG.match(tag)
    if match is None:
        if "_" in tag and _LANGTAG.match(tag.replace("_", "-")):
            return "a language tag separates its parts with '-', not '_'"
        return "it is not a BCP 47 language tag"
    if match.group("langtag") is not None:
        import langcodes  # the IANA Language Subtag Registry; loaded only when needed

        if not langcodes.tag_is_valid(tag):
            return "it is not a registered language, script, region or variant"
    return None


def is_web_url(value: str) -> bool:
    """Whether ``value`` is written as an http or https URL (valid or not)."""
    return value.lower().startswith(("http:", "https:"))


def site_path_problem(value: str) -> str | None:
    """Why ``value`` is not a path of a file inside the site (``logo.svg``,
    ``images/logo.png``), or None. Only plain relative paths pass: no scheme, no leading ``/``,
    no ``..`` or ``.`` part, no backslash (a Windows or UNC path), no query or fragment."""
    if not value or value != value.strip():
        return "a path may not be empty or start or end with white space"
    if any(ord(c) < 0x20 or c == "\x7f" for c in value):
        return "a path may not contain control characters"
    if "\\" in value:
        return "a path uses '/', never '\\' (a Windows or network path is not a site path)"
    if value.startswith("/"):
        return "a site path is relative to the site's root: write it without the leading '/'"
    if ":" in value.split("/", 1)[0]:
        return "only http and https addresses, or a path inside the site, are allowed"
    if any(c in value for c in "?#"):
        return "a path of a file may not contain '?' or '#'"
    if any(part in ("", ".", "..") for part in value.split("/")):
        return "a path may not contain '..', '.' or an empty part ('//')"
    return None


class Fields:
    """Reads the fields of the mapping at ``base`` in one file's front matter."""

    def __init__(
        self,
        doc: YamlDoc,
        path: str,
        diags: Diagnostics,
        *,
        base: KeyPath = (),
        known: Iterable[str] = (),
        what: str = "front matter",
    ) -> None:
        self.doc = doc
        self.path = path
        self.diags = diags
        self.base = base
        self.known = tuple(known)
        self.what = what
        data: Any = doc.data
        for key in base:
            data = data[key]
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}

    # -- places ------------------------------------------------------------------------------

    def pos(self, *key: str | int) -> Position | None:
        return self.doc.pos(*self.base, *key)

    def key_pos(self, key: str) -> Position | None:
        return self.doc.key(*self.base, key)

    def error(
        self,
        key: str | tuple[str | int, ...],
        message: str,
        hint: str | None = None,
        *,
        at_key: bool = False,
    ) -> None:
        keys = key if isinstance(key, tuple) else (key,)
        pos = self.doc.key(*self.base, *keys) if at_key else self.pos(*keys)
        self.diags.error(self.path, pos, message, hint)

    def warning(
        self, key: str | tuple[str | int, ...], message: str, hint: str | None = None
    ) -> None:
        keys = key if isinstance(key, tuple) else (key,)
        self.diags.warning(self.path, self.pos(*keys), message, hint)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def check_unknown(self, *, severity: str = "warning") -> None:
        """Report keys this mapping does not know, with the closest known key as a hint."""
        for key in self.data:
            if key not in self.known:
                hint = did_you_mean(str(key), self.known) or (
                    f"known fields here: {', '.join(self.known)}"
                )
                message = f"unknown field '{key}' in {self.what}"
                pos = self.doc.key(*self.base, key)
                if severity == "error":
                    self.diags.error(self.path, pos, message, hint)
                else:
                    self.diags.warning(self.path, pos, message, hint)

    def _missing(self, key: str, required: bool) -> None:
        if not required:
            return
        if key in self.data:  # written, but with no value: point at it
            self.diags.error(
                self.path, self.key_pos(key), f"the required field '{key}' is empty in {self.what}"
            )
            return
        where = self.doc.pos(*self.base) if self.base else Position(1, 1)
        self.diags.error(self.path, where, f"missing required field '{key}' in {self.what}")

    # -- scalars -----------------------------------------------------------------------------

    def _raw(self, key: str | int, *sub: str | int) -> str | None:
        return self.doc.raw.get((*self.base, key, *sub))

    def text(self, key: str, *, required: bool = False) -> str | None:
        """A text field; numbers, dates and booleans are read as the words they spell."""
        if not self.has(key):
            self._missing(key, required)
            return None
        value = self.data[key]
        if isinstance(value, str):
            return value
        if isinstance(value, (bool, int, float, dt.date)):
            raw = self._raw(key)
            return raw if raw is not None else str(value)
        self.error(key, f"'{key}' must be text, not {a_yaml_type(value)}")
        return None

    def ident(
        self, key: str | int, *, required: bool = False, sub: KeyPath = (), what: str | None = None
    ) -> str | None:
        """An id or a reference to one. See :meth:`ident_value`."""
        container: Any = self.data
        full: KeyPath = (key, *sub)
        for part in full[:-1]:
            container = container[part]
        last = full[-1]
        present = (
            container.get(last)
            if isinstance(container, dict) and isinstance(last, str)
            else container[last]
            if isinstance(container, list) and isinstance(last, int)
            else None
        )
        if present is None:
            if isinstance(key, str) and not sub:
                self._missing(key, required)
            return None
        return self.ident_value(present, full, what=what or str(key))

    def ident_value(self, value: Any, keys: KeyPath, *, what: str) -> str | None:
        """An id: a slug. YAML may read an unquoted id as a boolean, number or date; such a value
        is taken as the text it spells, with a warning to quote it, never as another value."""
        if isinstance(value, str):
            text = value
        elif isinstance(value, (bool, int, float, dt.date)):
            raw = self.doc.raw.get((*self.base, *keys))
            text = raw if raw is not None else str(value).lower()
            self.diags.warning(
                self.path,
                self.pos(*keys),
                f"YAML reads the unquoted {what} {text} as {a_yaml_type(value)}; "
                f"it is taken as the text '{text}'",
                f'quote it: "{text}"',
            )
        else:
            article = "an" if what[0] in "aeiou" else "a"
            self.error(keys, f"expected {article} {what}, found {a_yaml_type(value)}")
            return None
        if not text.strip():
            self.error(keys, f"the {what} is empty")
            return None
        if not is_slug(text):
            from .ids import slugify  # (imported here: ids reads this module)

            suggestion = slugify(text)
            self.error(
                keys,
                f"'{text}' is not a valid id",
                "ids use lower-case letters, digits and single hyphens"
                + (f", such as '{suggestion}'" if suggestion else ""),
            )
            return None
        too_long = id_length_problem(text)
        if too_long:
            self.error(keys, *too_long)
            return None
        return text

    def url(self, key: str, *, required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if value is None:
            return None
        problem = url_problem(value)
        if problem:
            self.error(
                key,
                f"'{key}' is not an allowed URL: {problem}",
                "write the full address, starting with https://",
            )
            return None
        return value

    def language(self, key: str) -> str | None:
        """A BCP 47 language tag (see :func:`language_problem`)."""
        value = self.text(key)
        if value is None:
            return None
        problem = language_problem(value)
        if problem:
            self.error(
                key, f"'{key}' is not a valid language tag: '{value}': {problem}", LANGUAGE_HINT
            )
            return None
        return value

    def web_or_site_path(self, key: str) -> str | None:
        """An absolute http or https URL, or the path of a file inside the site (see
        :func:`site_path_problem`)."""
        value = self.text(key)
        if value is None:
            return None
        problem = url_problem(value) if is_web_url(value) else site_path_problem(value)
        if problem:
            self.error(
                key,
                f"'{key}' must be an http or https address or a path inside the site: {problem}",
                "for example logo.svg (the file static/logo.svg) or https://example.org/logo.svg",
            )
            return None
        return value

    def boolean(self, key: str, *, default: bool = False) -> bool:
        if not self.has(key):
            return default
        value = self.data[key]
        if isinstance(value, bool):
            return value
        self.error(key, f"'{key}' must be true or false, not {value!r}")
        return default

    def integer(self, key: str, *, default: int, minimum: int | None = None) -> int:
        if not self.has(key):
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"'{key}' must be a whole number, not {a_yaml_type(value)}")
            return default
        if minimum is not None and value < minimum:
            self.error(key, f"'{key}' must be at least {minimum}")
            return default
        return value

    def number(self, key: str) -> int | float | None:
        if not self.has(key):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(
                key,
                f"'{key}' must be a number, not {a_yaml_type(value)}",
                "omit it for an off-scale rating" if key == "value" else None,
            )
            return None
        return value

    def date(self, key: str, *, required: bool = False) -> Date | None:
        if not self.has(key):
            self._missing(key, required)
            return None
        value = self.data[key]
        if isinstance(value, (dt.date, dt.datetime)):
            return value
        if isinstance(value, str):
            try:
                return parse_iso(value)
            except ValueError:
                pass
        self.error(
            key,
            f"'{key}' must be a date such as 2026-03-10 or 2026-03-10T14:05:00",
            f"found {value!r}",
        )
        return None

    def choice(self, key: str, choices: tuple[str, ...], *, default: str) -> str:
        value = self.text(key)
        if value is None:
            return default
        if value not in choices:
            self.error(
                key,
                f"'{key}' must be one of {', '.join(choices)}; found '{value}'",
                did_you_mean(value, choices),
            )
            return default
        return value

    # -- lists -------------------------------------------------------------------------------

    def items(self, key: str) -> list[Any] | None:
        """The list under ``key`` (a single scalar is taken as a list of one)."""
        if not self.has(key):
            return None
        value = self.data[key]
        if isinstance(value, list):
            return value
        if isinstance(value, dict):
            self.error(key, f"'{key}' must be a list, not a mapping")
            return None
        return [value]

    def text_list(self, key: str) -> list[str]:
        values = self.items(key)
        if values is None:
            return []
        out = []
        for index, item in enumerate(values):
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, (bool, int, float, dt.date)):
                raw = self.doc.raw.get((*self.base, key, index))
                out.append(raw if raw is not None else str(item))
            else:
                self.error(
                    (key, index), f"each entry of '{key}' must be text, not {a_yaml_type(item)}"
                )
        return out

    def ident_list(self, key: str, *, what: str) -> list[tuple[str, Position | None]]:
        """A list of ids, each with its place (for "unknown id" errors later)."""
        values = self.items(key)
        if values is None:
            return []
        keys: KeyPath
        out: list[tuple[str, Position | None]] = []
        for index, item in enumerate(values):
            keys = (key, index) if isinstance(self.data[key], list) else (key,)
            ident = self.ident_value(item, keys, what=what)
            if ident is not None:
                out.append((ident, self.pos(*keys)))
        return out
