"""The theme: Jinja templates and assets, the project's ``templates/`` overriding the default
theme file by file.

The default theme is the repository's ``templates/`` folder, shipped inside the wheel as the
package ``factcheck.default_theme``. A project overrides any template or asset by putting a file
of the same name in its own ``templates/``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from .diagnostics import Diagnostics
from .i18n import I18N_DIR, direction, load_translations
from .project_files import project_files

if TYPE_CHECKING:
    from .model import Config

ASSETS = "assets"
TEMPLATES = "templates"
STATIC = "static"


def theme_dir() -> Path:
    """The default theme's folder on disk."""
    return Path(str(resources.files("factcheck.default_theme")))


def theme_loader(project_root: Path) -> jinja2.BaseLoader:
    """Templates from the project's ``templates/`` first, then the default theme's. A
    project's template is read only if it is a regular file inside the project: a link out of
    the project, a FIFO or a loop is refused (the loader reports it, see
    factcheck/project_files.py), and never read. (Functions and jinja's own loaders rather than
    a class of ours: the environment holds reference cycles, and what it holds must not be
    ours, see tests/test_gc_pause.py.)"""
    own = {f.rel: f.path for f in project_files(project_root, TEMPLATES)}
    folder = project_root / TEMPLATES

    def load(template: str) -> tuple[str, str, Callable[[], bool]] | None:
        rel = "/".join(jinja2.loaders.split_template_path(template))
        path = own.get(rel)
        if path is None:
            if os.path.lexists(folder / rel):  # there, but refused
                raise jinja2.TemplateError(f"{TEMPLATES}/{rel} cannot be used as a template")
            return None
        with open(path, "rb") as handle:
            source = handle.read().decode("utf-8")
        mtime = os.path.getmtime(path)
        return source, path, lambda: os.path.getmtime(path) == mtime

    return jinja2.ChoiceLoader(
        [jinja2.FunctionLoader(load), jinja2.FileSystemLoader(str(theme_dir()))]
    )


class KeptBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in a dictionary, which the build cache saves between processes
    (signed: factcheck/saved_cache.py); Jinja reuses an entry only for the same source."""

    def __init__(self, kept: dict[str, bytes]) -> None:
        self.kept = kept

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.kept.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


def environment(
    project_root: Path,
    language: str = "en",
    diags: Diagnostics | None = None,
    bytecode: dict[str, bytes] | None = None,
) -> jinja2.Environment:
    """The theme's Jinja environment, speaking ``language``: ``t(key, name=value)`` and
    ``tn(key, count)`` give the translation tables' words (factcheck/i18n.py), ``tp`` the same
    as plain text for attributes and ``<title>``, the ``date``
    and ``number`` filters write as the language does, ``text_direction`` is "ltr" or
    "rtl". Problems with the project's tables go to ``diags``. ``bytecode`` keeps the compiled
    templates for the next build (:class:`KeptBytecode`)."""
    folders = [project_root / TEMPLATES, theme_dir()]
    translations = load_translations(
        language, [f for f in folders if f.is_dir()], project_root, diags
    )
    env = jinja2.Environment(
        loader=theme_loader(project_root),
        autoescape=jinja2.select_autoescape(["html", "xml", "htm"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=KeptBytecode(bytecode) if bytecode is not None else None,
    )
    env.filters["date"] = translations.date
    env.filters["number"] = translations.number
    env.globals["t"] = translations.text
    env.globals["tp"] = translations.plain
    env.globals["tn"] = translations.plural
    env.globals["text_direction"] = translations.direction
    env.globals["lang_direction"] = direction
    env.globals["translations"] = translations
    env.filters["isodate"] = iso_date
    env.filters["json"] = to_json
    env.filters["capitalize_first"] = capitalize_first
    return env


def theme_key(project_root: Path, *extra: object) -> tuple[object, ...]:
    """What every page depends on besides its own context: the bytes of every template (the
    project's and the default theme's, their translation tables included), of the project's
    own translation tables and of the configuration, and ``extra``."""
    files: list[tuple[str, bytes]] = []
    for found in project_files(project_root, TEMPLATES):
        if found.rel.split("/")[0] not in (ASSETS, "__pycache__"):
            with open(found.path, "rb") as handle:
                files.append((found.path, handle.read()))
    default = theme_dir()
    for path in sorted(default.rglob("*")):
        rel = path.relative_to(default)
        if (
            rel.parts[0] in (ASSETS, "__pycache__")
            or path.suffix in (".py", ".pyc")
            or not path.is_file()
        ):
            continue
        files.append((str(path), path.read_bytes()))
    own = project_root / I18N_DIR
    if own.is_dir():
        for path in sorted(own.glob("*.yaml")):
            files.append((str(path), path.read_bytes()))
    config = project_root / "factcheck.yaml"
    return (tuple(files), config.read_bytes() if config.is_file() else b"", *extra)


def site_key(project_root: Path, config: Config) -> tuple[object, ...]:
    """:func:`theme_key` for a build of ``config``'s site: what the build's page records are
    valid for, and what ``check`` compares with them (factcheck/trial_render.py)."""
    return theme_key(project_root, config.base_url, config.search)


def format_date(value: dt.date | dt.datetime | None, with_time: bool = False) -> str:
    """A date as readers read it: 10 March 2026 (with the time, 10 March 2026, 14:05)."""
    if value is None:
        return ""
    text = f"{value.day} {value:%B %Y}"
    if with_time and isinstance(value, dt.datetime):
        text += f", {value:%H:%M}"
    return text


def capitalize_first(text: str) -> str:
    """The text with its first letter upper-cased and the rest as written (Jinja's
    ``capitalize`` lower-cases the rest, names and rating labels included)."""
    return text[:1].upper() + text[1:]


def iso_date(value: dt.date | dt.datetime | None) -> str:
    return "" if value is None else value.isoformat()


def to_json(value: Any) -> Markup:
    """JSON safe inside a <script> element: '<', '>' and '&' are escaped as \\u sequences, so
    no text from content can close the element."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def assets(project_root: Path) -> Iterator[tuple[str, Path]]:
    """(site path, file) for every theme asset, the project's own overriding the default's.
    The project's are only regular files inside the project (see factcheck/project_files.py;
    the loader reports the others)."""
    seen: set[str] = set()
    for found in project_files(project_root, f"{TEMPLATES}/{ASSETS}"):
        rel = f"{ASSETS}/{found.rel}"
        if "__pycache__" not in found.rel.split("/"):
            seen.add(rel)
            yield rel, Path(found.path)
    base = theme_dir() / ASSETS
    if not base.is_dir():
        return
    for path in sorted(base.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            rel = f"{ASSETS}/{path.relative_to(base).as_posix()}"
            if rel not in seen:
                seen.add(rel)
                yield rel, path


def static_files(project_root: Path) -> Iterator[tuple[str, Path]]:
    """The project's static/ files, copied as they are to the site's root: only regular files
    inside the project (see factcheck/project_files.py; the loader reports the others)."""
    for found in project_files(project_root, STATIC):
        yield found.rel, Path(found.path)
