"""Embedded frames in a story's text (`<iframe>`: a YouTube video, a map), as an editor
pastes the embed code a site offers: made fit for a phone's column and for the
validators, the rest kept as written (the newsroom's own HTML is trusted).

YouTube's code is `<iframe width="560" height="315" src=… title=… frameborder="0" …
allowfullscreen>`: 560 pixels overflow a phone's 375 (the page scrolls sideways), and
`frameborder` is obsolete HTML (an error of the validator). Pure function over the body's
HTML, run once when the file is parsed.
"""

from __future__ import annotations

import re

_FRAME = re.compile(r"""<iframe(?=[\s/>])(?:"[^"]*"|'[^']*'|[^'">])*>""", re.IGNORECASE)
"""An iframe's opening tag, a `>` in a quoted value (`srcdoc`) part of it."""
_FRAME_NAMED = re.compile(r"<[iI][fF][rR][aA][mM][eE](?=[\s/>])")
_ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)"""
                        r"""(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_OBSOLETE = frozenset(("frameborder", "allowtransparency", "scrolling", "marginwidth",
                       "marginheight", "longdesc", "align"))
"""Attributes HTML no longer has for a frame (the validator's errors): CSS does it."""


def fitted_frames(html: str) -> str:
    """Body `html` with each `<iframe>` without its obsolete attributes, loaded when it
    comes near (`loading="lazy"`), and, when it has a width and a height in pixels,
    as wide as the column at most with their proportions (`aspect-ratio`)."""
    if _FRAME_NAMED.search(html) is None:  # (one scan, in any case: faster than `in`)
        return html
    return _FRAME.sub(_fitted, html)


def _fitted(tag: re.Match[str]) -> str:
    attributes = [(name, value) for name, value in _ATTRIBUTE.findall(tag[0][len("<iframe"):])
                  if name.lower() not in _OBSOLETE]
    names = {name.lower() for name, _ in attributes}
    sizes = {name.lower(): _unquoted(value) for name, value in attributes
             if name.lower() in ("width", "height")}
    if "loading" not in names:
        attributes.append(("loading", '"lazy"'))
    width, height = sizes.get("width", ""), sizes.get("height", "")
    if width.isdigit() and height.isdigit() and int(width) and int(height):
        fit = f"width: 100%; height: auto; aspect-ratio: {int(width)} / {int(height)}"
        own = next((_unquoted(value).strip().rstrip(";").replace('"', "&quot;")
                    for name, value in attributes if name.lower() == "style"), "")
        attributes = [(name, value) for name, value in attributes if name.lower() != "style"]
        # (after the embed's own style, which a map's code has: `border:0;`)
        attributes.append(("style", f'"{own}"' if own.endswith(fit) else
                           f'"{own}; {fit}"' if own else f'"{fit}"'))
    written = "".join(f" {name}={value}" if value else f" {name}"
                      for name, value in attributes)
    return f"<iframe{written}>"


def _unquoted(value: str) -> str:
    """An attribute's value as written, without the quotes around it."""
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'" \
        else value
