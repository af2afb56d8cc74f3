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
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC


class Stager:
    """Writes changed files into a staging folder; usable in worker processes.

    Paths are plain strings: at 10,000 pages, pathlib costs more than the writing.
    `fresh`: the output folder is empty, so nothing is compared with it, and the
    staging folder holds the output's tree, to be renamed into place at once.
    """

    def __init__(self, output: str, staging: str, dry_run: bool = False,
                 fresh: bool = False) -> None:
        self.output = output
        self.staging = staging
        self.dry_run = dry_run
        self.fresh = fresh

    def put(self, relative: str, data: bytes) -> bool:
        """Stage `data` for `relative`; False (and nothing staged) when it is unchanged."""
        if not self.fresh and _same(os.path.join(self.output, relative), data):
            return False
        if not self.dry_run:
            staged = self.staged_path(relative)
            # os.open, not open(): a buffered file object costs three more system
            # calls per file (fstat, ioctl, lseek), 45,000 in a cold build.
            try:
                fd = os.open(staged, _CREATE, 0o666)
            except FileNotFoundError:
                if not self.fresh:
                    raise
                os.makedirs(os.path.dirname(staged), exist_ok=True)  # another worker may too
                fd = os.open(staged, _CREATE, 0o666)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
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
            staged = self.staged_path(relative)
            if self.fresh:
                os.makedirs(os.path.dirname(staged), exist_ok=True)
            shutil.copyfile(source, staged)
        return True

    def staged_path(self, relative: str) -> str:
        """Where the file for `relative` is staged."""
        if self.fresh:
            return os.path.join(self.staging, relative)
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
    """Stages changed files for one output folder, then commits or aborts.

    When the output folder is empty or missing (a first build, or a cold one), the
    staging folder is built as the output's tree and renamed into place once:
    a rename and a `mkdir` per file less, and the new site appears all at once.
    """

    def __init__(self, output: Path, staging: Path, dry_run: bool = False) -> None:
        self.output = output
        self.staging = staging
        self.dry_run = dry_run
        self.staged: list[str] = []
        if not dry_run:
            # A staging folder left by a killed build holds nothing we need.
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
        self.fresh = not dry_run and _replaceable(output, staging)
        self.stager = Stager(str(output), str(staging), dry_run, self.fresh)

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
        if self.fresh:
            try:
                # Onto a missing folder or an empty one (POSIX rename replaces an
                # empty directory).
                os.replace(staging, output)
                return removed
            except OSError as error:
                if error.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR):
                    raise
                # Something was put there since the build began: file by file.
        folders: set[str] = set()
        for relative in self.staged:
            target = os.path.join(output, relative)
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            if os.path.isdir(target):
                shutil.rmtree(target)
            _replace(self.stager.staged_path(relative), target)
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
    """Which files an earlier build wrote are no longer as written (size or mtime
    differ, or gone), found while the build goes on.

    Checking means a `stat` per file (120,000 at 100,000 articles). A thread doing
    it fights the build for the interpreter lock (both together took longer than
    one after the other), so a forked child process does it on the other core and
    sends back only the names of the damaged files. Where a process cannot fork
    safely (no `fork`, or other threads running, as in `warta serve`), a thread.
    """

    def __init__(self, output: Path, written: Mapping[str, tuple[str, int, int]],
                 load: Callable[[], Iterable[tuple[str, int, int]]] | None = None
                 ) -> None:
        """`written`: (fingerprint, size, mtime in ns) of each file, by relative path;
        or, with `load`, what gives (relative path, size, mtime in ns) of each in the
        child or the thread (the cache's record, read through a connection of its
        own), so that the build need not wait for every record (`written` is then
        not looked at)."""
        self._output = str(output)
        self._written = written
        self._load = load
        self._damaged: set[str] = set()
        self._child: tuple[int, int] | None = None
        self._thread: threading.Thread | None = None
        if not written and load is None:
            return
        if hasattr(os, "fork") and threading.active_count() == 1:
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: look, write the names, leave without cleaning up
                code = 1
                try:
                    os.close(read)
                    data = "\0".join(self._look()).encode("utf-8", "surrogateescape")
                    view = memoryview(data)
                    while view:
                        view = view[os.write(write, view):]
                    code = 0
                finally:
                    os._exit(code)
            os.close(write)
            self._child = (pid, read)
        else:
            self._thread = threading.Thread(target=self._run, name="warta-output-check",
                                            daemon=True)
            self._thread.start()

    def _look(self) -> list[str]:
        damaged = []
        rows = (self._load() if self._load is not None
                else ((relative, size, mtime_ns)
                      for relative, (_, size, mtime_ns) in self._written.items()))
        # Relative to the folder's descriptor where the system allows: no path joined,
        # and the kernel resolves the output folder once (a third less time at 137,000
        # files).
        folder = None
        if os.stat in os.supports_dir_fd:
            try:
                folder = os.open(self._output, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            except OSError:
                folder = None
        output = self._output
        try:
            for relative, size, mtime_ns in rows:
                try:
                    stat = (os.stat(relative, dir_fd=folder) if folder is not None
                            else os.stat(os.path.join(output, relative)))
                except OSError:
                    damaged.append(relative)
                    continue
                if stat.st_size != size or stat.st_mtime_ns != mtime_ns:
                    damaged.append(relative)
        finally:
            if folder is not None:
                os.close(folder)
        return damaged

    def _run(self) -> None:
        self._damaged = set(self._look())

    def damaged(self) -> set[str]:
        """The files not as written, once every one was looked at."""
        if self._child is not None:
            pid, read = self._child
            self._child = None
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) == 0:
                self._damaged = {name for name in data.decode("utf-8", "surrogateescape")
                                 .split("\0") if name}
            else:  # the child failed: look here
                self._run()
        elif self._thread is not None:
            self._thread.join()
            self._thread = None
        return self._damaged


def _replaceable(output: Path, staging: Path) -> bool:
    """Whether `staging` can become `output` by one rename: the output folder is
    missing or an empty real folder, on the staging folder's file system."""
    try:
        if output.is_symlink():
            return False
        if output.exists():
            if not output.is_dir():
                return False
            with os.scandir(output) as entries:
                if next(entries, None) is not None:
                    return False
            parent = output
        else:
            parent = output.parent
        return os.stat(parent).st_dev == os.stat(staging).st_dev
    except OSError:
        return False


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
