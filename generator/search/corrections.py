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
bundle looked in (`intact.bundle_id`: a hash of its key file, which names every file)
and the fragment id of each URL ("" for none). A look reads again only for articles
corrected since, or whose shard's bundle changed since. A story filed late has no
older record, and looking for one reads its whole shard (at 100,000 articles 480
fragments, 25 ms), on every build that indexes the corrections shard, for as long as
it stays corrected."""

Remembered = dict[str, tuple[str, dict[str, str]]]
"""By full shard's name: the bundle looked in, and the fragment id found for each URL
("" for none)."""


def hidden_fragments(index: Path, corrected: Iterable[tuple[str, str]]) -> list[str]:
    """The ids of the fragments, in the full shards of `index`, of each (URL, shard name)
    of `corrected`: the older records the corrections shard replaces. A URL not found
    (a shard indexed after its correction, a story filed late) hides nothing."""
    return looked_up(index, corrected, lambda shard: "", {})[0]


def looked_up(index: Path, corrected: Iterable[tuple[str, str]],
              bundle_of: Callable[[str], str], remembered: Remembered
              ) -> tuple[list[str], Remembered]:
    """`hidden_fragments`, and what to remember of it: each URL is taken from
    `remembered` (the last look's) when its shard's bundle is the one (`bundle_of`, by
    shard name: `intact.bundle_id`, "" for none) it was looked up in, and looked up
    otherwise. A miss in a shard where a fragment could not be read is not remembered:
    the next look reads again."""
    ids: dict[tuple[str, str], str] = {}
    bundles: dict[str, str] = {}
    wanted: dict[str, dict[bytes, str]] = {}
    for url, shard in corrected:
        if shard not in bundles:
            bundles[shard] = bundle_of(shard)
        bundle = bundles[shard]
        known_bundle, known = remembered.get(shard, ("", {}))
        if bundle and bundle == known_bundle and url in known:
            ids[shard, url] = known[url]
        else:
            wanted.setdefault(shard, {})[
                b'{"url":' + json.dumps(url, ensure_ascii=False).encode("utf-8")] = url
    unread: set[str] = set()
    for shard, heads in sorted(wanted.items()):
        try:
            files = sorted((index / shard / "fragment").glob("*.pf_fragment"))
        except OSError:
            files = []
        for path in files:
            if not heads:
                break
            head = _head(path)
            if not head:
                unread.add(shard)
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
        # (A bundle without a key file may be half written.)
        if bundles[shard] and (fragment or shard not in unread):
            now.setdefault(shard, (bundles[shard], {}))[1][url] = fragment
    return sorted(fragment for fragment in ids.values() if fragment), now


def remembered_text(remembered: Remembered) -> str:
    """`REMEMBERED`'s text."""
    return json.dumps({shard: {"bundle": bundle, "ids": ids}
                       for shard, (bundle, ids) in remembered.items()},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def read_remembered(index: Path) -> Remembered:
    """`REMEMBERED` of `index`; empty when missing or not as written."""
    try:
        data = json.loads((index / REMEMBERED).read_text(encoding="utf-8"))
        found = {shard: (entry["bundle"], dict(entry["ids"])) for shard, entry in data.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    if all(isinstance(bundle, str) and all(isinstance(url, str) and isinstance(fragment, str)
                                           for url, fragment in ids.items())
           for bundle, ids in found.values()):
        return found
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
