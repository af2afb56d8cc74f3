"""Console output behind one class, so logic stays quiet and tests can swap it."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from generator.build.addresses import AddressChanges
from generator.build.article_changes import ArticleChange, ArticleChanges
from generator.build.pipeline import BuildResult
from generator.errors import Problem
from generator.messages import Messages

if TYPE_CHECKING:  # (imported by the build only when it goes the whole way)
    from generator.build.unpublished import Unpublished

MOST_LISTED = 20
"""Articles of one kind (added, changed, moved, removed) named in a summary; the rest
are counted ("… and 12 more")."""
MANY_FILES = 1000
"""A progress bar only for builds of at least this many output files..."""
LONG_BUILD = 1.0
"""... once the build has run this many seconds: a quick edit in a big archive
renders a few pages in a fraction of a second and needs no bar."""


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is a terminal (not a file, a pipe or a CI log)."""
    return hasattr(stream, "isatty") and stream.isatty()


class Reporter:
    """Prints problems, progress and summaries; `quiet` keeps only problems. `messages`
    puts the words around them in the site's language (default: English)."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False,
                 verbose: bool = False, out: TextIO | None = None,
                 messages: Messages | None = None) -> None:
        self.messages = messages or Messages()
        self.stream = stream or sys.stderr
        self.out = out or sys.stdout
        self.quiet = quiet
        self.verbose = verbose
        # The bar goes to `stream` (stderr), so that is the one that must be a terminal:
        # `warta build | tee log` still shows it, `warta build 2>log` keeps it out.
        self._tty = is_terminal(self.stream)
        self._started = time.perf_counter()
        self._drawing = False

    def problems(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        _ = self.messages
        for problem in problems:
            label = _("error") if problem.is_error else _("warning")
            print(f"{label}: {problem.text(_.translate)}", file=self.stream)

    def progress(self, done: int, total: int) -> None:
        """A one-line progress bar on terminals for long builds; nothing elsewhere.

        The write stage calls it every 500 files and once at the end."""
        if self.quiet or not self._tty or total < MANY_FILES:
            return
        elapsed = max(time.perf_counter() - self._started, 1e-6)
        if not self._drawing and (elapsed < LONG_BUILD or done >= total):
            return  # (a bar that would only ever show "done" is noise)
        self._drawing = done < total
        width = 30
        filled = int(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done >= total else ""
        rate = f"{done / elapsed:,.0f}"
        files = self.messages("{done}/{total} files, {rate}/s", done=done, total=total,
                              rate=rate)
        print(f"\r[{bar}] {files}", end=end, file=self.stream, flush=True)

    def summary(self, result: BuildResult, output: str) -> None:
        _ = self.messages
        self.problems(result.warnings)
        if self.verbose:
            for path in result.written:
                print("  " + _("wrote {path}", path=path), file=self.stream)
            for path in result.removed:
                print("  " + _("removed {path}", path=path), file=self.stream)
            print("  " + _("{count} planned pages taken from the previous build",
                           count=result.reused), file=self.stream)
            # (which way it went: a slow build after a small edit went the whole way)
            print("  " + (_("quick path: only what changed was read and planned")
                          if result.quick else
                          _("the whole archive was indexed and planned, not the quick "
                            "path (docs/architecture.md, \"Where a change goes\")")),
                  file=self.stream)
        if not self.quiet:
            for article in result.unpublished:
                print(self.unpublished(article), file=self.out)
            self.articles(result.article_changes, result.addresses)
            if result.rebalanced is not None:  # `--rebalance-pages` (sealed pages)
                print(_("Pages re-balanced: every list paginated afresh, {count} changed.",
                        count=len(result.rebalanced)), file=self.out)
                self.lines(_("re-balanced"), list(result.rebalanced))
            seconds = f"{result.seconds:.2f}"
            print(_("{articles} articles -> {output}: {written} written, {unchanged} "
                    "unchanged, {removed} removed ({parsed} parsed, {rendered} rendered) "
                    "in {seconds} s", articles=result.articles, output=output,
                    written=len(result.written), unchanged=result.unchanged,
                    removed=len(result.removed), parsed=result.parsed,
                    rendered=result.rendered, seconds=seconds), file=self.out)

    def unpublished(self, article: Unpublished) -> str:
        """`unpublished: Title (/url/): now a draft` (or `now dated …, so scheduled`)."""
        _ = self.messages
        date = article.date.isoformat(timespec="minutes")
        why = _("now a draft") if article.draft else _("now dated {date}, so scheduled",
                                                       date=date)
        return _("unpublished: {title} ({url}): {why}", title=article.title,
                 url=article.url, why=why)

    def articles(self, changes: ArticleChanges,
                 addresses: AddressChanges | None = None) -> None:
        """The articles a build added, changed, moved and removed, each kind one line
        per article up to `MOST_LISTED`; a first build's only as a count. Then the
        published addresses that now redirect or are gone and no article line named."""
        _ = self.messages
        addresses = addresses or AddressChanges()
        moves, gone = dict(addresses.moved), set(addresses.gone)
        redirect, notice = _("(redirect kept)"), _("(gone page kept)")
        if changes.first_build is not None:
            print(_("added: {count} articles (first build: not listed one by one)",
                    count=changes.first_build), file=self.out)
        else:
            kinds: tuple[tuple[str, str, tuple[ArticleChange, ...]], ...] = (
                ("added", _("added"), changes.added),
                ("changed", _("changed"), changes.changed),
                ("moved", _("moved"), changes.moved),
                ("removed", _("removed"), changes.removed),
                ("refiled", _("file moved"), changes.refiled))
            for kind, label, found in kinds:
                # Every one is looked at, listed or not, so that its redirect or notice
                # is not listed a second time below.
                items = []
                for article in found:
                    # The register kept a redirect from the old address, or a notice.
                    kept = ""
                    if kind == "moved" and moves.get(article.old_url) == article.url:
                        del moves[article.old_url]
                        kept = " " + redirect
                    elif kind == "removed" and article.url in gone:
                        gone.discard(article.url)
                        kept = " " + notice
                    elif article.old_title:
                        kept = " " + _("(headline was: {title})", title=article.old_title)
                    items.append(f"{article}{kept}")
                self.lines(label, items)
        self.lines(_("moved"), [f"{old} \u2192 {new} {redirect}"
                                for old, new in sorted(moves.items())])
        self.lines(_("gone"), [f"{url} {notice}" for url in sorted(gone)])
        if addresses.renamable:
            print(_("gone: a tag or an author renamed? Map the old name to the new one in "
                    "[tag_aliases] or [authors] of site.toml, and the old page redirects"),
                  file=self.out)
        self.lines(_("ended"), [f"{url} " + _("(410 by the host rules)")
                                for url in addresses.ended])

    def lines(self, kind: str, found: list[str]) -> None:
        """`kind: item` for each of `found` up to `MOST_LISTED`, then a count."""
        for item in found[:MOST_LISTED]:
            print(f"{kind}: {item}", file=self.out)
        if len(found) > MOST_LISTED:
            more = self.messages("\u2026 and {count} more", count=len(found) - MOST_LISTED)
            print(f"{kind}: {more}", file=self.out)

    def line(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.out)
