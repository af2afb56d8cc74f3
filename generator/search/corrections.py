"""The corrections shard's other half: which results of the full shards the search page
hides, because the corrections shard holds a newer record of their article.

Pagefind names a page's fragment by a hash of its content, and its search results
carry that name as their `id`; so the build lists, in `shards.json`, the fragments
of the older versions (found by URL in the full shards' fragment files), and the
search page drops a result whose id is listed, before counting and paging.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

# Each fragment file is gzip of this signature followed by the page's JSON.
_SIGNATURE = b"pagefind_dcd"


REMEMBERED = ".warta-hidden.json"
"""What the last look found of each corrected article in its full shard: by shard, the
key of the bundle looked in and the fragment id of each URL ("" for none). A bundle
keeps its files while its key stays, so a look reads again only for articles corrected
since, or whose shard was indexed since. A story filed late has no older record, and
looking for one reads its whole shard (at 100,000 articles 480 fragments, 25 ms), on
every build that indexes the corrections shard for as long as it stays corrected."""

Remembered = dict[str, tuple[str, dict[str, str]]]
"""By full shard's name: the key of its bundle, and the fragment id found for each URL
("" for none)."""


def hidden_fragments(index: Path, corrected: Iterable[tuple[str, str]]) -> list[str]:
    """The ids of the fragments, in the full shards of `index`, of each (URL, shard name)
    of `corrected`: the older records the corrections shard replaces. A URL not found
    (a shard indexed after its correction, a story filed late) hides nothing."""
    return looked_up(index, corrected, lambda shard: "", {})[0]


def looked_up(index: Path, corrected: Iterable[tuple[str, str]],
              key_of: Callable[[str], str], remembered: Remembered
              ) -> tuple[list[str], Remembered]:
    """`hidden_fragments`, and what to remember of it: each URL is taken from
    `remembered` (the last look's) when its shard's bundle has the key (`key_of`, by shard
    name; "" when it has none) it was looked up in, and looked up otherwise."""
    ids: dict[tuple[str, str], str] = {}
    keys: dict[str, str] = {}
    wanted: dict[str, dict[bytes, str]] = {}
    for url, shard in corrected:
        key = keys[shard] if shard in keys else keys.setdefault(shard, key_of(shard))
        known_key, known = remembered.get(shard, ("", {}))
        if key and key == known_key and url in known:
            ids[shard, url] = known[url]
        else:
            wanted.setdefault(shard, {})[
                b'{"url":' + json.dumps(url, ensure_ascii=False).encode("utf-8")] = url
    for shard, heads in sorted(wanted.items()):
        try:
            files = sorted((index / shard / "fragment").glob("*.pf_fragment"))
        except OSError:
            files = []
        for path in files:
            if not heads:
                break
            head = _head(path)
            for wanted_head, url in heads.items():
                # The URL is the JSON's first key: its closing quote ends the match.
                if head.startswith(wanted_head) and head[len(wanted_head):][:1] in (b",", b"}"):
                    ids[shard, url] = path.name.removesuffix(".pf_fragment")
                    del heads[wanted_head]
                    break
        for url in heads.values():
            ids[shard, url] = ""
    now: Remembered = {}
    for (shard, url), fragment in ids.items():
        if keys[shard]:  # (a bundle without a key file may be half written)
            now.setdefault(shard, (keys[shard], {}))[1][url] = fragment
    return sorted(fragment for fragment in ids.values() if fragment), now


def remembered_text(remembered: Remembered) -> str:
    """`REMEMBERED`'s text."""
    return json.dumps({shard: {"key": key, "ids": ids}
                       for shard, (key, ids) in remembered.items()},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def read_remembered(index: Path) -> Remembered:
    """`REMEMBERED` of `index`; empty when missing or not as written."""
    try:
        data = json.loads((index / REMEMBERED).read_text(encoding="utf-8"))
        return {str(shard): (str(entry["key"]), {str(url): str(fragment)
                                                 for url, fragment in entry["ids"].items()})
                for shard, entry in data.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def fragment_urls(bundle: Path) -> dict[str, str]:
    """Fragment id -> URL of every page of the Pagefind bundle in `bundle`."""
    found = {}
    try:
        files = sorted((bundle / "fragment").glob("*.pf_fragment"))
    except OSError:
        return {}
    for path in files:
        head = _head(path)
        if head.startswith(b'{"url":'):
            try:
                url = json.JSONDecoder().raw_decode(head[len(b'{"url":'):].decode(
                    "utf-8", "ignore"))[0]
            except ValueError:
                continue
            if isinstance(url, str):
                found[path.name.removesuffix(".pf_fragment")] = url
    return found


def _head(path: Path) -> bytes:
    """The start of a fragment's JSON (after the signature): enough for its URL."""
    try:
        stream = zlib.decompressobj(wbits=31)
        text = stream.decompress(path.read_bytes(), 4096)
    except (OSError, zlib.error, gzip.BadGzipFile):
        return b""
    return text[len(_SIGNATURE):] if text.startswith(_SIGNATURE) else b""
