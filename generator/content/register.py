"""The register of published addresses (`content/published-urls.txt`): text <-> records.

Every address the site has ever published, one a line, sorted, with what answers
there: an article or a static page (its source file), a list (a tag, a month, a
year, an author or a section: its name), a redirect (`moved` and the address it
leads to) or a notice that the article is gone (with the file that answered there,
so that the address redirects to it should it be published again at another
address). A list's numbered pages are not
listed while it lives (content/list-pages.txt knows how many it has); when it
ends, they are, each with its redirect or notice (plan/redirects.py).
An article first published after a newer one (a story filed late) is `late`, with
the date of the newest article the register knew then: it never joins the related
articles of those published before it (plan/related.py), and the register is how a
fresh checkout knows.
`warta build` keeps it like a lock file (plan/redirects.py decides the next one) and
the editors commit it with the content, so that a fresh checkout knows every
address ever published. `parse_register` and `format_register` are pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from generator import urls
from generator.content import merge_conflicts
from generator.errors import Problem, Text

REGISTER = "content/published-urls.txt"
"""Where the register lives, relative to the site folder."""

ARTICLE, LATE, PAGE, TAG, MOVED, GONE = "article", "late", "page", "tag", "moved", "gone"
MONTH, YEAR, AUTHOR, SECTION = "month", "year", "author", "section"
INDEX = "index"
INDEXES = {"years": urls.YEARS, "search": urls.SEARCH}
"""The site's own pages a setting switches (`date_archives`, `search`), by their name
in the register (`<address> index <name>`), with their addresses."""
ARTICLES = frozenset({ARTICLE, LATE})
"""Kinds of address where an article answers (`late`: first published after a newer
one)."""
LISTS = frozenset({TAG, MONTH, YEAR, AUTHOR, SECTION})
"""Kinds of address where a list answers (its newest page), named by its target: the
tag's, author's or section's name, the month as `2024-03`, the year as `2024`."""
LIVE = ARTICLES | LISTS | {PAGE, INDEX}
"""Kinds of address where a page of the site answers."""
_KINDS = (ARTICLE, LATE, PAGE, TAG, MONTH, YEAR, AUTHOR, SECTION, INDEX, MOVED, GONE)
# What a build writes, nearly always: slug-shaped folders. Anything else is checked
# the long way.
_PLAIN = re.compile(r"(?:/[a-z0-9][a-z0-9_-]*)*/")

HEADER = """\
# Every address this site has published, kept by `warta build`: commit this file with
# the content, as a lock file. One address a line, then what answers there:
#   article <file> | late <date> <file> | page <file> | moved <address> | gone [<file>]
#   tag <name> | month <yyyy-mm> | year <yyyy> | author <name> | section <name>
#   index years | index search (the archive by month, the search page)
# A changed address keeps a redirect (`moved`), a deleted article a notice (`gone`,
# with its file: published again elsewhere, it redirects there); so do the numbered
# pages of a list that ends (`/tag/x/page/2/`).
# `late`: an article first published after a newer one (a story filed late), with
# the date of the newest article published then.
"""
_INDEX_NOTE = "\n#   index years | index search"
"""The head's line that registers since 2026-12-05 have: they name the indexes."""


def names_indexes(text: str) -> bool:
    """Whether the register `text` was written by a version that names the indexes
    (`INDEXES`) in it: its head says so. An older one did not name them even where
    they were published (build/addresses.py `unnamed_indexes`)."""
    end = text.find("\n/")  # (the head ends at the first address)
    return text.find(_INDEX_NOTE, 0, len(text) if end < 0 else end) >= 0


@dataclass(frozen=True, slots=True)
class Address:
    """One line of the register."""

    url: str
    """The root-relative address, e.g. `/2024/03/banjir/`."""
    kind: str
    """`article`, `late`, `page`, one of `LISTS`, `index`, `moved` or `gone`."""
    target: str = ""
    """The source file (article, page; late: the date it came after, a space, the
    file: `late_target`), the list's name (`LISTS`), the index's (`INDEXES`), the
    address it leads to (moved); when gone, the source file of the article or page
    that answered there (should it be published again at another address, the address
    redirects there), or empty."""
    line: int = field(default=0, compare=False)
    """Its line in the register file (0 when made by a build)."""

    def __str__(self) -> str:
        return f"{self.url} {self.kind} {self.target}".rstrip()


Register = Mapping[str, Address]
"""The register: each address's line, by address."""


def normal_address(url: str) -> str:
    """`url` as the register and the redirect rules write it: root-relative, ending in
    `/` unless its last part names a file (`/berita/123.html`)."""
    url = "/" + url.lstrip("/")
    return url if "." in url.rsplit("/", 1)[-1] else url.rstrip("/") + "/"


def parse_register(text: str, path: str = REGISTER) -> tuple[dict[str, Address], list[Problem]]:
    """The register's lines by address, and a problem (file, line, what to do) for
    each line that is not one. A merge's conflicts are read with both sides' lines (a
    warning says so): an address on both, the line that keeps a page there (`_joined`)."""
    return merge_conflicts.read_sides(text, path, _parsed, _joined)


_RANKS = {LATE: 0, MOVED: 2, GONE: 3}
"""Which of two sides' lines for one address a merge keeps: a page answering there
(`late` first: the story came after a newer one on one side, so it did in the merged
site too), then a redirect, then a gone notice. The build then decides from the
merged content what answers there (plan/redirects.py), as after any edit: a story the
other side deleted or moved finds its address `gone` or `moved` again."""


def _joined(ours: Register, theirs: Register) -> dict[str, Address]:
    """Both sides' lines, one per address (`_RANKS`; of two of one rank, one that names
    what it points to, so `gone <file>` over a bare `gone`, then the one sorting first:
    the same whichever side a merge or a rebase calls ours)."""
    found = dict(ours)
    for url, line in theirs.items():
        mine = found.get(url)
        if mine is None or _rank(line) < _rank(mine):
            found[url] = line
    return found


def _rank(line: Address) -> tuple[int, bool, str]:
    return _RANKS.get(line.kind, 1), not line.target, str(line)


def _parsed(text: str, path: str) -> tuple[dict[str, Address], list[Problem]]:
    found: dict[str, Address] = {}
    problems: list[Problem] = []
    plain = _PLAIN.fullmatch
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        url, _, rest = line.partition(" ")
        kind, _, target = rest.strip().partition(" ")
        target = target.strip()
        # The lines a build writes pass at once (this runs for every line, every build).
        if plain(url) and url not in found and (
                (kind in LIVE and target and (kind != LATE or _late_parts(target))
                 and (kind not in LISTS or _fits(url, kind, target))
                 and (kind != INDEX or INDEXES.get(target) == url))
                or (kind == GONE and (not target or _is_source(target)))
                or (kind == MOVED and plain(target))):
            found[url] = Address(url, kind, target, number)
            continue
        problem = _line_problem(url, kind, target)
        if problem is None and url in found:
            problem = (Text("the address {url} is also on line {line}", url=url,
                            line=found[url].line), Text("keep one of the two lines"))
        if problem is not None:
            problems.append(Problem(path, number, *problem))
            continue
        found[url] = Address(url, kind, target, number)
    return found, problems


def _line_problem(url: str, kind: str, target: str) -> tuple[Text, Text] | None:
    """What is wrong with one line, and what to do; None when it is right."""
    shape = Text("write `<address> article <file>`, `... moved <address>` or `... gone`")
    if kind not in _KINDS:
        return (Text("{kind} after {url} is not one of {kinds}", kind=repr(kind or "nothing"),
                     url=url, kinds=", ".join(_KINDS)), shape)
    if not _is_address(url):
        return (Text("{url} is not an address of this site", url=repr(url)),
                Text("write it as /2024/03/banjir/"))
    if kind == GONE and target and not _is_source(target):
        return (Text("`gone` takes nothing after it but the file that answered there, "
                     "not {target}", target=repr(target)),
                Text("write `{url} gone`", url=url))
    if kind != GONE and not target:
        return Text("`{kind}` needs what it points to", kind=kind), shape
    if kind == LATE and not _late_parts(target):
        return (Text("{url} is late, but {target} is not a date and a file", url=url,
                     target=repr(target)),
                Text("write `{url} late 2024-03-01T09:00:00+07:00 content/articles/...md`",
                     url=url))
    if kind in LISTS and not _fits(url, kind, target):
        return (Text("{url} is not the address of the {kind} {target}", url=url, kind=kind,
                     target=repr(target)),
                Text("write `/2024/03/ month 2024-03`, `/2024/ year 2024`, or a tag, an "
                     "author or a section under /tag/, /author/ or /rubrik/"))
    if kind == INDEX and INDEXES.get(target) != url:
        return (Text("{url} is not the address of the index {target}", url=url,
                     target=repr(target)),
                Text("write `/arsip/tahun/ index years` or `/cari/ index search`"))
    if kind == MOVED and not _is_address(target):
        return (Text("{url} is moved to {target}, which is not an address of this site",
                     url=url, target=repr(target)),
                Text("write the address it moved to, e.g. /2024/04/banjir/"))
    return None


_MONTH, _YEAR = re.compile(r"(\d{4})-(\d{2})"), re.compile(r"\d{4}")
_FOLDERS = {TAG: urls.TAGS, AUTHOR: urls.AUTHORS, SECTION: urls.SECTIONS}


def _fits(url: str, kind: str, target: str) -> bool:
    """Whether a list of `kind` named `target` can answer at `url` (its folder; a
    month's or a year's address is its date's)."""
    if kind == MONTH:
        found = _MONTH.fullmatch(target)
        return found is not None and url == f"/{found[1]}/{found[2]}/"
    if kind == YEAR:
        return _YEAR.fullmatch(target) is not None and url == f"/{target}/"
    return url.startswith(_FOLDERS[kind]) and url.count("/") == 3


def _is_source(target: str) -> bool:
    """Whether `target` names a source file, as a `gone` line's may."""
    return target.startswith("content/") and " " not in target


def _is_address(url: str) -> bool:
    if _PLAIN.fullmatch(url):
        return True
    if not url.startswith("/") or normal_address(url) != url:
        return False
    try:
        urls.output_path(url)
    except ValueError:
        return False
    return True


def is_formatted(text: str) -> bool:
    """Whether `text` is as `format_register` writes it (header, sorted lines, `\n`
    endings), without parsing it: a register edited by hand is written again, so that
    the quick path's sorted inserts give what the whole way would write."""
    if not text.startswith(HEADER) or "\r" in text or not text.endswith("\n"):
        return False
    lines = text[len(HEADER):].splitlines()
    return all(a < b for a, b in zip(lines, lines[1:], strict=False)) and all(
        line and not line.startswith(("#", " ")) and line == line.strip() for line in lines)


def format_register(addresses: Iterable[Address]) -> str:
    """The register's text: the header, then one line per address, sorted."""
    lines = [str(a) for a in sorted(addresses, key=lambda a: a.url)]
    return HEADER + "".join(line + "\n" for line in lines)


def late_target(after: datetime, path: str) -> str:
    """The target of a `late` line: the date of the newest article published when it
    was filed, and its file."""
    return f"{after.isoformat()} {path}"


def _late_parts(target: str) -> tuple[datetime, str] | None:
    """The date and the file of a `late` line's target; None when it is not one."""
    when, _, path = target.partition(" ")
    try:
        after = datetime.fromisoformat(when)
    except ValueError:
        return None
    return (after, path.strip()) if path.strip() and after.tzinfo is not None else None


def article_file(address: Address) -> str:
    """The source file an `article` or `late` line names."""
    parts = _late_parts(address.target) if address.kind == LATE else None
    return parts[1] if parts else address.target


@dataclass(frozen=True)
class Registered:
    """The articles the register knows, for deciding which are stories filed late
    (plan/site.py): an article the register does not know yet is late when it is dated
    before one it knows."""

    known: frozenset[str]
    """Paths of the articles it has a line for (found by their file, the file they
    were renamed from, or their address)."""
    late: Mapping[str, datetime]
    """Those of `known` whose line is `late`, with the date it names."""


def registered_articles(register: Register, articles: Iterable[tuple[str, str]],
                        renamed: Mapping[str, str] | None = None) -> Registered:
    """Which of `articles` ((path, address) pairs) the `register` knows, and which as
    `late`. `renamed` maps an old path of a renamed file to its new one: the register
    names the old one until this build writes it again."""
    line_of = {article_file(a): a for a in register.values() if a.kind in ARTICLES}
    for old, new in (renamed or {}).items():
        if old in line_of:
            line_of.setdefault(new, line_of[old])
    known: set[str] = set()
    late: dict[str, datetime] = {}
    for path, url in articles:
        line = line_of.get(path)
        if line is None and (at := register.get(url)) is not None and at.kind in ARTICLES:
            line = at
        if line is not None:
            known.add(path)
            if line.kind == LATE and (parts := _late_parts(line.target)) is not None:
                late[path] = parts[0]
    return Registered(frozenset(known), late)
