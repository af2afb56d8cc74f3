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
from collections.abc import Iterable
from pathlib import Path

# Each fragment file is gzip of this signature followed by the page's JSON.
_SIGNATURE = b"pagefind_dcd"


def hidden_fragments(index: Path, corrected: Iterable[tuple[str, str]]) -> list[str]:
    """The ids of the fragments, in the full shards of `index`, of each (URL, shard name)
    of `corrected`: the older records the corrections shard replaces. A URL not found
    (a shard indexed after its correction) hides nothing."""
    wanted: dict[str, set[bytes]] = {}
    for url, shard in corrected:
        wanted.setdefault(shard, set()).add(
            b'{"url":' + json.dumps(url, ensure_ascii=False).encode("utf-8"))
    found = []
    for shard, heads in sorted(wanted.items()):
        try:
            files = sorted((index / shard / "fragment").glob("*.pf_fragment"))
        except OSError:
            continue
        for path in files:
            if not heads:
                break
            head = _head(path)
            for wanted_head in heads:
                # The URL is the JSON's first key: its closing quote ends the match.
                if head.startswith(wanted_head) and head[len(wanted_head):][:1] in (b",", b"}"):
                    found.append(path.name.removesuffix(".pf_fragment"))
                    heads.discard(wanted_head)
                    break
    return sorted(found)


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
