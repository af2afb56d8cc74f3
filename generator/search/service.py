"""Pagefind's indexing service (`pagefind --service`), spoken to directly.

The messages are those of Pagefind's Python API (`PagefindIndex.add_custom_record`
sends `AddRecord`, and so on): base64 JSON, each followed by a comma. The API's own
client (pagefind 1.5) reads one answer every 100 ms, so 500 records took 52 s; this
one sends a batch of messages and reads their answers as they come (500 records in
about a second), with no event loop.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.search.records import SearchRecord

# Answers of a batch wait in the pipe until it is sent: 64 stay well under its 64 KB.
_BATCH = 64


class PagefindError(Exception):
    """Pagefind refused a message or stopped."""


def executable() -> Path | None:
    """The Pagefind binary of the `pagefind[bin]` package (or PAGEFIND_BINARY_PATH, or on
    PATH), without importing the Python API (it starts an event loop's machinery)."""
    given = os.environ.get("PAGEFIND_BINARY_PATH")
    if given:
        return Path(given)
    spec = importlib.util.find_spec("pagefind_bin")
    if spec is not None and spec.origin is not None:
        for name in ("pagefind_extended", "pagefind"):
            candidate = Path(spec.origin).parent / name
            if candidate.is_file():
                return candidate
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(found) if found else None


class Service:
    """One `pagefind --service` process; a context manager that stops it."""

    def __init__(self, binary: Path) -> None:
        import subprocess  # only when indexing: the import is a cost of every build

        self._process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._sent = 0
        self._buffer = b""

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the service."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            try:
                self._process.stdin.close()
            except OSError:
                pass
        import subprocess

        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()

    def write_bundle(self, records: Iterable[SearchRecord], language: str,
                     folder: Path) -> None:
        """Index `records` as one bundle written to `folder`."""
        answer = self._ask([{"type": "NewIndex", "config": {"force_language": language}}])
        index = answer[0]["index_id"]
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append({
                "type": "AddRecord", "index_id": index, "url": record.url,
                "content": record.content, "language": language,
                "meta": {"title": record.title, "date": record.date, "sort": record.sort,
                         **({"image": record.image} if record.image else {}),
                         **({"shard": record.origin} if record.origin else {})},
                "filters": record.filters, "sort": {"date": record.sort}})
            if len(batch) == _BATCH:
                self._ask(batch)
                batch = []
        self._ask([*batch, {"type": "WriteFiles", "index_id": index,
                            "output_path": str(folder)}])
        self._ask([{"type": "DeleteIndex", "index_id": index}])

    def _ask(self, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send `payloads`, then read one answer for each, in order."""
        stdin = self._process.stdin
        assert stdin is not None
        first = self._sent + 1
        try:
            for payload in payloads:
                self._sent += 1
                message = {"message_id": self._sent, "payload": payload}
                stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
            stdin.flush()
        except OSError as error:
            raise PagefindError(f"Pagefind stopped: {error}") from None
        answers: dict[int, dict[str, Any]] = {}
        while len(answers) < len(payloads):
            answer = json.loads(base64.b64decode(self._read_message()))
            payload = answer.get("payload", {})
            if payload.get("type") == "Error":
                raise PagefindError(str(payload.get("message", "unknown error")))
            answers[int(answer.get("message_id") or 0)] = payload
        return [answers[n] for n in range(first, self._sent + 1)]

    def _read_message(self) -> bytes:
        stdout = self._process.stdout
        assert stdout is not None
        while b"," not in self._buffer:
            chunk = os.read(stdout.fileno(), 1 << 16)
            if not chunk:
                raise PagefindError("Pagefind stopped before answering")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b",")
        return message
