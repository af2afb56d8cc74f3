"""The preview's shared state and its build thread (the HTTP side is `serve/http.py`,
the assembly with the watcher is `serve_command.Preview`).

Three kinds of threads share one `PreviewState`:

- the watcher (`serve/watch.py`) hands debounced changes to the build thread;
- the build thread runs the ordinary incremental `build` into the preview
  folder, one build at a time, and bumps an epoch counter when it is done;
- the HTTP threads (`serve/http.py`) read files only while no build runs
  (a reader-writer lock: a request that arrives during a rebuild waits for
  it), and the reload channel wakes up on each new epoch.

A failed build writes nothing, so the last good preview stays served; the
problems are kept in the state and shown over every HTML page until a build
succeeds again.
"""

from __future__ import annotations

import json
import queue
import secrets
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path

from generator.build import search
from generator.build.pipeline import BuildOptions, BuildResult, build
from generator.config import load_config
from generator.content import folders
from generator.errors import Problem, Text, WartaError
from generator.messages import Messages
from generator.render.theme import find_theme
from generator.report import Reporter
from generator.serve.reload import reload_message
from generator.serve.watch import Change, ChangeKind, merge

PREVIEW_DIR = ".warta/preview"
# Epochs whose changed files are remembered for clients that reconnect late.
HISTORY = 500

BuildFunction = Callable[[BuildOptions], BuildResult]


class PreviewState:
    """The preview folder's epoch, last problems and build lock, shared by all threads."""

    def __init__(self, root: Path, words: Messages | None = None) -> None:
        self.root = root
        # The overlay's words and the build thread's, in the site's language.
        self.words = words or Messages()
        self.epoch = 0
        self.problems: tuple[Problem, ...] = ()
        # Tells a client of an earlier server process (same tab, restarted server) apart.
        self.instance = secrets.token_hex(4)
        self._cond = threading.Condition()
        self._building = False
        self._readers = 0
        self._stopping = False
        self._history: dict[int, frozenset[str]] = {}

    # Readers: the HTTP threads ------------------------------------------------

    @contextmanager
    def reading(self, timeout: float = 300.0) -> Iterator[None]:
        """Hold off builds while reading the preview; wait for a running build first."""
        with self._cond:
            # A big archive's full rebuild can take minutes: waiting is the point.
            self._cond.wait_for(lambda: not self._building or self._stopping, timeout)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    def token(self) -> str:
        """The current epoch as the browser knows it: `<instance>:<epoch>`."""
        return f"{self.instance}:{self.epoch}"

    @property
    def building(self) -> bool:
        return self._building

    # The writer: the build thread ---------------------------------------------

    def begin_build(self) -> None:
        """Stop new reads, wait for reads in progress to end."""
        with self._cond:
            self._building = True
            self._cond.wait_for(lambda: self._readers == 0)

    def end_build(self, changed: frozenset[str], problems: tuple[Problem, ...]) -> None:
        """Publish a finished build (`problems` non-empty when it failed) and wake everyone."""
        with self._cond:
            self.epoch += 1
            self._history[self.epoch] = changed
            self._history.pop(self.epoch - HISTORY, None)
            self.problems = problems
            self._building = False
            self._cond.notify_all()

    def stop(self) -> None:
        """End every reload channel and release waiting readers."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()

    # The reload channel -----------------------------------------------------------

    def messages(self, since: str, heartbeat: float) -> Iterator[str]:
        """Server-Sent Events for a client whose page was built at epoch token `since`.

        Yields what it missed first (so a build that ended between loading the
        page and connecting is not lost), then one message per build, and a
        comment line every `heartbeat` seconds so a closed tab is noticed.
        """
        with self._cond:
            seen = self._parse(since)
            first = self._catch_up(seen)
            seen = self.epoch
        if first:
            yield first
        while True:
            with self._cond:
                self._cond.wait_for(partial(self._moved_on, seen), heartbeat)
                if self._stopping:
                    return
                if self.epoch == seen:
                    text = ": ping\n\n"
                else:
                    text = self._catch_up(seen)
                    seen = self.epoch
            yield text

    def _moved_on(self, seen: int) -> bool:
        return self.epoch != seen or self._stopping

    def _parse(self, since: str) -> int | None:
        """The epoch a client last saw; None when it cannot be known (another process)."""
        if not since:
            return self.epoch
        instance, _, number = since.partition(":")
        if instance != self.instance or not number.isdigit() or int(number) > self.epoch:
            return None
        return int(number)

    def _catch_up(self, seen: int | None) -> str:
        """The events for every build after epoch `seen` (called with the lock held).

        Every successful build sends `reload`, even one that changed nothing: it is
        what clears the overlay of a tab that showed the previous build's problems.
        """
        text = ""
        if seen is None or seen < self.epoch:
            known = seen is not None and all(
                e in self._history for e in range(seen + 1, self.epoch + 1))
            changed: set[str] = set()
            if known:
                assert seen is not None
                for epoch in range(seen + 1, self.epoch + 1):
                    changed |= self._history[epoch]
            if changed or not known or not self.problems:
                message = reload_message(self.token(), changed if known else None)
                text += _event("reload", self.token(), message)
        if self.problems:
            _ = self.words  # (the catalogue is read only when there are problems)
            problems = [{"text": p.text(_.translate), "path": p.path, "line": p.line,
                         "message": _(p.message), "hint": _(p.hint)} for p in self.problems]
            text += _event("error", self.token(), {"epoch": self.token(), "problems": problems})
        return text


def _event(name: str, event_id: str, payload: object) -> str:
    return f"id: {event_id}\nevent: {name}\ndata: {json.dumps(payload)}\n\n"


def sources_hint(change: Change | None) -> tuple[str, ...] | None:
    """The source files `change` can have touched; None when every source must be
    looked at: the settings changed (records depend on them), a folder moved or was
    deleted (its files were not reported one by one), or nothing says what changed."""
    if change is None or not change.paths or ChangeKind.CONFIG in change.kinds:
        return None
    sources = [p for p in change.paths
               if p == "content" or p.startswith((folders.ARTICLES, folders.PAGES))]
    if any(not p.endswith(".md") or p in (folders.ARTICLES, folders.PAGES) for p in sources):
        return None
    return tuple(sources)


class BuildThread:
    """Runs builds one at a time; changes that queue up during a build become one build."""

    def __init__(self, options: BuildOptions, state: PreviewState, reporter: Reporter,
                 build_function: BuildFunction = build,
                 indexer: SearchIndexer | None = None) -> None:
        self.options = options
        self.state = state
        self.reporter = reporter
        self.build_function = build_function
        self.indexer = indexer
        self._queue: queue.Queue[Change | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="warta-build", daemon=True)
        self._warnings: set[Problem] = set()
        self._looked_at_all = False

    def start(self) -> None:
        self._thread.start()

    def submit(self, change: Change) -> None:
        """Ask for a rebuild (called from the watcher's thread)."""
        self._queue.put(change)

    def stop(self, timeout: float = 10.0) -> None:
        """Let a build in progress finish (its writes are transactional), then end."""
        self._queue.put(None)
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            pending = [item]
            while True:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    return
                pending.append(more)
            self.rebuild(merge(pending))

    def rebuild(self, change: Change | None) -> BuildResult | None:
        """One build into the preview folder; report it; publish a new epoch."""
        self.state.begin_build()
        result: BuildResult | None = None
        problems: tuple[Problem, ...] = ()
        # The watcher names the sources a change touched, so a rebuild need not stat
        # every file; the thread's first build looks at all of them, to catch saves
        # made before the watcher started.
        hint = sources_hint(change) if self._looked_at_all else None
        if change is not None and ChangeKind.CONFIG in change.kinds:
            # `language` may have changed: the overlay and the console follow it.
            self.state.words = self.reporter.messages = Messages(self.options.site_dir)
        try:
            # (The shards the indexer has yet to finish: an edit undone meanwhile would
            # find its shard's folder as this build plans it, and the indexer then
            # writing the edit.)
            indexing = self.indexer.indexing() if self.indexer is not None else ()
            result = self.build_function(replace(self.options, sources_changed=hint,
                                                 indexing=indexing))
        except WartaError as error:
            problems = tuple(error.problems)
        except Exception as error:  # the server must outlive any bug
            # A half-written file can trip code that expects a whole one: show it, go on.
            self.reporter.line(traceback.format_exc().rstrip())
            problems = (Problem("(build)", None, Text("{kind}: {error}",
                                                      kind=type(error).__name__, error=str(error)),
                                Text("this looks like a bug in Warta; the preview keeps the "
                                     "last good build")),)
        finally:
            changed = frozenset(result.written + result.removed) if result else frozenset()
            self.state.end_build(changed, problems)
            # After a failure, look at every source again: the failed build's changes
            # may not have been taken in.
            self._looked_at_all = result is not None
        if result is not None and result.search_work is not None and self.indexer is not None:
            # After the reload was announced: a first build indexes every shard.
            self.indexer.request(result.search_work)
        self._report(change, result, problems)
        return result

    def _report(self, change: Change | None, result: BuildResult | None,
                problems: tuple[Problem, ...]) -> None:
        _ = self.state.words
        what = change.describe() if change else _("first build")
        if result is None:
            self.reporter.problems(problems)
            errors = sum(p.is_error for p in problems)
            self.reporter.line(_("{what}: build failed with {count} problem(s); the browser "
                                 "shows them over the last good preview", what=what,
                                 count=errors))
            return
        new = [w for w in result.warnings if w not in self._warnings]
        self._warnings = set(result.warnings)
        self.reporter.problems(new)
        seconds = f"{result.seconds:.2f}"
        self.reporter.line(_("{what}: {written} written, {removed} removed ({rendered} "
                             "rendered) in {seconds} s", what=what,
                             written=len(result.written), removed=len(result.removed),
                             rendered=result.rendered, seconds=seconds))


class SearchIndexer:
    """Indexes the preview's stale search shards in the background, one run at a time.

    Requests that arrive while Pagefind runs are merged: only the newest is done
    next. Each was made against the shards on disk when its build ran, after the
    run before it had started, so the newest alone brings the index up to date.
    """

    def __init__(self, site_dir: Path, output: Path, reporter: Reporter) -> None:
        self.site_dir = site_dir
        self.output = output
        self.reporter = reporter
        self._lock = threading.Lock()
        self._wanted: search.SearchWork | None = None
        self._running: search.SearchWork | None = None
        self._thread: threading.Thread | None = None

    def indexing(self) -> tuple[tuple[str, str], ...]:
        """The (folder, key) of each shard being indexed or waiting to be, the waiting
        request's last (`BuildOptions.indexing`)."""
        with self._lock:
            works = [w for w in (self._running, self._wanted) if w is not None]
            return tuple((shard.folder, shard.key) for w in works for shard in w.to_index)

    def request(self, work: search.SearchWork) -> None:
        with self._lock:
            self._wanted = work
            # (`_run` clears it under the lock as it ends: a thread still alive then, about
            # to return, would never see this request.)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="warta-search",
                                                daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                work = self._running = self._wanted
                self._wanted = None
                if work is None:
                    self._thread = None  # a request from now on starts another
                    return
            try:
                failure = search.index(work)
            except Exception as error:  # a newer request must still be done
                failure = Problem("output", None, Text("{kind}: {error}",
                                                       kind=type(error).__name__,
                                                       error=str(error)),
                                  Text("this looks like a bug in Warta; the next save "
                                       "indexes the search again"), "warning")
            finally:
                with self._lock:
                    self._running = None
            if failure is not None:
                self.reporter.problems([failure])

    def wait(self, timeout: float = 30.0) -> None:
        """Wait for indexing in progress to finish (tests, shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)


def theme_dir(site_dir: Path) -> Path | None:
    """The folder of the theme the site uses, or None when site.toml is broken."""
    try:
        theme = find_theme(site_dir, load_config(site_dir))
    except WartaError:
        return None  # the site's own folders are watched anyway
    # template_dirs lists the site's own templates/ first when it exists.
    folders = [d for d in theme.template_dirs if d.parent != site_dir]
    return folders[0].parent if folders else None
