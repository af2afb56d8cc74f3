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
import os
import shutil
from collections.abc import Iterable
from pathlib import Path


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

    def put(self, relative: str, data: bytes) -> bool:
        """Stage `data` for `relative`; False (and nothing staged) when it is unchanged."""
        if _same(self.output / relative, data):
            return False
        if not self.dry_run:
            staged = self.staging / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
        self.staged.append(relative)
        return True

    def put_copy(self, relative: str, source: Path) -> bool:
        """Stage a copy of `source`; False when the output already has the same bytes."""
        target = self.output / relative
        try:
            if target.stat().st_size == source.stat().st_size and \
                    target.read_bytes() == source.read_bytes():
                return False
        except OSError:
            pass
        if not self.dry_run:
            staged = self.staging / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, staged)
        self.staged.append(relative)
        return True

    def commit(self, remove: Iterable[str]) -> list[str]:
        """Move staged files into place and delete `remove`; return what was removed."""
        removed: list[str] = []
        if self.dry_run:
            return removed
        for relative in self.staged:
            target = self.output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                shutil.rmtree(target)
            _replace(self.staging / relative, target)
        for relative in sorted(set(remove) - set(self.staged)):
            target = self.output / relative
            try:
                target.unlink()
            except FileNotFoundError:
                continue
            removed.append(relative)
            _prune(target.parent, self.output)
        shutil.rmtree(self.staging, ignore_errors=True)
        return removed

    def abort(self) -> None:
        """Forget everything staged; the output folder stays as it was."""
        if not self.dry_run:
            shutil.rmtree(self.staging, ignore_errors=True)


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


def _same(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def _replace(source: Path, target: Path) -> None:
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        # Staging on another file system: copy next to the target, then rename.
        temporary = target.with_name(f".{target.name}.warta-tmp")
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
