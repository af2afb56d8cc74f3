"""What answers at every address the site has published: the next register, the
redirect and gone pages it needs, and the redirect rules for the hosts.

`resolve` compares the register the last build left (content/register.py) with
the site as it is now. An address where a page of the site answers stays live;
one whose article or page is now elsewhere (a slug edited, a date moved to
another month, the file renamed, the URL pattern changed) becomes a redirect to
its new address; a tag that `[tag_aliases]` now maps to another redirects to
it, as does an author's old name kept as a key of `[authors]` (even when the
alias comes after the page was gone); a deleted article's address becomes
"gone". A redirect always points at the
final address (chains are followed when resolving), and `aliases:` of articles
claim their addresses first.

`plan_addresses` plans the pages (an HTML refresh, or the gone notice) and
`host_files` the rules: `_redirects` (Netlify, Cloudflare Pages), `.htaccess`
(Apache) and an nginx `map` include, each with status 301 or 410.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from generator import urls
from generator.content.register import (
    ARTICLE,
    ARTICLES,
    GONE,
    INDEX,
    INDEXES,
    LATE,
    LISTS,
    LIVE,
    MOVED,
    PAGE,
    REGISTER,
    Address,
    article_file,
    late_target,
    normal_address,
)
from generator.errors import Problem, Text
from generator.plan.list_addresses import (
    ARCHIVE_TITLE,
    FEED_FILE,
    Boundaries,
    Comebacks,
    Line,
    alias_targets,
    index_addresses,
    index_ended,
    list_addresses,
    list_ended,
    list_of,
    numbered_ended,
    renamable,
    revived,
)
from generator.plan.site import Site

GONE_PAGE = "/410.html"
"""The notice the host rules serve with status 410 (one for every gone address)."""
HTACCESS = "/.htaccess"
NGINX = "/nginx-redirects.conf"


@dataclass(frozen=True)
class Redirect:
    """A register address that leads elsewhere, as planned."""

    url: str
    """The old address."""
    to: str
    """The address it leads to (always a final one)."""
    title: str
    """What is there: an article's title, a tag's name."""
    article: int | None
    """The article it leads to (index into `Site.articles`), if it is one."""


@dataclass(frozen=True)
class Addresses:
    """The register after this build, and what it changes."""

    register: tuple[Address, ...]
    """Every address ever published, sorted, as this build leaves them; empty when
    `changed` is False (the register stays as it was)."""
    changed: bool
    """Whether `register` differs from the one the build started from."""
    redirects: tuple[Redirect, ...]
    """Redirects to plan (the addresses `aliases:` claim are planned by the alias
    mechanism, plan/feeds_and_lists.py)."""
    gone: tuple[str, ...]
    """Addresses of deleted articles, pages and tags, sorted."""
    moved: tuple[tuple[str, str], ...] = ()
    """(old, new) of the addresses that this build turned into redirects."""
    removed: tuple[str, ...] = ()
    """The addresses that this build turned into gone notices."""
    renamable: tuple[str, ...] = ()
    """Those of `removed` that are a tag's or an author's own address, which an alias
    added later would lead on (`list_addresses.renamable`)."""
    problems: tuple[Problem, ...] = ()
    """Redirect loops among the register's lines."""

    def links(self) -> tuple[tuple[str, str], ...]:
        """The (from, to) pairs of the host rules; `to` is empty for a gone address."""
        return (tuple((r.url, r.to) for r in self.redirects)
                + tuple((url, "") for url in self.gone))


def live_addresses(site: Site, lists: Mapping[str, Line]) -> dict[str, Line]:
    """The addresses where a page of `site` answers: articles (`late` for a story filed
    late), static pages, the lists' own addresses (`lists`: `list_addresses`) and the
    indexes the settings publish (`index_addresses`)."""
    live = {a.url: (ARTICLE, a.path) for a in site.articles}
    live.update((site.articles[i].url, (LATE, late_target(after, site.articles[i].path)))
                for i, after in site.late.items())
    live.update(index_addresses(site))
    live.update((p.url, (PAGE, p.path)) for p in site.pages)
    live.update(lists)
    return live


def resolve(site: Site, old: Mapping[str, Address],
            renamed: Mapping[str, str] | None = None, found: Boundaries | None = None,
            given: Boundaries | None = None, served: Collection[str] = ()) -> Addresses:
    """The register after a build of `site`, from the register `old` it started with;
    `renamed` maps the old path of an article file renamed since to its new one.
    `found`: the sealed pages' boundaries the build found (content/list-pages.txt), so
    a list that ends leaves as many numbered pages as it had; `given`: those the plan
    paginates from (none when rebalancing), so a list that comes back takes back the
    numbers it answers again (plan/list_addresses.py). `served`: the indexes' addresses
    (`register.INDEXES`) whose page the output folder holds, for a register written
    before it named them: switched off in the first build that reads it, they keep
    their address as if it had."""
    lists = list_addresses(site)
    live = live_addresses(site, lists)
    missing = {url: name for name, url in INDEXES.items()
               if url in served and url not in old and url not in live}
    if missing:
        old = {**old, **{url: Address(url, INDEX, name) for url, name in missing.items()}}
    aliases = {normal_address(alias): a.url for a in site.articles for alias in a.aliases}
    now = dict(live)
    for alias, url in aliases.items():
        now.setdefault(alias, (MOVED, url))
    renamed = renamed or {}
    where: dict[str, str] | None = None
    named = {line: url for url, line in lists.items()}
    ended: list[str] = []
    comebacks = Comebacks(site, given or {})
    targets, outputs = alias_targets(site, live), site.config.outputs
    for url, before in old.items():
        if url in now:
            if before.kind in LISTS and now[url][0] not in LISTS:
                ended.append(url)  # (an alias or a page took its address)
            continue
        if before.kind in ARTICLES or before.kind == PAGE or (before.kind == GONE
                                                               and before.target):
            # (Gone, its file kept: published again elsewhere, or renamed since, the
            # address leads there.)
            if where is None:
                where = {a.path: a.url for a in site.articles}
                where.update((p.path, p.url) for p in site.pages)
            path = before.target if before.kind == GONE else article_file(before)
            moved_to = where.get(path) or where.get(renamed.get(path, ""))
            now[url] = (MOVED, moved_to) if moved_to else (GONE, path)
        elif before.kind in LISTS:
            now[url] = list_ended(site, live, named, before.kind, before.target)
            if now[url][0] == GONE and url in targets:  # (as `revived` would, a build later)
                now[url] = (MOVED, targets[url][1])
            ended.append(url)
        elif before.kind == INDEX:
            now[url] = index_ended(before.target)
        elif before.kind == GONE and (line := revived(url, targets, outputs, live)) is not None:
            now[url] = line  # (a tag or author renamed after its page was gone)
        elif (base := list_of(url, live)) is None or not comebacks.answers_again(
                url, base, live[base][0]):
            now[url] = (before.kind, before.target)
        # (else: the list came back, and answers there again)
    for url in ended:
        numbered_ended(site, live, now, url, old[url].kind, len((found or {}).get(url, ())))
    problems = _final(now, old)
    return _addresses(site, now, old, aliases, problems, lists)


def _final(now: dict[str, Line], old: Mapping[str, Address]) -> tuple[Problem, ...]:
    """Point every redirect of `now` at its final address, in place; a chain ending
    nowhere becomes gone (with the file of the gone address it ends at, if any). A
    loop (only hand edits of the register make one) is a problem naming its lines."""
    problems = []
    for url, (kind, first) in now.items():
        if kind != MOVED:
            continue
        seen = [url]
        to = first
        while (next_ := now.get(to)) is not None and next_[0] == MOVED:
            if to in seen:
                lines = ", ".join(str(old[u].line) for u in seen if u in old)
                problems.append(Problem(REGISTER, old[url].line if url in old else None,
                                        Text("the redirects {chain} loop (lines {lines})",
                                             chain=" -> ".join([*seen, to]), lines=lines),
                                        Text("make one of them `gone`, or point it at a "
                                             "page")))
                break
            seen.append(to)
            to = next_[1]
        target = now.get(to)
        if target is not None and target[0] == GONE:
            now[url] = (GONE, target[1])
        elif to != first:
            now[url] = (MOVED, to)
    return tuple(problems)


def _addresses(site: Site, now: dict[str, Line], old: Mapping[str, Address],
               aliases: Mapping[str, str], problems: tuple[Problem, ...],
               lists: Mapping[str, Line]) -> Addresses:
    redirects, gone, moved, removed, renamed = [], [], [], [], []
    index: dict[str, int] | None = None
    titles = {url: name for url, (_, name) in lists.items()}
    titles.update((p.url, p.title) for p in site.pages)
    titles[urls.ARCHIVE] = ARCHIVE_TITLE
    for url in sorted(url for url, (kind, _) in now.items() if kind not in LIVE):
        kind, target = now[url]
        before = old.get(url)
        if kind == MOVED:
            if before is not None and (before.kind in LIVE or before.kind == GONE):
                moved.append((url, target))
            if url in aliases:
                continue  # the alias mechanism plans it
            if index is None:
                index = {a.url: n for n, a in enumerate(site.articles)}
            article = index.get(target)
            title = (site.articles[article].title if article is not None
                     else titles.get(target, target))
            redirects.append(Redirect(url, target, title, article))
        else:
            gone.append(url)
            if before is not None and before.kind in LIVE:
                removed.append(url)
                if renamable(site, before.kind, before.target):
                    renamed.append(url)
    changed = len(now) != len(old) or any(
        (before := old.get(url)) is None or before.kind != kind or before.target != target
        for url, (kind, target) in now.items())
    register = tuple(Address(url, *now[url]) for url in sorted(now)) if changed else ()
    return Addresses(register, changed, tuple(redirects), tuple(gone), tuple(moved),
                     tuple(removed), tuple(renamed), problems)


def ended_lists(site: Site, ended: Mapping[str, Line],
                old: Mapping[str, Address]) -> Addresses | None:
    """What `resolve` makes of the register when the lists at the addresses `ended` (each
    with its register line, (kind, name)) end in `site` with no sealed page, and nothing
    else changes: the quick path's (build/quick.py). `old`: the register's lines at
    those addresses and under them. Each address, its first numbered page and its feed
    answer the gone notice; `register` holds their lines alone. None when one of them
    would lead elsewhere (a tag `[tag_aliases]` maps to a list the site has, a section
    renamed, a month's year) or has a line of its own (a list that ended before and
    came back): the whole way resolves those."""
    live = list_addresses(site)
    named = {line: url for url, line in live.items()}
    targets = alias_targets(site, live)
    now: dict[str, Line] = {}
    for url, (kind, name) in ended.items():
        if (url in live or url in targets or old.get(url) != Address(url, kind, name)
                or any(other != url and other.startswith(url) for other in old)):
            return None
        now[url] = list_ended(site, live, named, kind, name)
        if now[url] != (GONE, ""):
            return None
        numbered_ended(site, live, now, url, kind, sealed=0)
    removed = tuple(sorted(ended))
    return Addresses(tuple(Address(url, *now[url]) for url in sorted(now)), True, (),
                     tuple(sorted(now)), removed=removed, renamable=tuple(
                         url for url in removed if renamable(site, *ended[url])))


class Adding(Protocol):
    """The planner's `add` (plan/planner.py)."""

    def add(self, url: str, kind: str, template: str, title: str, **fields: Any) -> None:
        """Plan the page at `url`."""


def plan_addresses(plan: Adding, addresses: Addresses, data_key: str) -> None:
    """The redirect pages (an HTML refresh: any host) and gone notices of `addresses`;
    none at a feed's address (a list's that ended), which only the host rules answer:
    a feed reader follows neither an HTML refresh nor a notice."""
    for redirect in addresses.redirects:
        if redirect.url.endswith(FEED_FILE):
            continue
        if redirect.article is not None:  # as an alias's page: the title follows edits
            plan.add(redirect.url, "redirect", "redirect.html", redirect.title,
                     own=redirect.to, shared=data_key, article=redirect.article)
        else:
            plan.add(redirect.url, "moved", "moved.html", redirect.title, shared=data_key,
                     links=((redirect.url, redirect.to),))
    for url in addresses.gone:
        if not url.endswith(FEED_FILE):
            plan.add(url, "gone", "gone.html", "Page removed")


def ended_feeds(site: Site) -> tuple[str, ...]:
    """The folders whose lists' feeds answer 410: `/tag/` when the site has tags and
    feeds but no tag feeds (`[outputs] tag_feeds`), so that a tag feed published before
    the switch (it was on by default until 2026-12) ends with 410, not 404. (With
    `feeds = false` every feed's address answers 404, the tags' as the site's.)"""
    outputs = site.config.outputs
    return (urls.TAGS,) if site.tags and outputs.feeds and not outputs.tag_feeds else ()


def ended_addresses(site: Site, removed: Iterable[str]) -> tuple[str, ...]:
    """The addresses of the feeds among `removed` (output paths) that the host rules
    now answer with 410 (`ended_feeds`): the summary names them."""
    folders = tuple(folder.lstrip("/") for folder in ended_feeds(site))
    return tuple(sorted(
        "/" + path for path in removed
        if path.endswith("/feed.xml") and path.startswith(folders) and path.count("/") == 2))


def host_files(plan: Adding, links: Iterable[tuple[str, str]], data_key: str,
               ended: tuple[str, ...] = ()) -> None:
    """The redirect rules for each kind of host, from (from, to) pairs (`to` empty: gone,
    status 410 with the notice at `GONE_PAGE`) and the folders whose feeds `ended`,
    and the notice when a rule serves it; nothing when there are none. (Every plan
    calls it with every pair, the quick path's too: a site's first tag turns the
    feeds' rule on.)"""
    ordered = tuple(sorted(links))
    if not ordered and not ended:
        return
    for url, template in ((urls.REDIRECTS, "redirects.txt"), (HTACCESS, "htaccess.txt"),
                          (NGINX, "nginx-redirects.txt")):
        plan.add(url, "redirects", template, "", shared=data_key, links=ordered, ended=ended)
    if ended or not all(to for _, to in ordered):
        plan.add(GONE_PAGE, "gone", "gone.html", "Page removed")
