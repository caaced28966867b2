"""The preview server under bounded load on loopback, while it rebuilds: many connections at
once, slow clients that never finish their request, oversized and malformed requests, requests
with a foreign Host. It keeps answering the well-formed ones, and answers the others with an
error status rather than dropping them. The figures are in docs/security.md."""

from __future__ import annotations

import http.client
import socket
import threading

from serve_helpers import VERDICT, edit, get, wait_for_build

from factcheck.serve import PreviewServer

CLIENTS = 16
REQUESTS_EACH = 12
SLOW_CLIENTS = 8


def _raw(server: PreviewServer, data: bytes, timeout: float = 10.0) -> bytes:
    """Send ``data`` as it is and return what comes back (b"" if the server hung up)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as conn:
        conn.sendall(data)
        chunks = []
        try:
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, TimeoutError):
            pass
        return b"".join(chunks)


def test_it_keeps_serving_under_load_and_abuse(preview: PreviewServer) -> None:
    server = preview
    slow = []
    for _ in range(SLOW_CLIENTS):  # slow clients: half a request line, then nothing
        conn = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        conn.sendall(b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        slow.append(conn)

    answers: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        for i in range(REQUESTS_EACH):
            path = (
                "/",
                "/claims/index.html",
                "/claims/council-tax-frozen.html",
                "/assets/style.css",
                "/no-such-page.html",
            )[(n + i) % 5]
            try:
                status, _, _ = get(server, path)
            except OSError as exc:
                with lock:
                    failures.append(f"{path}: {exc}")
                continue
            with lock:
                answers.append(status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    # Meanwhile: rebuilds, and requests that are too big, malformed or for another host.
    builds = server.builds
    edit(server.root / VERDICT, "headline: ", "headline: Under load, ")
    abuse = {
        "a request line of 70 kB": b"GET /"
        + b"a" * 70_000
        + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "200 headers": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + b"".join(b"X-%d: y\r\n" % i for i in range(200))
        + b"\r\n",
        "not HTTP": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64 + b"\r\n\r\n",
        "a bad method": b"BREW /pot HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "a foreign host": b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n",
        "a path that is not UTF-8": b"GET /%ff%fe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    }
    answered = {what: _raw(server, data) for what, data in abuse.items()}
    for thread in threads:
        thread.join(120)
    wait_for_build(server, builds)
    for conn in slow:
        conn.close()

    assert not failures, failures
    assert len(answers) == CLIENTS * REQUESTS_EACH
    assert set(answers) <= {200, 404}
    for what, reply in answered.items():
        if not reply.startswith(b"HTTP/"):  # not HTTP/1.x: answered as HTTP/0.9, body only
            assert b"Error code: 400" in reply, (what, reply[:200])
            continue
        status = int(reply.split(b" ", 2)[1])
        assert status in (400, 403, 414, 431, 501), (what, reply[:80])
    assert server.httpd.internal_errors == 0
    # And afterwards it serves as ever, the rebuild included.
    status, _, body = get(server, "/claims/council-tax-frozen.html")
    assert status == 200 and b"Under load" in body


def test_an_idle_connection_is_closed(preview: PreviewServer) -> None:
    """A client that connects and says nothing does not hold a thread for ever."""
    from factcheck.serve.server import IDLE_SECONDS

    assert IDLE_SECONDS <= 60
    preview.httpd.idle_seconds = 1.0  # (the default is IDLE_SECONDS; the test needs no wait)
    # (a server that kept the connection would make recv time out after 30 s: socket.timeout)
    conn = socket.create_connection(("127.0.0.1", preview.port), timeout=30)
    try:
        assert conn.recv(1) == b""  # the server hangs up
    except ConnectionResetError:
        pass
    finally:
        conn.close()


def test_events_need_the_servers_own_host(preview: PreviewServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    try:
        conn.putrequest("GET", "/__factcheck/events", skip_host=True)
        conn.putheader("Host", "attacker.example:80")
        conn.putheader("Origin", "http://attacker.example")
        conn.endheaders()
        assert conn.getresponse().status == 403
    finally:
        conn.close()
