"""Tag suggestions from a text: a short, deterministic list.

Candidates are the site's `[import] known_tags`, a built-in list of
Indonesian institutions and elections, and `Kota X`-style place names, all
counted by whole-word occurrences. Generic national bodies (TNI, Polri) are
left out of the built-in list on purpose: they appear in nearly every story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.slugs import slugify

MAX_TAGS = 6

INSTITUTIONS = (
    "KPU", "Bawaslu", "DPRD", "DPR", "KPK", "BPBD", "Basarnas", "BMKG", "BPJS", "PLN",
    "Kemensos", "Kemenag", "Kejari", "Kejati", "Satpol PP", "Dishub", "Dinkes", "RSUD",
    "PKH", "BPNT", "Bansos", "MUI", "NU", "Muhammadiyah", "UMKM", "Pertamina", "Bulog",
    "Pemilu", "Pileg", "Pilpres", "Pilkada", "Pilgub", "Pilwali", "Pilbup",
)
_ELECTIONS = {"Pemilu", "Pileg", "Pilpres", "Pilkada", "Pilgub", "Pilwali", "Pilbup"}
_PLACE = re.compile(
    r"\b(?:Pemkot|Pemkab|Pemprov|Polres|Polresta|Polda|Kota|Kabupaten|Provinsi|DPRD|Kejari"
    r"|Kecamatan|Desa)\s+[A-Z][a-z]+(?:\s+(?:Selatan|Utara|Barat|Timur|Tengah|Raya|Baru))?\b"
)


def _count(name: str, text: str) -> tuple[int, int]:
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w])")
    found = [m.start() for m in pattern.finditer(text)]
    return len(found), (found[0] if found else len(text))


def suggest_tags(text: str, known: Iterable[str] = (), given: Iterable[str] = (),
                 limit: int = MAX_TAGS) -> tuple[str, ...]:
    """Up to `limit` tags for `text`: `given` first, then the best candidates.

    Ranked by the site's own list first, then by occurrences, then by first
    position, so the same text always gives the same tags.
    """
    ranked: dict[str, tuple[int, int, int]] = {}
    for priority, names in ((0, list(known)), (1, _candidates(text))):
        for name in names:
            # An election tagged with its year counts every mention of the election.
            word = name.split()[0]
            count, first = _count(word if word in _ELECTIONS else name, text)
            if count and name not in ranked:
                ranked[name] = (priority, -count, first)
    # Footer tags are often lower case (`pkh`): use the known spelling when there is one.
    spelling = {n.lower(): n for n in (*INSTITUTIONS, *known)}
    chosen = [spelling.get(t.lower(), t) for t in dict.fromkeys(g.strip() for g in given) if t]
    for name in sorted(ranked, key=lambda n: ranked[n]):
        if len(chosen) >= limit:
            break
        lowered = [c.lower() for c in chosen]
        # `Pilpres` adds nothing once `Pilpres 2019` is there.
        if any(re.search(rf"\b{re.escape(name.lower())}\b", c) for c in lowered):
            continue
        chosen.append(name)
    return tuple(chosen[:limit])


def _candidates(text: str) -> list[str]:
    names: list[str] = []
    for name in INSTITUTIONS:
        if name in _ELECTIONS:
            year = re.search(rf"\b{name}\s+(?:[Tt]ahun\s+)?((?:19|20)\d\d)\b", text)
            if year:
                names.append(f"{name} {year.group(1)}")
                continue
        names.append(name)
    names += [m.group(0) for m in _PLACE.finditer(text)]
    return [n for n in dict.fromkeys(names)]



def unify_spelling(tags: Iterable[str], spellings: dict[str, str]) -> tuple[str, ...]:
    """`tags` respelled as the site already writes them (same slug, first spelling wins).

    The builder refuses two spellings of one tag, so an import must not add
    `kota bogor` to a site that has `Kota Bogor`. `spellings` (slug → name)
    is updated with the new tags.
    """
    out: dict[str, str] = {}
    for tag in tags:
        key = slugify(tag)
        if key and key not in out:
            out[key] = spellings.setdefault(key, tag)
    return tuple(out.values())
