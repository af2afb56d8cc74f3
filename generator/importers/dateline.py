"""Datelines (`JAKARTA, KOMPAS.com -`, `MALANGVOICE – `) and photo credits.

Pure functions over one paragraph of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Outlets whose house spelling is not what title-casing their capitals gives.
KNOWN_OUTLETS = {
    "kompas.com": "Kompas.com", "radar bogor": "Radar Bogor", "radarbogor": "Radar Bogor",
    "malangvoice": "MalangVoice", "malangtimes": "MalangTimes",
    "timesindonesia": "TIMES Indonesia", "suryamalang.com": "SuryaMalang.com",
    "jawapos.com": "JawaPos.com", "tribun-medan.com": "Tribun-Medan.com",
    "liputan6.com": "Liputan6.com", "cnn indonesia": "CNN Indonesia", "tempo.co": "Tempo.co",
    "republika.co.id": "Republika.co.id", "antara": "Antara", "suara.com": "Suara.com",
    "palpos.co": "Palpos.co", "detikjatim": "detikJatim", "detik.com": "detik.com",
    "cakaplah": "Cakaplah", "jurnalsulawesi.com": "Jurnalsulawesi.com",
    "tribunnews.com": "Tribunnews.com", "radarbogor.id": "RadarBogor.id",
    "detikcom": "detikcom", "okezone.com": "Okezone.com", "tvri": "TVRI",
    "antaranews.com": "Antaranews.com", "sindonews.com": "Sindonews.com",
}
# Words that make an all-caps dateline head an outlet rather than a city.
_OUTLET_HINT = re.compile(
    r"(\.(com|co|id|net|org)\b|VOICE|TIMES|NEWS|POS\b|POST|ONLINE|\bTV\b|TRIBUN|RADAR|ANTARA)",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s*\\?[-–—]{1,3}\s*")
_DOMAIN_TAIL = re.compile(r"[A-Za-z][\w-]*\.(?:com|co\.id|co|id|net)\b", re.IGNORECASE)
_WORD = re.compile(r"^[A-Z][\w.'&-]*$")


@dataclass(frozen=True)
class Dateline:
    """What the opening words of a lead say about place and outlet."""

    location: str
    """City, title-cased (`Jakarta`), or empty."""
    source: str
    """Outlet in its house spelling (`Kompas.com`), or empty."""
    rest: str
    """The paragraph without its dateline."""
    written: str
    """The dateline as written, for the report."""
    day: int | None = None
    """Day of the month when the dateline carries one (`PALU, 3/5 (ANTARA) -`)."""
    month: int | None = None
    """Month, 1-12, with `day`."""


def outlet_name(written: str) -> str:
    """The house spelling of an outlet: known names mapped, shouting title-cased."""
    name = " ".join(written.split())
    known = KNOWN_OUTLETS.get(name.lower())
    if known:
        return known
    if name.upper() != name:
        return name  # already mixed case: the outlet's own spelling
    domain = re.match(r"^(.*?)(\.[A-Z.]+)$", name)
    if domain:
        return domain.group(1).title() + domain.group(2).lower()
    return name.title()


def place_name(written: str) -> str:
    """A city as the theme prints it: `PALANGKA RAYA` → `Palangka Raya`."""
    name = " ".join(written.replace("*", "").split()).strip(" ,")
    return name.title() if name.isupper() else name


def _is_outlet(part: str) -> bool:
    return part.lower() in KNOWN_OUTLETS or bool(_OUTLET_HINT.search(part))


def _is_name(part: str, max_words: int = 4) -> bool:
    words = part.split()
    return 0 < len(words) <= max_words and all(_WORD.match(w) for w in words)


def _classify(head: str) -> tuple[str, str] | None:
    """(location, source) for a dateline head, or None when it is not one."""
    head = head.replace("*", "").strip(" ,")
    paren = re.match(r"^(?P<city>[^(),]+?),?\s*\((?P<outlet>[^()]+)\)$", head)
    if paren and _is_name(paren.group("city"), 3):
        return place_name(paren.group("city")), outlet_name(paren.group("outlet").strip())
    if "," in head:
        first, _, second = (p.strip() for p in head.partition(","))
        if not (_is_name(first, 4) and _is_name(second, 4)):
            return None
        if _is_outlet(first) and not _is_outlet(second):
            return place_name(second), outlet_name(first)
        return place_name(first), outlet_name(second)
    if not _is_name(head, 3):
        return None
    if _is_outlet(head):
        return "", outlet_name(head)
    if head.isupper() or len(head.split()) == 1:
        return place_name(head), ""
    return None


# Antara's `PALU, 3/5 (ANTARA) -`: city, day/month of filing, the agency.
_ANTARA = re.compile(
    r"^\**(?P<city>[A-Z][A-Za-z .'-]{1,30}?),\s*(?P<day>\d{1,2})/(?P<month>\d{1,2})\s*"
    r"\((?P<outlet>[^()]{2,30})\)\**\s*\\?[-–—]{1,3}\s*(?P<rest>\S.*)$", re.DOTALL)
# A head in bold with no dash after it: `**PALU** Teks`, `Palu, **Jurnalsulawesi.com** Teks`.
_BOLD = re.compile(r"^(?P<pre>[^*]{0,30}?)\*\*(?P<bold>[^*]{2,60}?)\*\*\s*(?P<rest>\S.*)$",
                   re.DOTALL)
# A local outlet's `Palu, Jurnalsulawesi.com Teks`: city, then a domain, no dash.
_CITY_DOMAIN = re.compile(
    r"^(?P<head>[A-Z][A-Za-z .'-]{1,30}?,\s*[A-Za-z][\w-]*\.(?:com|co\.id|co|id|net|news))"
    r"\s+(?P<rest>\S.*)$", re.DOTALL)


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening `paragraph`, or None.

    A dateline is a short head of capitalised words (a city, an outlet, or
    both) followed by a dash: `RADAR BOGOR -Teks`, `Palu (antarasulteng.com) - `;
    or a head in bold, or a city and a domain, with no dash (see `_undashed`).
    """
    antara = _ANTARA.match(paragraph)
    if antara and _is_name(antara.group("city"), 3) and 1 <= int(antara.group("month")) <= 12:
        written = paragraph[: antara.start("rest")].strip()
        return Dateline(place_name(antara.group("city")), outlet_name(antara.group("outlet")),
                        antara.group("rest"), written, int(antara.group("day")),
                        int(antara.group("month")))
    return _dashed(paragraph) or _undashed(paragraph)


# Capitalised words that open a sentence, not a dateline: `Di Jakarta, Kompas.com …`.
_NOT_PLACES = {"di", "dari", "ke", "menurut", "kata", "dalam", "saat", "pada", "untuk"}


def _undashed(paragraph: str) -> Dateline | None:
    """`**PALU** Teks`, `Palu, **Jurnalsulawesi.com** Teks`, `Palu, Jurnalsulawesi.com Teks`."""
    for pattern in (_BOLD, _CITY_DOMAIN):
        match = pattern.match(paragraph)
        if not match:
            continue
        groups = match.groupdict()
        head = groups.get("head") or f"{groups['pre']}{groups['bold']}"
        classified = _classify(head)
        if classified is None or head.split()[0].strip("*,").lower() in _NOT_PLACES:
            continue
        # Without a dash, a bold head must shout (`**PALU**`) or name an outlet, and
        # an unbolded one must be a city and a domain: `**Penting** untuk` is emphasis.
        if classified[1] or (pattern is _BOLD and groups["bold"].isupper()):
            written = paragraph[: match.start("rest")].strip()
            return Dateline(*classified, match.group("rest"), written.replace("**", ""))
    return None


def _dashed(paragraph: str) -> Dateline | None:
    text = paragraph.lstrip("* ")
    for dash in _DASH.finditer(text[:70]):
        head = text[: dash.start()]
        if not head.strip(" *") or dash.end() >= len(text):
            continue
        # `TRIBUN-MEDAN.com, SIANTAR -`: a hyphen inside an outlet's domain.
        if dash.group(0) == "-" and _DOMAIN_TAIL.match(text, dash.end()):
            continue
        classified = _classify(head)
        if classified is None:
            continue
        # `Prabowo-Gibran`: a mixed-case word glued to a hyphen is a compound, not a dateline.
        if (not head.isupper() and not dash.group(0).startswith((" ", "\\")) and "(" not in head
                and not classified[1]):
            continue
        location, source = classified
        rest = text[dash.end():].lstrip("* ")
        return Dateline(location, source, rest, text[: dash.end()].strip())
    return None


_CREDIT = re.compile(
    r"\s*(?:\(\s*\(?\s*(?P<paren>[^()]+?)\s*\)?\s*\)|\[(?P<square>[^\[\]]+)\])\s*\.?$")
_DATE_LIKE = re.compile(r"^\d{1,2}/\d{1,2}(/\d{2,4})?$")
# `Foto:` is a label; `Dok.` (documentation of …) is part of the credit and stays.
_CREDIT_PREFIX = re.compile(r"^(?:foto|photo)(?:\s+oleh|\s+by)?\s*[:.]?\s*",
                            re.IGNORECASE)
_ABBREVIATIONS = {"ist": "Istimewa", "ist.": "Istimewa", "dok": "Dokumentasi"}


# A credit without brackets after the last sentence: `… petang. KOMPAS.com/AAM AMINULLAH`,
# `… warga. Foto: Humas Polres`, `… lokasi. Dok. BPBD`.
_BARE_CREDIT = re.compile(
    r"(?<=[.!?\"”])\s+(?P<bare>(?:Foto|Photo|Dok)\s*[:.]\s*[^.()\[\]]{2,60}?"
    r"|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2}\s?/\s?[A-Z][\w.' -]{1,40}?)\s*$")


def split_credit(caption: str) -> tuple[str, str]:
    """(caption, credit) from a caption ending with `(Istimewa)`, `[Ist]`, `((ANTARA/X))`,
    `(Foto: X)`, or after its last sentence `OUTLET/NAME`, `Foto: X`, `Dok. X`."""
    match = _CREDIT.search(caption)
    if not match:
        bare = _BARE_CREDIT.search(caption)
        if bare is None:
            return caption.strip(), ""
        credit = _CREDIT_PREFIX.sub("", bare.group("bare").strip()).strip()
        return caption[: bare.start()].strip(), credit
    credit = (match.group("paren") or match.group("square") or "").strip()
    if _DATE_LIKE.match(credit) or credit.isdigit() or not credit:
        return caption.strip(), ""
    credit = _CREDIT_PREFIX.sub("", credit).strip() or credit
    credit = _ABBREVIATIONS.get(credit.lower(), credit)
    return caption[: match.start()].strip(), credit


def has_credit(paragraph: str) -> bool:
    """True when `paragraph` ends like a photo caption's credit."""
    return bool(split_credit(paragraph)[1])
