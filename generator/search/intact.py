"""Whether a shard's bundle in `output/pagefind/` is the one its key names.

Each shard's folder holds its bundle and a key file (`.warta-shard`), written last:
the shard's key, then `size path` of each file of the bundle. A build trusts a folder
whose key file has the planned key and whose folders are not newer than it (files
added or removed make their folder newer); after a lost cache (`thorough`) it compares
every file with the list. bundles.py indexes the stale ones again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.search.filters import SUMMARY_FILE
from generator.search.shards import CORRECTIONS, ShardKeys

INDEX_DIR = "pagefind"
"""Folder of the index inside the output folder, as the search page expects it."""
KEY_FILE = ".warta-shard"
"""Inside a shard's folder: its key, then `size path` of each of its files."""


def stale_shards(output: Path, keys: ShardKeys, thorough: bool = False) -> list[int]:
    """The shards of `keys` whose folder is missing, of another key, or damaged (with
    `thorough`, each one's files compared with its list, `SearchWork.thorough`)."""
    return [n for n, (name, key) in enumerate(zip(keys.names, keys.keys, strict=True))
            if stale_shard(output, name, key, thorough)]


def stale_shard(output: Path, name: str, key: str, thorough: bool = False) -> bool:
    """Whether the shard `name` of key `key` is missing, of another key, or damaged;
    with `thorough`, its files compared with its list, and a stale one's key file
    removed (`forget`)."""
    folder = output / INDEX_DIR / name
    stale = not intact(folder, key, SUMMARY_FILE, thorough)
    if stale and thorough:
        forget(folder)
    return stale


def stale_corrections(output: Path, key: str, thorough: bool = False) -> bool:
    """Whether the corrections shard of key `key` is missing, of another key, or
    damaged."""
    return stale_shard(output, CORRECTIONS, key, thorough)


def forget(folder: Path) -> None:
    """Remove the key file of a stale shard found by a thorough look: were its indexing
    not to finish, a later build, which trusts a key file whose folders are not newer,
    would take a damaged shard for intact."""
    (folder / KEY_FILE).unlink(missing_ok=True)


def intact(folder: Path, key: str, needs: str = "", thorough: bool = False) -> bool:
    """Whether `folder` holds a bundle of key `key` with its files as listed, `needs`
    among them (a shard indexed before its folder kept that file is indexed again);
    with `thorough`, its files are compared with the list even when no folder is newer
    than the key file."""
    try:
        with open(folder / KEY_FILE, encoding="utf-8") as file:
            text = file.read()
            written = os.fstat(file.fileno()).st_mtime_ns
    except (OSError, UnicodeDecodeError):
        return False
    # The list is searched in place, not split: the key file of a shard lists its 1,600
    # files, and every build looks at every shard's (at 100,000 articles 210 of them:
    # 38 ms split, 21-23 ms searched).
    first, _, listed = text.partition("\n")
    if first != key or not key:
        return False
    if needs and f" {needs}\n" not in (listed if listed.endswith("\n") else listed + "\n"):
        return False
    return (not thorough and _untouched(folder, written)) or listing(folder) == listed.splitlines()


def bundle_id(folder: Path) -> str:
    """A hash of the key file of the bundle in `folder`: its key and each file's name
    and size, and Pagefind names a fragment by a hash of its content, so a bundle
    indexed again under the same key with other records hashes otherwise. "" without
    a key file (a bundle half written)."""
    try:
        data = (folder / KEY_FILE).read_bytes()
    except OSError:
        return ""
    return hashlib.sha1(data).hexdigest() if data else ""


def _untouched(folder: Path, written: int) -> bool:
    """Whether no file was added to or removed from `folder` or its folders since its key
    file was written (at `written`): the key file is written last, and a file deleted
    or added makes its folder newer. Then the listing need not be read (at 100,000
    articles: 107,000 files, 1.4 s on a busy machine); otherwise it is compared."""
    try:
        if folder.stat().st_mtime_ns > written:
            return False
        with os.scandir(folder) as entries:
            for entry in entries:
                if (entry.is_dir(follow_symlinks=False)
                        and entry.stat(follow_symlinks=False).st_mtime_ns > written):
                    return False
    except OSError:
        return False
    return True


def listing(folder: Path) -> list[str]:
    """`size path` of every file of a bundle, sorted; the key file left out."""
    found = []
    stack = [(folder, "")]
    while stack:
        path, prefix = stack.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), prefix + entry.name + "/"))
                elif entry.name != KEY_FILE:
                    found.append(f"{entry.stat(follow_symlinks=False).st_size} "
                                 f"{prefix}{entry.name}")
    return sorted(found)
