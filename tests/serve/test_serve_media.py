"""Media in the review preview: an unpublished claim's media is shown there (never in a built
site), and audio and video are served in byte ranges, so that a browser can seek in them and
start them at the part checked."""

from __future__ import annotations

import http.client
import re
from pathlib import Path

import pytest
from support.media_files import wav

from factcheck.serve import PreviewServer
from factcheck.serve.server import NO_RANGE, byte_range

CLAIM = """\
---
summary: A voice note has the Mayor admitting the budget is fake.
media:
  - type: audio
    file: voice-note.wav
    start: 1.5
---
"""
VERDICT = """\
---
claim: voice-note
reviewer: first-reviewer
rating: "false"
media_rating: transformed
status: draft
---
The voice is synthetic.
"""


def fetch(server: PreviewServer, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", path, headers=headers)
    return conn.getresponse()


@pytest.fixture
def served(project: Path) -> PreviewServer:
    (project / "content/media").mkdir(parents=True)
    (project / "content/media/voice-note.wav").write_bytes(wav(2.0))
    (project / "content/claims/voice-note.md").write_text(CLAIM)
    (project / "content/verdicts/voice-note").mkdir(parents=True)
    (project / "content/verdicts/voice-note/first-reviewer.md").write_text(VERDICT)
    return PreviewServer(project, port=0, debounce=0.1, search=False)


def test_the_preview_shows_and_serves_an_unpublished_claims_recording(
    served: PreviewServer,
) -> None:
    result = served.start()
    try:
        assert result is not None and result.ok, result and result.diagnostics.format_text()
        page = fetch(served, "/claims/voice-note.html", {}).read().decode()
        found = re.search(
            r'<audio controls preload="metadata" src="\.\./(media/[^"#]+)#t=1.5"', page
        )
        assert found, page
        whole = fetch(served, f"/{found.group(1)}", {})
        data = whole.read()
        assert whole.status == 200 and data[:4] == b"RIFF"
        part = fetch(served, f"/{found.group(1)}", {"Range": "bytes=100-199"})
        assert part.status == 206
        assert part.getheader("Content-Range") == f"bytes 100-199/{len(data)}"
        assert part.read() == data[100:200]
        past = fetch(served, f"/{found.group(1)}", {"Range": f"bytes={len(data)}-"})
        assert past.status == 416
    finally:
        served.stop()


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        (None, 10, NO_RANGE),
        ("bytes=0-", 10, (0, 9)),
        ("bytes=2-4", 10, (2, 4)),
        ("bytes=5-100", 10, (5, 9)),
        ("bytes=-3", 10, (7, 9)),
        ("bytes=10-", 10, None),
        ("bytes=4-2", 10, None),
        ("bytes=0-1,4-5", 10, NO_RANGE),
        ("items=0-1", 10, NO_RANGE),
    ],
)
def test_byte_ranges(header: str | None, size: int, expected: tuple[int, int] | None) -> None:
    assert byte_range(header, size) == expected
