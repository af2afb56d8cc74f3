"""Slugs: the lowercase ASCII words that name things in URLs."""

from __future__ import annotations

import re
import unicodedata

# Letters that do not decompose into ASCII under NFKD but have a common
# transliteration; enough for Indonesian, Dutch-era and European names.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "ı": "i",
        "&": " dan ",
        # An apostrophe (`Jum'at`, `Ma'ruf`, `Qur'an`) is left out, as WordPress and
        # Hugo leave it, and as the typographic `’` a word processor writes always was
        # (NFKD has no ASCII for it): both spellings give `jumat`, not `jum-at`. At a
        # word's edge it was a separator beside another or at the text's end, the same
        # slug; beside what has no ASCII letter (an accent macOS writes apart in a file
        # name, `José's`; an emoji) it joins the two sides, as a precomposed `é` did.
        "'": None,
        "\u2019": None,
        "\u2018": None,
        "\u02bc": None,
        "`": None,
    }
)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """Return `text` as a URL slug: lowercase ASCII words joined by hyphens.

    Accents are transliterated, an apostrophe left out, everything else that is not a
    letter or a digit becomes a separator, so the result never contains a slash, a dot
    or a space. It may be empty (for text with no letters or digits); the caller
    decides whether that is an error.
    """
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    ascii_text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Cut at a word boundary when there is one in the second half.
        if "-" in cut[max_length // 2 :]:
            cut = cut[: cut.rfind("-")]
        slug = cut.strip("-")
    return slug


def is_slug(text: str) -> bool:
    """True when `text` is already a valid slug (what `slugify` would keep as is)."""
    return bool(text) and slugify(text, max_length=len(text)) == text
