"""Transactional writes to the output folder.

Changed files are first written to a staging folder; only when every page
has rendered are they renamed into place (one `os.replace` each, atomic on
POSIX), so a failed build leaves the previous output as it was and a killed
build never leaves a half-written file in `output/`. Files whose bytes did
not change are not touched, so their modification time stays and a sync to
the web server uploads only what changed.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path


class Stager:
    """Writes changed files into a staging folder; usable in worker processes.

    Paths are plain strings: at 10,000 pages, pathlib costs more than the writing.
    """

    def __init__(self, output: str, staging: str, dry_run: bool = False) -> None:
        self.output = output
        self.staging = staging
        self.dry_run = dry_run

    def put(self, relative: str, data: bytes) -> bool:
        """Stage `data` for `relative`; False (and nothing staged) when it is unchanged."""
        if _same(os.path.join(self.output, relative), data):
            return False
        if not self.dry_run:
            with open(self._staged(relative), "wb") as handle:
                handle.write(data)
        return True

    def put_copy(self, relative: str, source: str) -> bool:
        """Stage a copy of `source`; False when the output already has the same bytes."""
        target = os.path.join(self.output, relative)
        try:
            if os.stat(target).st_size == os.stat(source).st_size:
                with open(target, "rb") as old, open(source, "rb") as new:
                    if old.read() == new.read():
                        return False
        except OSError:
            pass
        if not self.dry_run:
            shutil.copyfile(source, self._staged(relative))
        return True

    def _staged(self, relative: str) -> str:
        return os.path.join(self.staging, staged_name(relative))


def staged_name(relative: str) -> str:
    """The name of a staged file: flat, in the staging folder itself.

    A tree of folders mirroring the output would cost a `mkdir` and later a
    `rmdir` per page, which on a slow disk take longer than writing the page.
    `%` and `/` are escaped, so names cannot collide; a name too long for the
    file system is replaced by a hash behind `%%`, which no escaped name holds.
    """
    name = relative.replace("%", "%25").replace("/", "%2F")
    if len(name.encode("utf-8")) > 200:
        name = "%%" + hashlib.sha1(relative.encode("utf-8")).hexdigest()
    return name


class Writer:
    """Stages changed files for one output folder, then commits or aborts."""

    def __init__(self, output: Path, staging: Path, dry_run: bool = False) -> None:
        self.output = output
        self.staging = staging
        self.dry_run = dry_run
        self.staged: list[str] = []
        if not dry_run:
            # A staging folder left by a killed build holds nothing we need.
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
        self.stager = Stager(str(output), str(staging), dry_run)

    def put_copy(self, relative: str, source: Path) -> bool:
        """Stage a copy of `source`; False when the output already has the same bytes."""
        changed = self.stager.put_copy(relative, str(source))
        if changed:
            self.staged.append(relative)
        return changed

    def adopt(self, relative: str) -> None:
        """Count a file staged by a worker process as staged here."""
        self.staged.append(relative)

    def commit(self, remove: Iterable[str]) -> list[str]:
        """Move staged files into place and delete `remove`; return what was removed."""
        removed: list[str] = []
        if self.dry_run:
            return removed
        output, staging = str(self.output), str(self.staging)
        folders: set[str] = set()
        for relative in self.staged:
            target = os.path.join(output, relative)
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            if os.path.isdir(target):
                shutil.rmtree(target)
            _replace(os.path.join(staging, staged_name(relative)), target)
        for relative in sorted(set(remove) - set(self.staged)):
            obsolete = self.output / relative
            try:
                obsolete.unlink()
            except FileNotFoundError:
                continue
            removed.append(relative)
            _prune(obsolete.parent, self.output)
        shutil.rmtree(self.staging, ignore_errors=True)
        return removed

    def abort(self) -> None:
        """Forget everything staged; the output folder stays as it was."""
        if not self.dry_run:
            shutil.rmtree(self.staging, ignore_errors=True)


class OutputCheck:
    """The size and modification time of files an earlier build wrote, read in a
    background thread.

    Checking that unchanged files are still as written means a `stat` per file
    (15,000 at 10,000 articles). The calls wait on the file system, not on the
    interpreter, so the build loads and plans meanwhile. A file that could not be
    read is simply absent: it is written again.
    """

    def __init__(self, output: Path, paths: Iterable[str]) -> None:
        self._stats: dict[str, tuple[int, int]] = {}
        self._thread = threading.Thread(target=self._run, args=(str(output), list(paths)),
                                        name="warta-output-check", daemon=True)
        self._thread.start()

    def _run(self, output: str, paths: list[str]) -> None:
        stats = self._stats
        for relative in paths:
            try:
                stat = os.stat(os.path.join(output, relative))
            except OSError:
                continue
            stats[relative] = (stat.st_size, stat.st_mtime_ns)

    def stats(self) -> dict[str, tuple[int, int]]:
        """(size, mtime in ns) by relative path, once every file was looked at."""
        self._thread.join()
        return self._stats


def existing_files(output: Path) -> set[str]:
    """Every file in `output` (POSIX, relative), hidden files and folders excepted."""
    found: set[str] = set()
    if not output.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(output):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = Path(dirpath).relative_to(output)
        found.update((base / f).as_posix() for f in filenames if not f.startswith("."))
    return found


def _same(target: str, data: bytes) -> bool:
    try:
        if os.stat(target).st_size != len(data):
            return False
        with open(target, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _replace(source: str, target: str) -> None:
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        # Staging on another file system: copy next to the target, then rename.
        temporary = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.tmp")
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)


def _prune(folder: Path, root: Path) -> None:
    """Remove `folder` and its parents up to `root` while they are empty."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
