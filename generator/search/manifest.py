"""`output/pagefind/shards.json`: what the search page reads of the index (bundles.py
keeps the shards it lists): the shards, oldest first, the corrections shard and the
older records it hides, and the route map's parts. Also how bundles.py writes such a
file: only when its text changes, with a rename.

Beside it, `.warta-bounds.json` keeps the full shards' boundaries (shards.py), which
live in the cache too, for a build that lost the cache (a new Warta release starts a
new one): cut by position, every shard after the first that an article was dated
into or deleted from would move, and be indexed again. It is published with the
index, so it names each boundary's article by a digest of its source path
(`path_digest`), which the build resolves against the articles of that moment
(`resolved`): a story taken down keeps no file name on the host.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from generator.plan.pagination import OrderKey
from generator.search import routes as routes_module
from generator.search.corrections import hidden_fragments
from generator.search.records import SHARD_FILTER
from generator.search.routes import ROUTE, RoutePart
from generator.search.shards import CORRECTIONS

MANIFEST = "shards.json"
"""Inside the index folder: the shards the search page merges, oldest first."""
BOUNDS = ".warta-bounds.json"
"""Inside the index folder: the shard sizes and the full shards' boundaries."""

Routes = list[tuple[RoutePart, dict[str, str]]]
"""Each part of the route map in place, with the fragment id -> shard name of its
records."""


def routes_before(index: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """Folder -> (key, ids) of each part of the route map the last manifest listed: a
    part of the same key need not have its fragments read again (a build killed
    between the two finds another key)."""
    found = {}
    try:
        manifest = json.loads((index / MANIFEST).read_text(encoding="utf-8"))
        for part in manifest["routes"]:
            ids = part["ids"]
            if isinstance(part["part"], str) and isinstance(part["key"], str) and all(
                    isinstance(k, str) and isinstance(v, str) for k, v in ids.items()):
                found[part["part"]] = (part["key"], ids)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return found


def manifest_text(names: tuple[str, ...], corrected: bool = False,
                  hidden: Iterable[str] = (), routes: Routes | None = None) -> str:
    """What `shards.json` holds for the shards `names`, oldest first, with the
    corrections shard when `corrected`, and the fragments it replaces (`hidden`), and
    the route map's parts (`routes`): each one's folder, key and its records' shards
    (fragment id -> name); `route` is the shard filter's value of their records, `step`
    the full shards the search page merges for a query at a time (`routes.STEP`, read
    when called: a test makes it small)."""
    manifest: dict[str, object] = {"shards": list(names), "filter": SHARD_FILTER}
    if corrected:
        manifest |= {"corrections": CORRECTIONS, "hidden": list(hidden)}
    if routes:
        manifest |= {"route": ROUTE, "step": routes_module.STEP, "routes": [
            {"part": part.folder, "key": part.key, "ids": dict(sorted(ids.items()))}
            for part, ids in routes]}
    return json.dumps(manifest, separators=(",", ":")) + "\n"


def listed_shards(index: Path) -> list[str] | None:
    """The shards the `shards.json` in `index` lists; None when it cannot be read."""
    try:
        shards = json.loads((index / MANIFEST).read_text(encoding="utf-8"))["shards"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return shards if isinstance(shards, list) else None


def hidden_before(index: Path, corrected: tuple[tuple[str, str], ...]) -> list[str]:
    """The hidden fragments the last manifest listed, when no shard they are in or the
    corrections shard was indexed since; read again if it cannot be read."""
    try:
        manifest = json.loads((index / MANIFEST).read_text(encoding="utf-8"))
        hidden = manifest["hidden"]
        if isinstance(hidden, list) and all(isinstance(h, str) for h in hidden):
            return hidden
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return hidden_fragments(index, corrected)


def write_manifest(index: Path, names: tuple[str, ...], corrected: bool,
                    hidden: list[str], routes: Routes) -> None:
    write_if_changed(index / MANIFEST, manifest_text(names, corrected, hidden, routes))


def write_if_changed(path: Path, text: str) -> None:
    """`text` into `path` (with a rename) unless it holds it already."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@dataclass(frozen=True)
class KeptBounds:
    """How the index on disk was cut: what `.warta-bounds.json` holds."""

    size: int
    """Articles per full shard (`ShardKeys.size`)."""
    newest: int
    """Articles per shard of the newest articles (`ShardKeys.newest`)."""
    bounds: tuple[OrderKey, ...]
    """The boundary of each full shard, oldest first (`ShardKeys.bounds`). As
    `bounds_before` reads them, each one's date and `path_digest` (or, in a file written
    before 2026-12-05, its path); `resolved` gives them back with paths."""


DIGEST = re.compile(r"[0-9a-f]{20}")
"""What `path_digest` gives."""


def path_digest(path: str) -> str:
    """A boundary's source path as the published file names it."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:20]


def bounds_text(size: int, newest: int, bounds: Iterable[OrderKey]) -> str:
    """What `.warta-bounds.json` holds for shards of `size` and `newest` articles whose
    full shards end at `bounds` (date and source path of each one's newest article)."""
    return json.dumps({"size": size, "newest": newest,
                       "bounds": [[when.isoformat(), path_digest(path)]
                                  for when, path in bounds]},
                      separators=(",", ":")) + "\n"


def bounds_before(index: Path) -> KeptBounds | None:
    """The shard sizes and boundaries `.warta-bounds.json` in `index` holds, each with
    its path's digest; None when there is none, or it is not what `bounds_text` writes
    (dates ascending)."""
    try:
        found = json.loads((index / BOUNDS).read_text(encoding="utf-8"))
        size, newest = found["size"], found["newest"]
        bounds = tuple((datetime.fromisoformat(when), mark) for when, mark in found["bounds"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not (isinstance(size, int) and isinstance(newest, int) and 0 < newest <= size) or any(
            when.tzinfo is None or not isinstance(mark, str) for when, mark in bounds) or any(
            a[0] > b[0] for a, b in zip(bounds, bounds[1:], strict=False)):
        return None
    return KeptBounds(size, newest, bounds)


def resolved(kept: KeptBounds, keys: Iterable[OrderKey]) -> KeptBounds | None:
    """`kept` with each boundary's digest replaced by the path among `keys` (the listed
    articles' order keys) of its date that has it. A boundary whose article is gone
    (deleted, withdrawn) takes an empty path when no article has its date, so it orders
    as it did; None when some do (its place among them is lost) or the boundaries do
    not ascend."""
    dates = {when for when, _ in kept.bounds}
    paths: dict[datetime, list[str]] = {}
    for when, path in keys:
        if when in dates:
            paths.setdefault(when, []).append(path)
    bounds: list[OrderKey] = []
    for when, mark in kept.bounds:
        if not DIGEST.fullmatch(mark):
            bounds.append((when, mark))  # written with its path, before 2026-12-05
            continue
        found = [path for path in paths.get(when, ()) if path_digest(path) == mark]
        if found:
            bounds.append((when, found[0]))
        elif when not in paths:
            bounds.append((when, ""))
        else:
            return None
    if any(a >= b for a, b in zip(bounds, bounds[1:], strict=False)):
        return None
    return replace(kept, bounds=tuple(bounds))
