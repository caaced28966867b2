"""Reading and validating ``factcheck.yaml``.

A typo in the configuration must never pass silently: unknown top-level keys are errors, with the
closest known key as a hint. Free keys belong under ``extra``.
"""

from __future__ import annotations

import zoneinfo
from pathlib import Path

from .diagnostics import Diagnostics, Position
from .fields import Fields, is_web_url
from .frontmatter import YamlDoc, decode, parse_yaml
from .model import MEDIA_CATEGORIES, Config, MediaRating, Organization, Rating

CONFIG_FILE = "factcheck.yaml"
DEFAULT_PAGE_SIZE = 24
"""Items on each page of a long list (claims, a topic, a rating, a claimant, a reviewer)."""

TOP_LEVEL_KEYS = (
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "organization",
    "ratings",
    "review",
    "extra",
    "import",
    "page_size",
    "media_ratings",
    "search",
)


def load_config(root: Path, diags: Diagnostics) -> Config | None:
    """The project's configuration, or None when it is missing or unusable (after reporting)."""
    path = root / CONFIG_FILE
    if path.exists() and not path.is_file():
        diags.error(
            CONFIG_FILE,
            Position(1, 1),
            f"{CONFIG_FILE} is a {'folder' if path.is_dir() else 'special file'}, not a file",
            "factcheck.yaml is the project's configuration, a YAML file",
        )
        return None
    if not path.is_file():
        diags.error(
            CONFIG_FILE,
            Position(1, 1),
            "no factcheck.yaml in the project folder",
            f"run 'factcheck init' to start a project, or pass --project DIR (looked in {root})",
        )
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        diags.error(CONFIG_FILE, Position(1, 1), f"cannot read the file: {exc.strerror}")
        return None
    text = decode(raw, CONFIG_FILE, diags)
    doc = parse_yaml(text, CONFIG_FILE, diags)
    if doc is None:
        return None
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        diags.error(
            CONFIG_FILE, Position(1, 1), "factcheck.yaml must be a set of 'key: value' settings"
        )
        return None
    config = parse_config(doc, diags)
    if config is not None:
        _check_logo_file(root, doc, config, diags)
    return config


def _check_logo_file(root: Path, doc: YamlDoc, config: Config, diags: Diagnostics) -> None:
    """A logo given as a site path must be one of the project's static files."""
    logo = config.organization.logo
    if logo is None or is_web_url(logo):
        return
    if not (root / "static" / logo).is_file():
        diags.warning(
            CONFIG_FILE,
            doc.pos("organization", "logo"),
            f"the logo static/{logo} does not exist, so pages show a broken image",
            f"put the file in static/{logo}, or correct 'logo'",
        )


def parse_config(doc: YamlDoc, diags: Diagnostics) -> Config | None:
    f = Fields(doc, CONFIG_FILE, diags, known=TOP_LEVEL_KEYS, what="factcheck.yaml")
    f.check_unknown(severity="error")
    title = f.text("title", required=True)
    description = f.text("description") or ""
    base_url = f.url("base_url")
    if base_url and not base_url.lower().startswith(("http://", "https://")):
        f.error(
            "base_url",
            "'base_url' must be an http or https address",
            "for example base_url: https://check.example.org/",
        )
        base_url = None
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    language = f.language("language") or "en"
    timezone = f.text("timezone") or "UTC"
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        f.error(
            "timezone",
            f"unknown time zone '{timezone}'",
            "use a name from the tz database, such as Europe/London or America/New_York",
        )
        timezone = "UTC"

    organization = _organization(doc, diags)
    ratings = _ratings(doc, diags)

    min_reviewers = 2
    if f.has("review"):
        if isinstance(doc.data["review"], dict):
            review = Fields(
                doc, CONFIG_FILE, diags, base=("review",), known=("min_reviewers",), what="review"
            )
            review.check_unknown(severity="error")
            min_reviewers = review.integer("min_reviewers", default=2, minimum=1)
        else:
            f.error("review", "'review' must be a mapping with min_reviewers")

    extra = doc.data.get("extra") or {}
    if not isinstance(extra, dict):
        f.error("extra", "'extra' must be a mapping of your own keys")
        extra = {}

    import_ratings = _import_ratings(doc, diags, ratings)
    page_size = f.integer("page_size", default=DEFAULT_PAGE_SIZE, minimum=1)
    media_ratings = _media_ratings(doc, diags)
    search = f.boolean("search", default=True)

    if title is None or organization is None or ratings is None:
        return None
    return Config(
        title=title,
        organization=organization,
        ratings=ratings,
        description=description,
        base_url=base_url,
        language=language,
        timezone=timezone,
        min_reviewers=min_reviewers,
        extra=extra,
        import_ratings=import_ratings,
        page_size=page_size,
        media_ratings=media_ratings,
        search=search,
    )


def _organization(doc: YamlDoc, diags: Diagnostics) -> Organization | None:
    data = doc.data.get("organization")
    if data is None:
        diags.error(
            CONFIG_FILE,
            Position(1, 1),
            "missing required field 'organization' in factcheck.yaml",
            "add 'organization:' with 'name:', who publishes the verdicts",
        )
        return None
    if not isinstance(data, dict):
        diags.error(
            CONFIG_FILE,
            doc.pos("organization"),
            "'organization' must be a mapping with name, url and logo",
        )
        return None
    f = Fields(
        doc,
        CONFIG_FILE,
        diags,
        base=("organization",),
        known=("name", "url", "logo"),
        what="organization",
    )
    f.check_unknown(severity="error")
    name = f.text("name", required=True)
    url = f.url("url")
    logo = f.web_or_site_path("logo")
    return Organization(name, url, logo) if name else None


def _ratings(doc: YamlDoc, diags: Diagnostics) -> list[Rating] | None:
    data = doc.data.get("ratings")
    if data is None or data == []:
        diags.error(
            CONFIG_FILE,
            doc.key("ratings") or Position(1, 1),
            "the configuration has no rating scale",
            "add 'ratings:' with at least one rating (id, label, value, description), best first",
        )
        return None
    if not isinstance(data, list):
        diags.error(
            CONFIG_FILE, doc.pos("ratings"), "'ratings' must be a list of ratings, best first"
        )
        return None
    ratings: list[Rating] = []
    seen: set[str] = set()
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            diags.error(
                CONFIG_FILE,
                doc.pos("ratings", index),
                "each rating must be a mapping with id, label, value and description",
            )
            continue
        f = Fields(
            doc,
            CONFIG_FILE,
            diags,
            base=("ratings", index),
            known=("id", "label", "value", "description"),
            what="a rating",
        )
        f.check_unknown(severity="error")
        rating_id = f.ident("id", required=True, what="rating id")
        label = f.text("label")
        value = f.number("value")
        description = f.text("description") or ""
        if rating_id is None:
            continue
        if rating_id in seen:
            f.error("id", f"the rating '{rating_id}' is defined twice")
            continue
        seen.add(rating_id)
        ratings.append(
            Rating(
                rating_id,
                label or rating_id.replace("-", " ").capitalize(),
                value,
                description,
                doc.pos("ratings", index) or Position(1, 1),
            )
        )
    return ratings or None


def _import_ratings(
    doc: YamlDoc, diags: Diagnostics, ratings: list[Rating] | None
) -> dict[str, str]:
    data = doc.data.get("import")
    if data is None:
        return {}
    if not isinstance(data, dict):
        diags.error(CONFIG_FILE, doc.pos("import"), "'import' must be a mapping")
        return {}
    f = Fields(doc, CONFIG_FILE, diags, base=("import",), known=("ratings",), what="import")
    f.check_unknown(severity="error")
    mapping = data.get("ratings")
    if mapping is None:
        return {}
    if not isinstance(mapping, dict):
        f.error("ratings", "'import.ratings' must map outside labels to rating ids")
        return {}
    known = {r.id for r in ratings or []}
    out: dict[str, str] = {}
    for label in mapping:
        keys = ("ratings", label)
        target = f.ident("ratings", sub=(label,), what="rating")
        if target is None:
            continue
        if known and target not in known:
            from .diagnostics import did_you_mean

            f.error(
                keys, f"unknown rating '{target}' in import.ratings", did_you_mean(target, known)
            )
            continue
        out[str(label).lower()] = target
    return out


DEFAULT_MEDIA_RATINGS = (
    MediaRating(
        "original",
        "Original",
        "OriginalMediaContent",
        "No evidence that the media was altered or shown out of its original context.",
    ),
    MediaRating(
        "decontextualized",
        "Missing context",
        "DecontextualizedContent",
        "Real media, shown with a place, time or story it does not belong to.",
    ),
    MediaRating(
        "edited",
        "Edited or cropped",
        "EditedOrCroppedContent",
        "Cut, cropped, spliced or re-ordered in a way that changes what it seems to show.",
    ),
    MediaRating(
        "transformed",
        "Transformed",
        "TransformedContent",
        "Parts were changed, added or made up: doctored, or made by a generator (deepfake).",
    ),
    MediaRating(
        "staged",
        "Staged",
        "StagedContent",
        "A real recording of a scene that was acted or set up to deceive.",
    ),
    MediaRating(
        "satire",
        "Satire or parody",
        "SatireOrParodyContent",
        "Made as a joke or a parody, and shared as if it were real.",
    ),
)
"""The media rating scale of a project whose factcheck.yaml has no ``media_ratings`` (the scale
``factcheck init`` writes): each maps onto schema.org's MediaManipulationRatingEnumeration."""

MEDIA_RATING_KEYS = ("id", "label", "category", "description")


def _media_ratings(doc: YamlDoc, diags: Diagnostics) -> list[MediaRating]:
    """``media_ratings``: like ``ratings``, each with the schema.org ``category`` it maps onto.
    A project without the key gets :data:`DEFAULT_MEDIA_RATINGS`."""
    data = doc.data.get("media_ratings")
    if data is None:
        return list(DEFAULT_MEDIA_RATINGS)
    if not isinstance(data, list) or not data:
        diags.error(
            CONFIG_FILE,
            doc.pos("media_ratings"),
            "'media_ratings' must be a list of media ratings (id, label, category, description)",
            "leave it out for the default scale",
        )
        return list(DEFAULT_MEDIA_RATINGS)
    from .diagnostics import did_you_mean

    out: list[MediaRating] = []
    seen: set[str] = set()
    for index, item in enumerate(data):
        where = ("media_ratings", index)
        if not isinstance(item, dict):
            diags.error(
                CONFIG_FILE,
                doc.pos(*where),
                "each media rating must be a mapping with id, label, category and description",
            )
            continue
        f = Fields(
            doc, CONFIG_FILE, diags, base=where, known=MEDIA_RATING_KEYS, what="a media rating"
        )
        f.check_unknown(severity="error")
        rating_id = f.ident("id", required=True, what="media rating id")
        label = f.text("label")
        category = f.text("category", required=True)
        description = f.text("description") or ""
        if category is not None:
            short = category.rsplit("/", 1)[-1]  # https://schema.org/StagedContent is fine too
            if short not in MEDIA_CATEGORIES:
                f.error(
                    "category",
                    f"'{category}' is not a schema.org MediaManipulationRatingEnumeration value",
                    did_you_mean(short, MEDIA_CATEGORIES)
                    or f"use one of {', '.join(MEDIA_CATEGORIES)}",
                )
                category = None
            else:
                category = short
        if rating_id is None or category is None:
            continue
        if rating_id in seen:
            f.error("id", f"the media rating '{rating_id}' is defined twice")
            continue
        seen.add(rating_id)
        out.append(
            MediaRating(
                rating_id,
                label or rating_id.replace("-", " ").capitalize(),
                category,
                description,
                doc.pos(*where),
            )
        )
    return out
