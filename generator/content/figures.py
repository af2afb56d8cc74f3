"""Photos in a story's text with their captions: a figure, as the story's own photo is.

A newsroom captions every photo it publishes, and credits it. Markdown has no
caption, so editors write one of two things: the image's title,
`![Warga melintasi genangan](media/2025/banjir.jpg "Warga melintasi genangan di
Jalan Cempaka. Foto: Budi")`, which a browser shows only as a mouse's tooltip
(never on a phone, and not at all once the image is a `<picture>`), or an italic
line right under the image. Either, on a paragraph of its own, becomes a
`<figure>` with its `<figcaption>` (as Hugo's `figure` and Pandoc's implicit
figures give), and so does a video or a recording in its player. Pure functions of
the rendered HTML.
"""

from __future__ import annotations

import re
from html import escape, unescape

_SHOWN = (r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?"
          r"|<(video|audio)\b[^>]*>(?:(?!</(?:video|audio)>|</?p\b).)*</\2>")
"""A photo (in the link around it, if any), or a phone's video or recording in its
player (content/image.py `media_players`), never reaching past its paragraph."""

_ALONE = re.compile(rf"<p>({_SHOWN})(?:(?:<br>)?\n<em>((?:(?!</?em>|</?p\b).)+)</em>)?</p>",
                    re.IGNORECASE | re.DOTALL)
"""A paragraph holding only a photo, or a photo and then one italic line under it (on
the next line, not beside it)."""

_NO_CAPTION = re.compile(r"\s*(?:baca|simak|lihat) juga\b", re.IGNORECASE)
"""An italic line that points at another story (`*Baca juga: …*`), not at the photo."""

_CANDIDATE = re.compile(r"<p><(?:img|a |video|audio)")
"""A paragraph starting with what `_ALONE` looks for: without one, nothing to do (one
regular expression's scan: four `in` tests took 7 µs a body, their needles' last
letters being common in the text)."""
_TAG = re.compile(r"<(?:img|video|audio)\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r'\stitle="([^"]*)"')


def captioned(html: str) -> str:
    """Body `html` with each photo or video that has a caption (its title, or the
    italic line under it) on a paragraph of its own made a figure: the caption shown
    under it, the title taken off (read once, not twice by a screen reader)."""
    if _CANDIDATE.search(html) is None:  # (most bodies: one scan, 1.3 µs for 4 kB)
        return html

    def figure(found: re.Match[str]) -> str:
        shown, line = found[1], (found[3] or "").strip()
        if line and _NO_CAPTION.match(line):
            return found[0]
        tag = _TAG.search(shown)
        title = _TITLE.search(tag[0]) if tag else None
        # (a title is an attribute's text: escaped again as text, `<` of raw HTML too)
        caption = line or (escape(unescape(title[1]).strip(), quote=False)
                           if title else "")
        if not caption:
            return found[0]
        if tag is not None and title is not None:
            start = tag.start() + title.start()
            shown = shown[:start] + shown[start + len(title[0]):]
        return f"<figure>{shown}<figcaption>{caption}</figcaption></figure>"

    return _ALONE.sub(figure, html)
