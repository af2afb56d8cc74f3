"""The preview server's HTTP side: safe paths, content types, and where the reload script
and the overlay (`serve/reload.py`) go into a page.

Everything here but the request handler is a pure function of its inputs, so
path safety and injection are tested without sockets. The handler reads the
preview folder only between builds, through the `PreviewSource` it is given
(`serve.PreviewState`); it knows nothing of builds or watching.
"""

from __future__ import annotations

import errno
import mimetypes
import re
import socket
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote

from generator.errors import Problem
from generator.messages import Messages
from generator.serve.reload import EVENTS_PATH, overlay, script

NOT_FOUND = "404.html"
# How long an SSE connection stays silent before a comment line checks it is still open.
HEARTBEAT_SECONDS = 15.0

_UTF8 = "; charset=utf-8"
CONTENT_TYPES = {
    ".html": "text/html" + _UTF8, ".htm": "text/html" + _UTF8, ".css": "text/css" + _UTF8,
    ".js": "text/javascript" + _UTF8, ".mjs": "text/javascript" + _UTF8,
    ".xml": "application/xml" + _UTF8, ".rss": "application/rss+xml" + _UTF8,
    ".atom": "application/atom+xml" + _UTF8, ".txt": "text/plain" + _UTF8,
    ".json": "application/json", ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
    ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
    ".pdf": "application/pdf", ".wasm": "application/wasm",
}


def content_type(path: str) -> str:
    """The Content-Type for a file name; ours first, the platform's guess, then bytes."""
    suffix = Path(path).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path)
    return guessed or "application/octet-stream"


@dataclass(frozen=True)
class Resolved:
    """What a request path points to in the preview folder."""

    status: int
    """200 (a file), 301 (a folder asked for without its slash) or 404."""
    file: Path | None = None
    """The file to send when status is 200."""
    relative: str = ""
    """That file relative to the preview folder (POSIX): what the build reports as changed."""
    location: str = ""
    """Where to redirect when status is 301."""


MISSING = Resolved(404)


def resolve(root: Path, target: str) -> Resolved:
    """Map a request target (path and query as sent) to a file inside `root`, safely.

    Anything that could leave the folder is refused as missing rather than
    normalised: `..` and `.` segments (plain or percent-encoded), empty
    segments (`//etc/passwd`), backslashes, NUL, hidden names, absolute-form
    targets and symbolic links whose target is outside the folder.
    """
    raw, _, query = target.partition("?")
    raw = raw.partition("#")[0]
    if not raw.startswith("/") or "\x00" in raw:
        return MISSING
    try:
        path = unquote(raw, errors="strict") if "%" in raw else raw
    except UnicodeDecodeError:
        return MISSING
    if "\x00" in path or "\\" in path:
        return MISSING
    segments = path.split("/")[1:]
    trailing = segments[-1] == ""
    if trailing:
        segments = segments[:-1]
    if any(s in ("", ".", "..") or s.startswith(".") for s in segments):
        return MISSING
    base = root.resolve()
    try:
        real = base.joinpath(*segments).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return MISSING
    if not real.is_relative_to(base):
        return MISSING
    if real.is_dir():
        if not trailing:
            return Resolved(301, location=raw + "/" + (f"?{query}" if query else ""))
        real = (real / "index.html").resolve()
        if not real.is_relative_to(base):
            return MISSING
    elif trailing:
        return MISSING
    if not real.is_file():
        return MISSING
    return Resolved(200, real, real.relative_to(base).as_posix())


# Injected into every HTML page (what is injected: serve/reload.py) -------------

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject(page: bytes, snippet: str) -> bytes:
    """`snippet` inserted before the last `</body>` (appended when there is none)."""
    data = snippet.encode("utf-8")
    matches = list(_BODY_END.finditer(page))
    if not matches:
        return page + data
    at = matches[-1].start()
    return page[:at] + data + page[at:]


FALLBACK_404 = (b"<!doctype html><html><head><meta charset=\"utf-8\"><title>Not found</title>"
                b"</head><body><h1>Not found</h1></body></html>\n")


# The server -------------------------------------------------------------------


class PreviewSource(Protocol):
    """What the handler needs from the preview (implemented by `serve.PreviewState`)."""

    @property
    def root(self) -> Path:
        """The preview folder."""

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The problems of the last build; empty when it succeeded."""

    @property
    def words(self) -> Messages:
        """The overlay's words in the site's language."""

    def reading(self) -> AbstractContextManager[None]:
        """Hold off builds while files are read (waits for a build in progress)."""

    def token(self) -> str:
        """The epoch of the preview as served now."""

    def messages(self, since: str, heartbeat: float) -> Iterator[str]:
        """Server-Sent Events for a client that last saw epoch `since`."""


class AddressInUseError(Exception):
    """The port is taken by another program."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        super().__init__(f"port {port} on {host} is already in use")


class PreviewHTTPServer(ThreadingHTTPServer):
    """One thread per connection; those threads never keep the process alive."""

    daemon_threads = True
    # The browser opens many connections at once when a page loads its assets.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], state: PreviewSource) -> None:
        self.state = state
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        try:
            super().__init__(address, PreviewHandler)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise AddressInUseError(*address) from None
            raise

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A tab closed while a file was being sent is routine, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}/"


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach."""
    return host in ("localhost", "::1") or host.startswith("127.")


def free_port_hint(host: str, port: int) -> int:
    """A port near `port` that is free right now (a suggestion, not a reservation)."""
    for candidate in range(port + 1, port + 20):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
            return candidate
    return 0


class PreviewHandler(BaseHTTPRequestHandler):
    """Serves the preview folder, the reload channel, and nothing else."""

    server: PreviewHTTPServer
    server_version = "warta-preview"

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        # Every asset of every reload would flood the console the editor watches for errors.
        pass

    def _respond(self, send_body: bool) -> None:
        state = self.server.state
        if self.path.partition("?")[0] == EVENTS_PATH:
            if send_body:
                self._events()
            else:
                self._send(200, "text/event-stream", b"", send_body=False)
            return
        found = resolve(state.root, self.path)
        if found.status == 301:
            self.send_response(301)
            self.send_header("Location", found.location)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        # Read between builds: never a file from a build that is half committed.
        with state.reading():
            status, relative, body = self._read(state.root, found)
            epoch, problems = state.token(), state.problems
        kind = content_type(relative)
        if kind.startswith("text/html"):
            # A missing page reloads when it appears (an article being created, renamed):
            # the script compares its own URL, not the 404 page's, with those that changed.
            words = state.words
            snippet = (overlay(problems, words) if problems else "") + script(
                epoch, status == 404, words)
            body = inject(body, snippet)
        self._send(status, kind, body, send_body)

    @staticmethod
    def _read(root: Path, found: Resolved) -> tuple[int, str, bytes]:
        if found.file is not None:
            try:
                return 200, found.relative, found.file.read_bytes()
            except OSError:
                pass
        page = resolve(root, "/" + NOT_FOUND)
        if page.file is not None:
            try:
                return 404, NOT_FOUND, page.file.read_bytes()
            except OSError:
                pass
        return 404, NOT_FOUND, FALLBACK_404

    def _send(self, status: int, kind: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        # A preview changes under the browser's feet: never let it answer from its cache.
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _events(self) -> None:
        """The reload channel: Server-Sent Events until the client or the server goes away."""
        state = self.server.state
        query = self.path.partition("?")[2]
        since = self.headers.get("Last-Event-ID") or _query_value(query, "since")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            self.wfile.write(b"retry: 1000\n\n")
            self.wfile.flush()
            for message in state.messages(since, HEARTBEAT_SECONDS):
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded


def _query_value(query: str, name: str) -> str:
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == name:
            return unquote(value)
    return ""
