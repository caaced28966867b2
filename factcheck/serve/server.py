"""The preview server's HTTP side: it serves built sites and tells browsers when they changed. It
knows nothing about building (MkDocs' ``LiveReloadServer`` design): what to serve comes from
:class:`Views`, and the rebuilding is done elsewhere (factcheck/serve/rebuild.py).

One :class:`LiveState` holds the site's epoch (bumped by every successful rebuild), the epoch of
the last rebuild that changed more than stylesheets, the page that shows the last change, and the
errors of the last failed rebuild. Browsers wait on Server-Sent Events at
``/__factcheck/events`` and get the state as JSON each time it changes; ``livereload.js``
(injected before ``</body>`` of every served HTML page, never written to a site) reloads the
page, goes to the page that changed, swaps the stylesheets, or shows the errors over the page.

Only files inside a built site are served: a request path is decoded once, and any ``..`` or
``.`` segment, backslash, encoded slash, NUL or a path that resolves outside the site is a 404; a
path that is not UTF-8 or names a file too long for the file system is a 400. Requests whose
``Host`` is not this server's own name are refused, so that a web page elsewhere cannot read the
preview through a DNS name that it points at 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import errno
import ipaddress
import json
import logging
import mimetypes
import re
import threading
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from .. import urls
from ..i18n import Translations, english
from ..theme import theme_dir

PREFIX = "/__factcheck/"
EVENTS_PATH = PREFIX + "events"
SCRIPT_PATH = PREFIX + "livereload.js"
PUBLISHED_PREFIX = PREFIX + "published/"
"""Where the preview server shows the published view beside the review preview."""
KEEPALIVE_SECONDS = 10.0
IDLE_SECONDS = 30.0
"""A connection that sends nothing for this long is closed (a slow or stuck client does not
hold a thread for ever). The live-reload stream is not idle: it is written to every 10 s."""
REQUEST_QUEUE = 128
"""Connections the kernel holds while every handler thread is busy (http.server's default of 5
turned a browser's burst of requests for a page's assets into refused connections)."""

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
    ".webmanifest": "application/manifest+json",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
}
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_UNSAFE_ENCODED = re.compile(r"%(2f|5c|00)", re.IGNORECASE)

log = logging.getLogger("factcheck.serve")


class PortInUse(Exception):
    """The address to listen on is taken."""


class BadRequest(Exception):
    """A request path that names no file a site could have (not UTF-8, a name too long)."""


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


NO_RANGE = (-1, -1)
"""No byte range asked for (or one this server does not serve, such as several ranges): the
whole file."""


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The (first, last) byte a ``Range: bytes=...`` header asks of a file of ``size`` bytes;
    None if it starts past the end; :data:`NO_RANGE` for no header or another form."""
    found = re.fullmatch(r"bytes=(\d*)-(\d*)", (header or "").strip())
    if found is None or found.group(1) == found.group(2) == "":
        return NO_RANGE
    first, last = found.groups()
    if first == "":  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    else:
        start, end = int(first), min(int(last) if last else size - 1, size - 1)
    if start >= size or start > end:
        return None
    return start, end


def safe_site_path(site: Path, raw_path: str) -> Path | None:
    """The file or folder of ``site`` that the URL path ``raw_path`` names, or None when the
    path is not plainly a path inside the site. Raises :class:`BadRequest` for a path that is
    not UTF-8 once decoded, or has a segment longer than a file name can be."""
    path = urlsplit(raw_path).path
    if _UNSAFE_ENCODED.search(path):
        return None
    try:
        decoded = unquote(path, errors="strict") if "%" in path else path
    except UnicodeDecodeError:
        raise BadRequest("the path is not UTF-8") from None
    if not decoded.startswith("/") or "\\" in decoded or "\0" in decoded:
        return None
    segments = decoded[1:].split("/")
    if any(len(s.encode("utf-8", "surrogatepass")) > 255 for s in segments):
        raise BadRequest("a path segment is longer than a file name can be")
    inner = segments[:-1]  # the last one may be empty: a folder URL
    if any(s in ("", ".", "..") for s in inner) or segments[-1] in (".", ".."):
        return None
    if any(":" in s for s in segments):
        return None
    root = site.resolve()
    candidate = root.joinpath(*[s for s in segments if s])
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError):
        return None
    if resolved != root and not resolved.is_relative_to(root):
        return None
    return resolved


def inject(html: bytes, *, head: bytes = b"", body_end: bytes = b"") -> bytes:
    """``head`` before ``</head>`` and ``body_end`` before the last ``</body>`` (at the start or
    end of the document where there is no such tag)."""
    if head:
        match = _HEAD_END.search(html)
        html = html[: match.start()] + head + html[match.start() :] if match else head + html
    if body_end:
        matches = list(_BODY_END.finditer(html))
        html = (
            html[: matches[-1].start()] + body_end + html[matches[-1].start() :]
            if matches
            else html + body_end
        )
    return html


def inject_script(html: bytes, tag: bytes) -> bytes:
    """``tag`` before the last ``</body>``, or at the end when there is none."""
    return inject(html, body_end=tag)


def livereload_source() -> bytes:
    return (resources.files("factcheck.serve") / "livereload.js").read_bytes()


def allowed_hosts(bind: str) -> frozenset[str] | None:
    """The ``Host`` names this server answers: loopback names and the address it listens on.
    None (any name) when it listens on every interface: it was asked to be reachable by names
    it cannot know."""
    try:
        address = ipaddress.ip_address(bind)
    except ValueError:
        address = None
    if address is not None and address.is_unspecified:
        return None
    names = {"localhost", "127.0.0.1", "::1", bind.lower()}
    return frozenset(names)


def host_allowed(host_header: str | None, allowed: frozenset[str] | None) -> bool:
    if allowed is None:
        return True
    if not host_header:
        return False  # HTTP/1.1 requires Host; a browser always sends one
    host = host_header.strip().lower()
    if host.startswith("["):  # [::1]:8000
        host = host[1 : host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host in allowed or host.endswith(".localhost")


class LiveState:
    """What browsers wait on: the site's epoch, the page that shows the last change, and the
    errors of a failed rebuild."""

    def __init__(self) -> None:
        self.instance = uuid.uuid4().hex[:12]
        self.epoch = 0
        self.full_epoch = 0
        self.version = 0
        self.navigate: dict[str, object] | None = None
        """``{"epoch": N, "path": "claims/x.html"}``: the site page that shows what rebuild N
        changed (the preview follows the change there), or None."""
        self.errors: list[dict[str, object]] = []
        self.stopping = False
        self.condition = threading.Condition()

    def snapshot(self) -> dict[str, object]:
        return {
            "instance": self.instance,
            "epoch": self.epoch,
            "full_epoch": self.full_epoch,
            "navigate": self.navigate,
            "errors": self.errors,
        }

    def site_changed(self, *, css_only: bool, page: str | None = None) -> None:
        with self.condition:
            self.epoch += 1
            if not css_only:
                self.full_epoch = self.epoch
            self.navigate = {"epoch": self.epoch, "path": page} if page else None
            self.errors = []
            self.version += 1
            self.condition.notify_all()

    def failed(self, errors: list[dict[str, object]]) -> None:
        with self.condition:
            self.errors = errors
            self.version += 1
            self.condition.notify_all()

    def stop(self) -> None:
        with self.condition:
            self.stopping = True
            self.condition.notify_all()


@dataclass(slots=True)
class View:
    """A built site served at ``prefix`` (``/``, or ``/__factcheck/published/``)."""

    name: str
    """"preview" (every verdict, marked) or "published" (what readers get)."""
    prefix: str
    folder: Path


class Views:
    """What the server serves: the view at ``/`` and, in the review preview, the published view
    under :data:`PUBLISHED_PREFIX`. ``ensure(name)`` is called before a view is first served,
    so that one built only on demand exists by then."""

    def __init__(
        self, views: list[View], *, ensure: Callable[[str], None] | None = None, follow: bool = True
    ) -> None:
        self.views = sorted(views, key=lambda v: len(v.prefix), reverse=True)
        self.words: Translations = english(theme_dir())
        """The banner's words: the site's language, once a build has said which."""
        self.ensure = ensure
        self.follow = follow
        """Whether pages go to the page that shows what changed (browsers may turn it off)."""

    def route(self, path: str) -> tuple[View, str]:
        """The view a URL path belongs to, and the path within that view's site."""
        for view in self.views:
            if path.startswith(view.prefix):
                return view, "/" + path[len(view.prefix) :]
            if path + "/" == view.prefix:
                return view, "/"
        raise LookupError(path)

    @property
    def has_published(self) -> bool:
        return any(v.name == "published" and v.prefix != "/" for v in self.views)


def banner(view: View, site_path: str, views: Views) -> bytes:
    """The preview's banner, on every page of the review preview and of the published view
    beside it (never of a site that is built)."""
    page = escape(site_path.lstrip("/"))
    words = views.words
    # Last in the page, held at the bottom of the window: screen readers and the keyboard meet
    # the page's own skip link and landmarks first, and the bar never covers its header.
    style = (
        "position:sticky;bottom:0;z-index:2147483646;font:15px/1.45 system-ui,sans-serif;"
        "background:#ffe08a;color:#1b1b1f;border-top:2px solid #8c4600;padding:.4rem 1rem;"
        "margin:0;"
    )
    link = "color:#0b3d91;font-weight:600;"
    if view.name == "preview":
        switch = (
            f' <a style="{link}" href="{PUBLISHED_PREFIX}{page}">'
            f"{words.text('banner_published_title')}</a> ·"
            if views.has_published
            else ""
        )
        title = Markup("<strong>{}</strong>").format(words.plain("banner_preview_title"))
        text = (
            f"{words.text('banner_preview', title=title)}"
            f'{switch} <a style="{link}" href="/{urls.DESK}">{words.text("review_desk")}</a> · '
            '<label><input type="checkbox" id="factcheck-follow"> '
            f"{words.text('banner_follow')}</label>"
        )
    else:
        title = Markup("<strong>{}</strong>").format(words.plain("banner_published_title"))
        text = (
            f"{words.text('banner_published', title=title)} "
            f'<a style="{link}" href="/{page}">{words.text("banner_back")}</a>'
        )
    label = escape(words.plain("banner_preview_title"))
    return (
        f'<aside id="factcheck-preview-banner" aria-label="{label}" style="{style}" '
        f'dir="{words.direction}"><p style="margin:0">{text}</p></aside>'
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer
    server_version = "factcheck-serve"

    def setup(self) -> None:
        super().setup()
        # (StreamRequestHandler's class-wide ``timeout``, per server instead.)
        self.connection.settimeout(self.server.idle_seconds)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log is not None:
            self.server.log(format % args)

    def do_HEAD(self) -> None:
        self._guarded(head=True)

    def do_GET(self) -> None:
        self._guarded(head=False)

    def _guarded(self, *, head: bool) -> None:
        try:
            if not host_allowed(self.headers.get("Host"), self.server.allowed):
                self._plain(
                    HTTPStatus.FORBIDDEN,
                    "This preview server answers only to its own address.",
                    head=head,
                )
                return
            self._respond(head=head)
        except BadRequest as exc:
            self._plain(HTTPStatus.BAD_REQUEST, f"Bad request: {exc}.", head=head)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the browser hung up: nothing to answer
        except Exception:  # a bug of ours: answer, and say so where it can be seen
            log.error(
                "preview server: internal error answering %s: %s",
                self.path,
                traceback.format_exc(limit=0).strip(),
            )
            log.debug("%s", traceback.format_exc())
            self.server.internal_errors += 1
            self._plain(
                HTTPStatus.INTERNAL_SERVER_ERROR, "Internal error; see the terminal.", head=head
            )

    def _respond(self, *, head: bool) -> None:
        path = urlsplit(self.path).path
        if path == EVENTS_PATH and not head:
            self._events()
            return
        if path == SCRIPT_PATH:
            self._send(
                HTTPStatus.OK, "text/javascript; charset=utf-8", livereload_source(), head=head
            )
            return
        views = self.server.views
        try:
            view, inner = views.route(path)
        except LookupError:
            self._plain(HTTPStatus.NOT_FOUND, "Not found.", head=head)
            return
        if views.ensure is not None:
            views.ensure(view.name)
        query = urlsplit(self.path).query
        target = safe_site_path(view.folder, inner + (f"?{query}" if query else ""))
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
            inner = inner + "index.html"
        if target is not None:
            try:
                data = target.read_bytes()
            except OSError:
                pass
            else:
                part = byte_range(self.headers.get("Range"), len(data))
                if part is not NO_RANGE and not content_type(target).startswith("text/html"):
                    self._send_part(content_type(target), data, part, head=head)
                    return
                self._send(
                    HTTPStatus.OK, content_type(target), data, head=head, view=view, site_path=inner
                )
                return
        self._not_found(view, head=head)

    def _send_part(
        self, ctype: str, data: bytes, part: tuple[int, int] | None, *, head: bool
    ) -> None:
        """One byte range of a file (206), or 416 for a range past its end (``part`` None):
        a browser seeks in audio and video this way, and starts them at a ``#t=`` fragment."""
        if part is None:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{len(data)}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        start, end = part
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(data[start : end + 1])

    def _not_found(self, view: View, *, head: bool) -> None:
        try:
            data = (view.folder / "404.html").read_bytes()
        except OSError:
            data = (
                b"<!doctype html><html lang=en><meta charset=utf-8><title>Not found</title>"
                b"<body><h1>Not found</h1></body></html>"
            )
        self._send(
            HTTPStatus.NOT_FOUND,
            "text/html; charset=utf-8",
            data,
            head=head,
            view=view,
            site_path="/404.html",
        )

    def _plain(self, status: HTTPStatus, text: str, *, head: bool) -> None:
        data = text.encode() + b"\n"
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _send(
        self,
        status: HTTPStatus,
        ctype: str,
        data: bytes,
        *,
        head: bool,
        view: View | None = None,
        site_path: str = "/",
    ) -> None:
        previewing = view is not None and (view.name == "preview" or view.prefix != "/")
        if ctype.startswith("text/html"):
            state = self.server.state
            views = self.server.views
            prefix = view.prefix if view is not None else "/"
            tag = (
                f'<script src="{SCRIPT_PATH}" data-instance="{state.instance}" '
                f'data-epoch="{state.epoch}" data-prefix="{escape(prefix)}" '
                f'data-follow="{"1" if views.follow else "0"}"></script>'
            ).encode()
            if previewing and view is not None:
                data = inject(
                    data,
                    head=b'<meta name="robots" content="noindex, nofollow">',
                    body_end=banner(view, site_path, views) + tag,
                )
            else:
                data = inject(data, body_end=tag)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if previewing:
            self.send_header("X-Robots-Tag", "noindex, nofollow")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _events(self) -> None:
        state = self.server.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            self.wfile.write(b"retry: 500\n\n")
            seen = -1
            while True:
                with state.condition:
                    if state.version == seen and not state.stopping:
                        state.condition.wait(KEEPALIVE_SECONDS)
                    if state.stopping:
                        return
                    version, snapshot = state.version, state.snapshot()
                if version != seen:
                    seen = version
                    payload = json.dumps(snapshot, ensure_ascii=False)
                    self.wfile.write(f"data: {payload}\n\n".encode())
                else:
                    self.wfile.write(b": keepalive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
            return


class SiteServer(ThreadingHTTPServer):
    """Serves :class:`Views` on ``address`` and the live-reload events of ``state``."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = REQUEST_QUEUE

    def __init__(
        self,
        address: tuple[str, int],
        views: Views,
        state: LiveState,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.views = views
        self.state = state
        self.log = log
        self.allowed = allowed_hosts(address[0])
        self.idle_seconds = IDLE_SECONDS
        self.internal_errors = 0
        """Requests that failed on a bug of ours (tests)."""
        try:
            super().__init__(address, _Handler)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise PortInUse(f"{address[0]}:{address[1]}") from exc
            raise

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Errors inside a handler are answered and logged there; what reaches here is a client
        # gone before its request was read.
        pass
