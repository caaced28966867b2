"""Small helpers for the preview server's tests."""

from __future__ import annotations

import http.client
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factcheck.serve import PreviewServer

INJECTED = re.compile(
    rb'<script src="/__factcheck/livereload\.js"[^>]*></script>'
    rb'|<aside id="factcheck-preview-banner".*?</aside>'
    rb'|<meta name="robots" content="noindex, nofollow">(?=</head>)'
)
"""What the server adds to the HTML it serves (the live-reload script; in the preview, the
banner and a noindex in the head)."""

VERDICT = "content/verdicts/council-tax-frozen/first-reviewer.md"


def get(server: PreviewServer, path: str) -> tuple[int, dict[str, str], bytes]:
    """GET ``path`` exactly as given (no normalising by the client)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    assert predicate(), f"timed out waiting for {what or predicate}"


def wait_for_build(server: PreviewServer, after: int, timeout: float = 10.0) -> None:
    """Wait until a build after the ``after``-th has finished and no more is pending."""
    wait_until(lambda: server.builds > after, timeout, "a rebuild")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new), encoding="utf-8")


def first_event(server: PreviewServer) -> dict[str, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", "/__factcheck/events")
        response = conn.getresponse()
        assert response.getheader("Content-Type") == "text/event-stream"
        while True:
            line = response.fp.readline().decode()
            if line.startswith("data: "):
                result: dict[str, Any] = json.loads(line[len("data: ") :])
                return result
    finally:
        conn.close()
