"""`[footer]` of `site.toml`: the links every page's footer shows, in order.

```toml
[footer]
links = [
  { title = "Redaksi", url = "/redaksi/" },
  { title = "Kontak", url = "/kontak/" },
]
```

Without the table the footer links every page of `content/pages/` (as before).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.config.checker import Checker
from generator.errors import Text

FOOTER_KEYS = ("links",)
"""The keys of `[footer]`."""
_LINK_KEYS = ("title", "url")


@dataclass(frozen=True)
class FooterLink:
    """One link of the footer."""

    title: str
    """The text of the link, e.g. `Redaksi`."""
    url: str
    """Root-relative (`/redaksi/`), absolute http(s) or `mailto:` address."""


def read_footer(check: Checker, table: Mapping[str, Any]) -> tuple[FooterLink, ...]:
    """The links of `[footer]` (empty when absent); each wrong one is a problem."""
    value = table.get("links", [])
    example = Text('e.g. links = [{{ title = "Redaksi", url = "/redaksi/" }}]')
    if not isinstance(value, list):
        check.fail("links", Text("`footer.links` must be a list of {{ title, url }} tables"),
                   example)
        return ()
    links: list[FooterLink] = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            check.fail("links", Text("`footer.links` entry {number} must be a "
                                     "{{ title = ..., url = ... }} table", number=number),
                       example)
            continue
        title, url = item.get("title"), item.get("url")
        if not isinstance(title, str) or not title.strip():
            check.fail("links", Text("`footer.links` entry {number} needs a `title` text",
                                     number=number), example)
            continue
        if not isinstance(url, str) or not url.startswith(("/", "http://", "https://",
                                                            "mailto:")):
            check.fail("links", Text("`footer.links` entry {number} ({title}) needs a `url` "
                                     "starting with /, http(s):// or mailto:", number=number,
                                     title=repr(title)), example)
            continue
        for name in item:
            if name not in _LINK_KEYS:
                check.warn("footer", "links", Text("unknown key `{name}` in `footer.links` "
                                                   "entry {number}", name=name, number=number),
                           Text("Warta reads only `title` and `url`"))
        links.append(FooterLink(title=title.strip(), url=url))
    return tuple(links)
