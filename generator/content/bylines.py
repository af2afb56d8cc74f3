"""An author written in an article that `[authors]` of site.toml does not know: a
misspelling of initials it knows ("did you mean"), or initials to add to it.

Compared with `SiteConfig.authors` alone, so that the warning is found when the
article is parsed and cached with its record (`[authors]` is part of
`content_key`: a change parses every article again). Bylines and tags against
those other articles use are compared at index time (plan/names.py).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from generator.config import AuthorInfo

_INITIALS = re.compile(r"[^\W\d_]{2,4}")
"""What imported initials look like: two to four letters (`Hmz`, `Ulm`)."""


def unknown_author(written: str, authors: Mapping[str, AuthorInfo],
                   what: str = "author") -> tuple[str, str] | None:
    """The warning's message and hint for author `written`, or None when `[authors]`
    knows it (as initials or as a full name) or it looks like a name of its own."""
    if written in authors:
        return None
    names = {info.name.casefold(): key for key, info in authors.items()}
    if written.casefold() in names:
        return None
    message = f"the {what} `{written}` is not in [authors] of site.toml"
    if " " in written:  # a full name: compared with the full names
        near = difflib.get_close_matches(written.casefold(), names, n=1, cutoff=0.8)
        meant = names[near[0]] if near else None
    else:  # initials: compared with the initials
        found = difflib.get_close_matches(written, list(authors), n=1, cutoff=0.6)
        meant = found[0] if found else None
    if meant is not None:
        written_as = ("As written, it gets an author page of its own" if what == "author"
                      else "As written, the page shows it as it is")
        return (message, f"did you mean `{meant}` ({authors[meant].name})? {written_as}")
    if _INITIALS.fullmatch(written):
        return (f"{message}: the page shows `{written}`" if what != "author" else
                f"{message}: the byline shows `{written}`",
                f'add `{written} = "Full Name"` to [authors] in site.toml')
    return None
