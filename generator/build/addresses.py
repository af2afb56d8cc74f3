"""The register of published addresses at the edges of a build: read before the plan,
written with the output, and what changed in it for the summary and `warta check`.

The register is parsed by content/register.py and resolved against the site by
plan/redirects.py; this module reads and writes its file (atomically, like the
output: a failed build leaves it as it was) and, for the quick path, adds the
addresses of today's news to it without parsing the whole file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.cache.removed import RemovedArticle
from generator.content.list_pages import OrderKey
from generator.content.model import Article
from generator.content.register import (
    ARTICLE,
    ARTICLES,
    GONE,
    INDEXES,
    LATE,
    MOVED,
    REGISTER,
    Address,
    article_file,
    late_target,
    names_indexes,
    normal_address,
    parse_register,
)
from generator.errors import ContentError, Problem
from generator.plan.list_addresses import Line, alias_targets, list_addresses
from generator.plan.redirects import Addresses, ended_lists
from generator.plan.site import Site


@dataclass(frozen=True)
class AddressChanges:
    """What a build did to the published addresses, for its summary."""

    moved: tuple[tuple[str, str], ...] = ()
    """(old, new) of each address that now redirects: a redirect is kept there."""
    gone: tuple[str, ...] = ()
    """Addresses that now answer with the gone notice."""
    ended: tuple[str, ...] = ()
    """Feed addresses this build removed that the host rules now answer with 410 (tag
    feeds switched off: plan/redirects.py `ended_addresses`); no file is left there."""
    renamable: tuple[str, ...] = ()
    """Those of `gone` that an alias added later would lead on (a tag's or an author's
    page: plan/redirects.py `Addresses.renamable`), for the summary's hint."""


@dataclass(frozen=True, eq=False, repr=False)
class RegisterFile:
    """The register as found on disk."""

    entries: dict[str, Address]
    """Its lines by address (empty when there is no file)."""
    text: str | None
    """Its text; None when there is no file yet."""
    merged: tuple[Problem, ...] = ()
    """The warning that it holds a merge's conflicts, read with both sides' lines."""


def text_key(text: str | None) -> str:
    return "" if text is None else hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_text(site_dir: Path, name: str = REGISTER) -> str | None:
    """The text of the lock file `name` (the register, or content/list-pages.txt), or
    None when there is none yet."""
    try:
        return (site_dir / name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def load_register(site_dir: Path) -> RegisterFile:
    """Read and parse the register; raise ContentError naming each bad line."""
    text = read_text(site_dir)
    if text is None:
        return RegisterFile({}, None)
    entries, problems = parse_register(text, REGISTER)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    return RegisterFile(entries, text, tuple(problems))


def unnamed_indexes(output: Path, register: RegisterFile) -> list[str]:
    """The addresses of the indexes a setting switches (`register.INDEXES`) whose page
    the `output` folder holds, when the `register` was written by a version that did
    not name them yet (plan/redirects.py `resolve`); none for a newer one, which names
    them when published (a line deleted by hand then stays deleted)."""
    if register.text is None or names_indexes(register.text):
        return []
    return [url for url in INDEXES.values() if url not in register.entries
            and (output / urls.output_path(url)).is_file()]


def write_text(site_dir: Path, name: str, text: str) -> None:
    """Replace the lock file `name` with `text` at once (a temporary file renamed)."""
    path = site_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def appended_text(text: str, site: Site, before: Site, added: Iterable[int],
                  taken: Mapping[str, object]) -> str | None:
    """The register `text` with the addresses of the articles added to `before` (`added`:
    their indexes in `site.articles`) and of the lists they bring (a tag, a month...):
    what the whole way would write. None when one of those addresses already answers
    (`taken`: the output files of the last build): a gone notice or a redirect the whole
    way must replace; or when one of the articles is the file of a gone address (it is
    published again: that address leads to it now, plan/redirects.py)."""
    new: list[Address] = []
    gone: set[str] | None = None
    for index in added:
        article = site.articles[index]
        gone = _gone_files(text) if gone is None else gone
        if article.path in gone:
            return None
        after = site.late.get(index)
        new.append(Address(article.url, ARTICLE, article.path) if after is None
                   else Address(article.url, LATE, late_target(after, article.path)))
        new += [Address(normal_address(alias), MOVED, article.url) for alias in article.aliases]
    known = list_addresses(before)
    lists = {url: line for url, line in list_addresses(site).items() if url not in known}
    new += [Address(url, *line) for url, line in lists.items()]
    if any(urls.output_path(a.url) in taken for a in new) or any(
            urls.output_path(alias) in taken for alias in alias_targets(site, lists)):
        return None  # (an alias's gone page: the whole way turns it into a redirect)
    return with_lines(text, [f"{address}\n" for address in new])


def ended_lines(text: str, site: Site, ended: Mapping[str, Line]) -> Addresses | None:
    """What the lists at the addresses `ended` (each with its register line, (kind,
    name)) leave in the register `text` as they end in `site` (plan/redirects.py
    `ended_lists`), its lines at and under those addresses read alone; None when the
    whole way must resolve it, or a redirect elsewhere leads to one of them (it would
    end at a gone notice)."""
    old: dict[str, Address] = {}
    for url in ended:
        if f" {MOVED} {url}" in text:
            return None
        # Sorted, its lines and those under it are one run; a build writes the register
        # after its header of comments, so a line never starts the text (found at 0:
        # none, and the whole way reads it).
        start = text.find("\n" + url) + 1
        end = start
        while start and text.startswith(url, end):
            end = text.find("\n", end) + 1 or len(text)
        found, problems = parse_register(text[start:end])
        if problems:
            raise LookupError(f"{REGISTER}: the lines of {url} do not parse")
        old.update(found)
    return ended_lists(site, ended, old)


def deleted_lines(text: str, deleted: Iterable[Article],
                  ended: Addresses | None) -> Addresses | None:
    """What the articles `deleted` (their files removed) leave in the register `text`:
    each address a `gone` line with its file, as plan/redirects.py `resolve` writes it,
    beside the lines of the lists that `ended` with them; None when a redirect leads to
    one (the whole way makes it gone too), or its line is not its article's."""
    register = list(ended.register) if ended is not None else []
    for article in deleted:
        url = article.url
        if f" {MOVED} {url}\n" in text:
            return None
        line = _article_line(text, url)
        if line is None or article_file(line) != article.path:
            return None
        register.append(Address(url, GONE, article.path))
    gone = sorted({*(ended.gone if ended else ()), *(a.url for a in deleted)})
    removed = sorted({*(ended.removed if ended else ()), *(a.url for a in deleted)})
    return Addresses(tuple(sorted(register, key=lambda a: a.url)), True, (), tuple(gone),
                     removed=tuple(removed), renamable=ended.renamable if ended else ())


def files_moved_since(register: Mapping[str, Address], articles: Sequence[Article],
                      renamed: Mapping[str, str]) -> dict[str, OrderKey]:
    """Old path -> order key now of each article whose file moved or was renamed since
    the `register` was written: its address's line names another file (or the file was
    `renamed`, its address changed with it), for the sealed pages' boundaries to follow
    (content/list_pages.py `followed`). A file that holds another story now is among
    them: a page sealed at it was sealed at the story that left it (two stories that
    traded files trade their pages' boundaries)."""
    found: dict[str, OrderKey] = {}
    new_of = {new: old for old, new in renamed.items()}
    for article in articles:
        line = register.get(article.url)
        if line is not None and line.kind in ARTICLES and (
                old := article_file(line)) != article.path:
            found[old] = (article.date, article.path)
        elif article.path in new_of:
            found[new_of[article.path]] = (article.date, article.path)
    return found


def with_moved_files(text: str, moved: Iterable[Article], moved_from: Mapping[str, str]
                     ) -> str | None:
    """The register `text` with the lines of the stories `moved` (as they are now, their
    files moved or renamed, their addresses kept: build/moved_files.py) naming their new
    files, as plan/redirects.py `resolve` writes them (a `late` line keeps its date);
    None when a story's line does not name its old file, or a `gone` line names a new
    one (the whole way makes that address a redirect to the story)."""
    gone_files = _gone_files(text)
    lines = []
    for article in moved:
        url, old = article.url, moved_from[article.path]
        line = _article_line(text, url)
        if line is None or article_file(line) != old or article.path in gone_files:
            return None
        target = (article.path if line.kind == ARTICLE
                  else line.target[:len(line.target) - len(old)] + article.path)
        lines.append(Address(url, line.kind, target))
    return with_replaced(text, lines)


def _article_line(text: str, url: str) -> Address | None:
    """The `article` or `late` line of the register `text` at `url`, read alone (16 MB
    at 100,000 articles: never parsed whole on the quick path); None when it has none or
    it does not read."""
    at = text.find(f"\n{url} ") + 1  # (after the header: see `ended_lines`)
    found, problems = parse_register(text[at:text.find("\n", at) + 1 or len(text)]) \
        if at else ({}, [])
    line = found.get(url)
    return None if problems or line is None or line.kind not in ARTICLES else line


def with_ended(text: str, ended: Addresses) -> str:
    """The register `text` with the lines of lists that ended (`ended_lines`) in place
    of those it had at their addresses."""
    return with_replaced(text, ended.register)


def with_replaced(text: str, lines: Iterable[Address]) -> str:
    """The register `text` with `lines` in place of those it had at their addresses."""
    lines = list(lines)
    for address in lines:
        at = text.find(f"\n{address.url} ") + 1  # (after the header: see `ended_lines`)
        if at:
            text = text[:at] + text[text.find("\n", at) + 1 or len(text):]
    return with_lines(text, [f"{address}\n" for address in lines])


def _gone_files(text: str) -> set[str]:
    """The files of the register `text`'s `gone <file>` lines, in one pass over it (16 MB
    at 100,000 articles: 4 ms; a search per added article took that each)."""
    found: set[str] = set()
    mark = f" {GONE} content/"
    at = text.find(mark)
    while at >= 0:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        found.add(text[at + len(GONE) + 2:end])
        at = text.find(mark, end)
    return found


def renames(held: Sequence[RemovedArticle], register: Mapping[str, Address],
            articles: Sequence[Article],
            published: Callable[[Article], bool] = lambda article: True) -> dict[str, str]:
    """The articles whose file was renamed or moved, old path -> new path, as far as this
    build can tell: a file the `register` names that was removed (`held`: the cache
    keeps them until a build writes the register, cache/removed.py) and an article
    the register does not know yet, with the same date and the same body or title,
    one to one."""
    if not held:
        return {}
    named = {article_file(a) for a in register.values() if a.kind in ARTICLES}
    present = {article.path for article in articles}
    gone: dict[tuple[str, str, object], list[str]] = {}
    for item in held:
        if item.path in named and item.path not in present:
            for key in _identities(item.body_hash, item.title, item.date):
                gone.setdefault(key, []).append(item.path)
    found: dict[str, str] = {}
    if not gone:
        return found
    for article in articles:
        if article.path in named or not published(article) or (
                (line := register.get(article.url)) is not None and line.kind in ARTICLES):
            continue
        for key in _identities(article.body_hash, article.title, article.date):
            old = gone.get(key, [])
            if len(old) == 1 and old[0] not in found:
                found[old[0]] = article.path
                break
    return found


def _identities(body: str, title: str, date: object) -> list[tuple[str, str, object]]:
    # A rename keeps the date: two articles with one boilerplate body are not one.
    return ([("body", body, date)] if body else []) + [("title", title, date)]


def with_lines(text: str, added: Iterable[str]) -> str:
    """The lock file `text` (comment lines, then sorted lines, as builds write them) with
    the `added` lines (each ending in a newline) in their sorted places: what inserting
    them among its lines one by one gives, found by a binary search over the text's line
    starts rather than by splitting it (at 100,000 articles the register is 16 MB: a
    tenth of a quick build went into its 130,000 lines). The quick path hands it only
    texts a build wrote (their keys are compared first), so always sorted ones."""
    if text and not text.endswith("\n"):
        text += "\n"
    start = 0
    while start < len(text):  # (the head: blank lines and comments)
        end = text.find("\n", start) + 1
        if text[start:end].strip() and text[start] != "#":
            break
        start = end
    places = sorted((_place(text, start, line), line) for line in added)
    parts, done = [], 0
    for place, line in places:
        parts += [text[done:place], line]
        done = place
    parts.append(text[done:])
    return "".join(parts)


def _place(text: str, start: int, line: str) -> int:
    """Where `line` goes among the sorted lines of `text` from `start` (a line start):
    the start of the first line not before it."""
    low, high = start, len(text)
    while low < high:  # (both are line starts, or the end)
        middle = text.rfind("\n", low, (low + high) // 2) + 1 or low
        end = text.find("\n", middle) + 1
        if text[middle:end] < line:
            low = end
        else:
            high = middle
    return low
