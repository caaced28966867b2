"""Values in factcheck.yaml that reach file names and links are checked where they are written:
``language`` is a BCP 47 tag (it names Pagefind's files and is the pages' ``lang``), and
``organization.logo`` is an http(s) address or a path of a file in static/ (it is put in
``src`` and ``href`` attributes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fuzzing import fuzz
from fuzzing import mark as fuzz_test
from helpers import check, write_project
from hypothesis import given
from hypothesis import strategies as st

from factcheck.fields import language_problem, site_path_problem

CONFIG = """\
title: Test Check
language: {language}
organization:
  name: Test Check
  logo: {logo}
ratings:
  - id: accurate
"""


def _config(tmp_path: Path, *, language: str = "en", logo: str = "logo.svg") -> Path:
    root = write_project(
        tmp_path / "p",
        {"static/logo.svg": "<svg/>"},
        config=CONFIG.format(language=language, logo=logo),
    )
    return root


VALID_TAGS = [
    "en",
    "EN-gb",
    "de-CH-1996",
    "zh-Hant-TW",
    "pt-BR",
    "es-419",
    "sr-Latn",
    "en-US-u-ca-gregory",
    "x-private",
    "qaa",
    "i-klingon",
    "art-lojban",
    "und",
    "en-GB-oxendict",
    "yue-HK",
    "fil",
]


@pytest.mark.parametrize("tag", VALID_TAGS)
def test_valid_language_tags_are_accepted(tmp_path: Path, tag: str) -> None:
    assert language_problem(tag) is None
    result = check(_config(tmp_path, language=tag))
    assert result.exit_code == 0, result.output


INVALID_TAGS = {
    "../../../X": "it is not a BCP 47 language tag",
    "en/../../x": "it is not a BCP 47 language tag",
    '"en\\u0000"': "it is not a BCP 47 language tag",
    "en_US": "a language tag separates its parts with '-', not '_'",
    "english": "it is not a registered language, script, region or variant",
    "xx": "it is not a registered language, script, region or variant",
    "en-": "it is not a BCP 47 language tag",
    "'en '": "it is not a BCP 47 language tag",
    "en-Latn-Cyrl": "it is not a BCP 47 language tag",
    "<script>": "it is not a BCP 47 language tag",
    "a-very-long-subtag-here": "it is not a BCP 47 language tag",
}


@pytest.mark.parametrize("written", list(INVALID_TAGS))
def test_invalid_language_tags_are_errors_at_their_place(tmp_path: Path, written: str) -> None:
    result = check(_config(tmp_path, language=written))
    assert result.exit_code == 1
    error = next(line for line in result.lines if ": error: " in line)
    assert error.startswith(
        "factcheck.yaml:2:11: error: 'language' is not a valid language tag: "
    ), error
    assert error.endswith(INVALID_TAGS[written]), error
    assert "hint: use a BCP 47 language tag, such as en, en-GB" in result.stdout


@fuzz_test
@fuzz(300)
@given(st.text(max_size=40) | st.from_regex(r"[a-zA-Z0-9_-]{1,30}", fullmatch=True))
def test_any_text_is_judged_and_only_safe_tags_pass(text: str) -> None:
    # Never raises; whatever passes can go into a file name and an attribute as it is.
    if language_problem(text) is None:
        assert re.fullmatch(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*", text), text


LOGOS_REFUSED = {
    "javascript:alert(1)": "only http and https addresses, or a path inside the site",
    "data:image/svg+xml,<svg/>": "only http and https addresses, or a path inside the site",
    "'\\\\host\\share\\x.svg'": "a path uses '/', never '\\' (a Windows or network path",
    "'images\\logo.svg'": "a path uses '/', never '\\'",
    "/logo.svg": "a site path is relative to the site's root",
    "//evil.example/x.svg": "a site path is relative to the site's root",
    "../secret.svg": "a path may not contain '..', '.' or an empty part",
    "images/../../x.svg": "a path may not contain '..', '.' or an empty part",
    "C:/logo.svg": "only http and https addresses, or a path inside the site",
    "logo.svg?x=1": "a path of a file may not contain '?' or '#'",
    "'http://'": "an http or https URL needs a host name",
    "'https://exa mple.org/x.svg'": "a URL may not be empty or contain white space",
}


@pytest.mark.parametrize("written", list(LOGOS_REFUSED))
def test_a_logo_that_is_no_web_address_or_site_path_is_an_error(
    tmp_path: Path, written: str
) -> None:
    result = check(_config(tmp_path, logo=written))
    assert result.exit_code == 1
    error = next(line for line in result.lines if ": error: " in line)
    assert error.startswith(
        "factcheck.yaml:5:9: error: 'logo' must be an http or https "
        "address or a path inside the site: "
    ), error
    assert LOGOS_REFUSED[written] in error, error


@pytest.mark.parametrize("logo", ["logo.svg", "https://cdn.example.org/logo.svg"])
def test_a_static_file_or_a_web_address_is_a_logo(tmp_path: Path, logo: str) -> None:
    result = check(_config(tmp_path, logo=logo))
    assert result.exit_code == 0, result.output
    assert ": warning: " not in result.stdout


def test_a_logo_missing_from_static_is_a_warning(tmp_path: Path) -> None:
    result = check(_config(tmp_path, logo="images/logo.png"))
    assert result.lines[0] == (
        "factcheck.yaml:5:9: warning: the logo static/images/logo.png "
        "does not exist, so pages show a broken image"
    )


def test_site_paths() -> None:
    assert site_path_problem("images/logo.svg") is None
    assert site_path_problem("a b.svg") is None
    for bad in ("", " x", "a\x00b", "a//b", "./x", "x/.", "\\\\host\\x", "~/../x"):
        assert site_path_problem(bad) is not None, bad
