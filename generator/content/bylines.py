"""An author written in an article that `[authors]` of site.toml does not know: a
misspelling of initials it knows ("did you mean"), or initials to add to it; and the
academic degrees written after a name (`Hamid Zulkarnain, S.H.`), which are part of it.

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
from generator.content.keys import AUTHOR
from generator.errors import Text
from generator.slugs import slugify

_INITIALS = re.compile(r"[^\W\d_]{2,4}")
"""What imported initials look like: two to four letters (`Hmz`, `Ulm`)."""


def unknown_author(written: str, authors: Mapping[str, AuthorInfo],
                   what: Text = AUTHOR) -> tuple[Text, Text] | None:
    """The warning's message and hint for author `written`, or None when `[authors]`
    knows it (as initials or as a full name) or it looks like a name of its own."""
    if written in authors:
        return None
    names = {info.name.casefold(): key for key, info in authors.items()}
    if written.casefold() in names:
        return None
    message = Text("the {what} `{name}` is not in [authors] of site.toml", what=what,
                   name=written)
    if " " in written:  # a full name: compared with the full names
        near = difflib.get_close_matches(written.casefold(), names, n=1, cutoff=0.8)
        meant = names[near[0]] if near else None
    else:  # initials: compared with the initials
        found = difflib.get_close_matches(written, list(authors), n=1, cutoff=0.6)
        meant = found[0] if found else None
    if meant is not None:
        written_as = (Text("As written, it gets an author page of its own") if what == AUTHOR
                      else Text("As written, the page shows it as it is"))
        return (message, Text("did you mean `{name}` ({full})? {written_as}", name=meant,
                              full=authors[meant].name, written_as=written_as))
    if _INITIALS.fullmatch(written):
        return (Text("{message}: the page shows `{name}`", message=message, name=written)
                if what != AUTHOR else
                Text("{message}: the byline shows `{name}`", message=message, name=written),
                Text('add `{name} = "Full Name"` to [authors] in site.toml', name=written))
    return None


_DEGREES = frozenset("""
    SH MH SE MM ST MT SPd MPd SPdI MPdI SSos MSos SIKom MIKom SKom MKom SAg MAg SHI MHI
    SHum MHum SIP MIP SPsi MPsi SKed SKM MKes SFarm Apt SKep Ns SGz SSi SSn SAk MAk Ak
    SIAN MAP SThI MA MSc BSc BA PhD MBA MPH LLM DEA SSTP STP SPt SHut SP MP SS SIK
    SpA SpPD SpOG SpB SpJP SpM SpKK SpS SpTHT SpRad SpAn SpP SpKJ SpU SpOT Lc MSi MKn
    STh MTh MSM MEng SKG MKM SIP SKeb MKeb SAB MAB SE
""".split())
"""Academic degrees as Indonesian names carry them after a comma (PUEBI), without their
dots: `S.H.`, `M.Si.`, `S.Pd.I.`, `S.I.Kom.`, `Ph.D.`, `Sp.PD`. A list of known ones,
not a shape: `M. Iqbal`, `A. Yani` or Antara's `Ant.` are names and sign-offs."""
_UNDOTTED = frozenset(("MBA", "MPH", "MSc", "PhD", "LLM"))
"""Those written without dots too; another, `SH` or `MA`, may be a reporter's initials."""


def is_degree(text: str) -> bool:
    """Whether `text` is an academic degree (`S.H.`, `M.Si`, `Ph.D.`, `MBA`)."""
    bare = text.strip().replace(".", "").replace(" ", "")
    return bare in _DEGREES and ("." in text or bare in _UNDOTTED)


def with_degrees(names: list[str]) -> list[str]:
    """`names` cut at commas, each degree joined again to the full name before it:
    `Hamid Zulkarnain, S.H., M.H.` is one author, not three (`S.H.` had an author page).
    A degree follows a full name (two words or more), never initials (`Hmz, A.R.`
    stays two)."""
    joined: list[str] = []
    for name in names:
        if joined and is_degree(name) and " " in joined[-1].split(",")[0]:
            joined[-1] = f"{joined[-1]}, {name}"
        else:
            joined.append(name)
    return joined


def author_slug(name: str) -> str:
    """The slug of an author's page: the name's, without the degrees after it, so that
    `Budi Santoso` and `Budi Santoso, S.H.` are one author with one page."""
    first, *rest = name.split(",")
    if " " in first.strip() and rest and all(is_degree(part) for part in rest):
        name = first
    return slugify(name)
