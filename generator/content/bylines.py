"""An author written in an article that `[authors]` of site.toml does not know: a
misspelling of initials it knows ("did you mean"), or initials to add to it; the
academic degrees written after a name (`Hamid Zulkarnain, S.H.`), which are part of it;
and a byline written as a sentence (`Penulis: Budi Santoso dan Ani Wijaya`), which
names two people.

Compared with `SiteConfig.authors` alone, so that the warning is found when the
article is parsed and cached with its record (`[authors]` is part of
`content_key`: a change parses every article again). Bylines and tags against
those other articles use are compared at index time (plan/names.py).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

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


_PIECES = frozenset("""
    S M A D Sp Pd Si Kom Kes Keb Kep Farm Hum Sos Ked Psi Stat Tr Md Ag Ak IP Pi Sn Ds Gz
    Th Kn Eng Pt Hut Sc Ph Biomed Ars Fil Mat Fis Kim Bio Ling Par Pol Kesos Ikom Ip Hk
    Ners Apt Lc Psi Gizi Ked Tek Pwk Ak Kh Hub Int Ek Adm Log
    E H T P I K N B U KM KG THT PD OG JP KK DV PK MK Rad An KJ OT SM AB IK IAN AP HI EI
    KL ST Div Tr
""".split())
"""The pieces academic degrees are written with, between their dots: `S.Pd.I.` is S, Pd
and I; `Sp.THT-KL` is Sp and THT, a specialty after the dash; `A.Md.Keb.` A, Md, Keb."""
_LETTERS_ONLY = frozenset("""
    SH MH SE ME ST MT SP MP SS MA MM MS SHI MHI SEI MEI SIP MIP SKM MKM SKG SKH SAB MAB SIK
    SSTP STP SAP MAP SPT
""".split())
"""Degrees of single letters (`S.H.`, `M.E.`): only these, as `A.R.` are initials."""
_WORDS = frozenset(("Apt", "Ak", "Ns", "Lc", "MBA", "MPH", "MSc", "PhD", "LLM", "BSc", "MEng"))
"""Degrees of one word (`Apt.`, `Lc.`) or written without dots (`MBA`): only these, as
`Ant.` (Antara's sign-off), `Red.` or `Muh.` are not."""
_SPECIALTY = re.compile(r"(?:\([A-Z]{1,3}\)|-[A-Z]{1,4})\.?$")
"""What a specialist's degree may end with: `Sp.A(K)` (consultant), `Sp.THT-KL`."""


def is_degree(text: str) -> bool:
    """Whether `text` is an academic degree as Indonesian names carry them after a comma
    (PUEBI): dotted pieces that degrees are made of (`S.H.`, `M.Si.`, `S.Pd.I`,
    `A.Md.Keb.`, `Sp.A(K)`, `M.Biomed`), or one of a few words (`Apt.`, `MBA`). A name
    (`M. Iqbal`, `M.Iqbal`, `A. Yani`), initials (`A.R.`) and sign-offs (`Ant.`) are
    not."""
    word = _SPECIALTY.sub("", text.strip())
    if not word or " " in word:
        return False
    pieces = [piece for piece in word.split(".") if piece]
    if len(pieces) == 1:
        return pieces[0] in _WORDS
    if all(len(piece) == 1 for piece in pieces):
        return "".join(pieces) in _LETTERS_ONLY
    return all(piece in _PIECES for piece in pieces)


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


_ROLES = (r"teks dan foto|foto dan teks|penulis|pewarta(?: foto)?|reporter|wartawan"
          r"|kontributor|koresponden|fotografer|laporan|oleh|editor|penyunting|redaktur")
_ROLE = re.compile(rf"^(?:(?P<role>{_ROLES})\s*:\s*|oleh\s+(?=[A-Z]))", re.IGNORECASE)
"""The role a byline pasted from a page starts a name with (`Penulis: Budi`, `Oleh Budi`):
not part of the name."""
_EDITING = frozenset(("editor", "penyunting", "redaktur"))
"""The roles of those who edited a story, not wrote it."""
_JOINED = re.compile(rf"\s+(?:dan|and|&)\s+|\s*[/|]\s*|\s*,\s*(?=(?i:{_ROLES})\s*:)")
"""What joins two people's names in a byline: `dan`, `&`, a slash (`Budi/Ani`), a bar
(Kompas's `Penulis: Budi | Editor: Ani`), a comma before a role (`Penulis: Budi,
Editor: Ani`; other commas are the caller's). Only `dan` in lower case (or in a byline
written all in capitals): a name (`Dan Brown`) is capitalised."""
_MAY_JOIN = re.compile(r"[:/|&,]|\s(?:dan|and)\s|^\s*oleh\s", re.IGNORECASE)
"""What a byline holds when it may name more than one person, or a role: without it,
it is one name as written."""
_NOBODY = frozenset(("rekan", "tim", "kawan-kawan", "dkk", "dkk.", "kawan"))
"""What a byline names after `dan` that is no one's name (`Budi Santoso dan Rekan`)."""
_JOINED_CAPITALS = re.compile(_JOINED.pattern, re.IGNORECASE)
"""The same, in a byline written all in capitals (`BUDI SANTOSO DAN ANI WIJAYA`)."""
_ORGANISATION = frozenset("""
    dinas tim badan biro bagian humas kementerian pemerintah pemkot pemkab pemprov komisi
    lembaga dewan kantor polres polda polresta polri redaksi forum yayasan persatuan
    asosiasi ikatan koalisi aliansi perhimpunan paguyuban kelompok universitas fakultas
    sekolah pusat balai direktorat kejaksaan pengadilan pt cv bank bidang seksi divisi
    satuan komunitas himpunan serikat gabungan majelis partai kepolisian perusahaan
""".split())
"""The first words of a body's name (`Dinas Komunikasi dan Informatika`, `Tim Kompas/
Gramedia`), which `dan` and a slash belong to."""


@dataclass(frozen=True)
class Byline:
    """The people one written byline names, and the editors it names beside them."""

    people: tuple[str, ...]
    """Each person's name, without the role pasted with it."""
    editing: tuple[str, ...]
    """The parts that name an editor (`Editor: Ani`): who edited the story, not wrote it."""


def people_in(text: str, editors: bool = False, split: bool = True) -> Byline:
    """The people one written byline names: `Budi Santoso dan Ani Wijaya` is two,
    `Penulis: Budi Santoso` one, without the role pasted with it; a body's name
    (`Dinas Komunikasi dan Informatika`) stays one. Among authors (not `editors`), a
    part with an editor's role (`Penulis: Budi / Editor: Ani`) is set apart. Commas are
    left to the caller (a degree follows one: `Budi Santoso, S.H.`). Not `split`: one
    name, an entry of a YAML list, which says what the editor meant."""
    if not _MAY_JOIN.search(text):  # (the usual byline, one name: no pattern tried)
        name = text.strip()
        return Byline((name,) if name else (), ())
    lead = _ROLE.match(text.strip())
    text = text.strip()[lead.end():] if lead else text.strip()
    first = text.split(maxsplit=1)[0].lower() if text else ""
    parts = [text] if not split or first in _ORGANISATION else \
        (_JOINED if not text.isupper() else _JOINED_CAPITALS).split(text)
    people: list[str] = []
    editing: list[str] = []
    role = (lead["role"] or "").lower() if lead else ""
    for part in (part.strip() for part in parts):
        # (a role holds for the names after it, until another: `Editor: Ani dan Rina`)
        if (own := _ROLE.match(part)) is not None and len(parts) > 1:
            role, part = (own["role"] or "").lower(), part[own.end():].strip()
        if part and (len(parts) == 1 or part.lower() not in _NOBODY):
            (editing if role in _EDITING and not editors else people).append(part)
    return Byline(tuple(people), tuple(editing))


_TITLES = frozenset(("dr", "drs", "dra", "prof", "ir", "drg", "h", "hj"))
"""Titles written before a name (`Dr.`, `Prof.`, `Ir.`, a physician's `dr.`, a pilgrim's
`H.` and `Hj.`): not part of the author's page's address. Only before a name of two
words or more: `H. Budiman` may be Hendra Budiman's initial, `H. Ahmad Fauzi` is Haji
Ahmad Fauzi, as Indonesian bylines write it."""


_ROLE_AFTER = re.compile(r"(?<=[\w.])\s+\((?:kontributor|koresponden|reporter|wartawan|"
                         r"jurnalis|pewarta|penulis|fotografer|magang|mg)\b[^()]*\)\s*$",
                         re.IGNORECASE)
"""A role in brackets after a name (`Budi Santoso (Kontributor Palu)`, `(mg)` of an
intern); not another bracket (`Ahmad (Palu)` and `Ahmad (Poso)` are two reporters,
`Badan SAR Nasional (Basarnas)` is a name), nor a degree's (`Sp.A(K)`), which follows
it without a space."""


def author_slug(name: str) -> str:
    """The slug of an author's page: the name's, without the degrees after it, the
    titles before it and the role in brackets after it, so that `Budi Santoso`, `Budi
    Santoso, S.H.`, `Dr. Budi Santoso, M.Si.` and `Budi Santoso (Kontributor)` are one
    author with one page."""
    name = _ROLE_AFTER.sub("", name)
    first, *rest = name.split(",")
    if " " in first.strip() and rest and all(is_degree(part) for part in rest):
        name = first
    words = name.split()
    while len(words) > 2 and words[0].rstrip(".").lower() in _TITLES and (
            words[0].endswith(".") or words[0].lower() == "hj"):  # (`Hj` is no initial)
        words = words[1:]
    return slugify(" ".join(words))
