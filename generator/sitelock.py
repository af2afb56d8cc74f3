"""One build at a time per site: a lock on its cache (`.warta/`) and its output.

Two builds of the same site would share the cache, the staging folders and
the output folder, and one would pull files from under the other (a second
`warta build`, or `warta build` while `warta serve` rebuilds). `build()` holds
`site_lock` for the whole build; a second build waits a few seconds for the
first to finish, then stops with a `SiteBusyError` naming the process that
holds the site.

The lock is `flock` on `.warta/lock`. The kernel releases it when the
holder's last descriptor closes, so a killed build never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from generator.errors import Problem, Text, WartaError

LOCK_FILE = ".warta/lock"
DEFAULT_WAIT = 5.0
"""Seconds a build waits for another one to finish (`WARTA_LOCK_WAIT` overrides it)."""
WAIT_VARIABLE = "WARTA_LOCK_WAIT"
# Short enough that a waiting build starts soon after the other ends, long enough to
# cost nothing.
POLL = 0.05


class SiteBusyError(WartaError):
    """Another process is building the site, or the site cannot be locked."""


def lock_wait() -> float:
    """The wait from `WARTA_LOCK_WAIT` (seconds), else `DEFAULT_WAIT`."""
    text = os.environ.get(WAIT_VARIABLE, "").strip()
    try:
        return max(0.0, float(text)) if text else DEFAULT_WAIT
    except ValueError:
        return DEFAULT_WAIT


@contextmanager
def site_lock(site_dir: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the site's lock for the block; wait up to `wait` seconds (None: `lock_wait()`)
    for another holder, then raise SiteBusyError.

    Not reentrant: a second `site_lock` of the same site in the same process opens
    the file again, and flock refuses it like any other process's.
    """
    path = site_dir / LOCK_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise _unusable(site_dir, error) from None
    owner = os.getpid()
    try:
        _acquire(fd, site_dir, lock_wait() if wait is None else wait)
        os.ftruncate(fd, 0)
        # Seconds since the epoch: the local time zone is looked up only by the
        # build that has to wait, not by every build.
        os.pwrite(fd, json.dumps({"pid": owner, "started": round(time.time())}).encode()
                  + b"\n", 0)
        try:
            yield
        finally:
            # Forked workers share the lock (same open file description): only the
            # process that took it gives it back, or a worker leaving the block would
            # unlock the site under its still-running parent.
            if os.getpid() == owner:
                # Emptied first, so that no one reads a finished build's pid as the holder.
                os.ftruncate(fd, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        if os.getpid() == owner:
            os.close(fd)


def _acquire(fd: int, site_dir: Path, wait: float) -> None:
    """Take the lock on `fd`, polling so that the wait can end with a message (a
    blocking flock cannot time out)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as error:  # e.g. a file system without locks
            raise _unusable(site_dir, error) from None
        left = deadline - time.monotonic()
        if left <= 0:
            raise SiteBusyError([Problem(
                _site_name(site_dir), None,
                Text("another warta build or warta serve is building this site{holder}",
                     holder=_holder(fd)),
                Text("wait for it to finish, or stop it, then run the command again "
                     "(`warta serve` builds again at the next save)"))])
        time.sleep(min(POLL, left))


def _holder(fd: int) -> str:
    """` (pid N, started HH:MM:SS)` from the lock file, or "" when it says nothing
    usable (the holder is between locking and writing it, or wrote something else)."""
    try:
        data = json.loads(os.pread(fd, 4096, 0))
        pid, started = int(data["pid"]), datetime.fromtimestamp(float(data["started"]))
    except (OSError, ValueError, TypeError, KeyError):
        return ""
    today = datetime.now().date()
    when = started.strftime("%H:%M:%S" if started.date() == today else "%Y-%m-%d %H:%M:%S")
    return Text(" (pid {pid}, started {when})", pid=pid, when=when)


def _unusable(site_dir: Path, error: OSError) -> SiteBusyError:
    return SiteBusyError([Problem(
        _site_name(site_dir), None, Text("cannot lock the site: {file}: {reason}",
                                         file=LOCK_FILE, reason=error.strerror or ""),
        Text("warta keeps its cache in the site's .warta/ folder: make it a writable "
             "folder"))])


def _site_name(site_dir: Path) -> str:
    # An absolute path: "." would not say which site when several are open.
    return os.path.abspath(site_dir)
