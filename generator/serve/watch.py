"""Watching a site's sources: watchdog events become debounced, classified changes.

An editor's save is often several events (vim writes a `4913` probe, renames
the old file to `name~`, writes the new one); the watcher waits for a quiet
period and hands over one `Change` for the whole burst. Classifying is for
the log and the browser (a CSS-only change can swap stylesheets); which pages
to re-render is the build's business, decided from its cache.

Only the source folders are watched, never the site root recursively: the
preview and output folders hold one folder per article, enough to exhaust the
inotify watch limit on a big archive, and their writes would echo back as
changes.
"""

from __future__ import annotations

import enum
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.content import folders

# Folders of a site (and of a theme) whose files are sources of the build.
WATCHED_FOLDERS = ("content", "templates", "static", "locales", "themes")
CONFIG_FILE = "site.toml"
# Events that mean "the bytes or the name changed"; opening or reading a file
# (which the build itself does) must not trigger a rebuild.
_CHANGE_EVENTS = {"created", "modified", "deleted", "moved", "closed"}
_IGNORED_FOLDERS = {".warta", "output", ".git", "__pycache__", "node_modules"}


class ChangeKind(enum.Enum):
    """What kind of source a changed path is, in the order of what it costs to rebuild."""

    MEDIA = "media"
    STATIC = "static"
    ARTICLE = "article"
    PAGE = "page"
    TEMPLATE = "template"
    CONFIG = "config"


@dataclass(frozen=True)
class Change:
    """One debounced burst of source changes."""

    paths: tuple[str, ...]
    """Changed paths relative to the site (POSIX), sorted, without duplicates."""
    kinds: frozenset[ChangeKind]
    """The kinds of those paths."""

    @property
    def css_only(self) -> bool:
        """True when only stylesheets changed: the browser can swap them without a reload."""
        return self.kinds == {ChangeKind.STATIC} and all(p.endswith(".css") for p in self.paths)

    def describe(self) -> str:
        """A one-line summary for the console, e.g. `article content/articles/a.md`."""
        if not self.paths:
            return "saves made during the first build"
        kinds = ", ".join(sorted(k.value for k in self.kinds))
        shown = ", ".join(self.paths[:3])
        more = f" and {len(self.paths) - 3} more" if len(self.paths) > 3 else ""
        return f"{kinds}: {shown}{more}"


def is_editor_temp(name: str) -> bool:
    """True for the scratch files editors write next to the file being saved."""
    return (name.endswith(("~", ".swp", ".swx", ".swo", ".tmp", ".part"))
            or name.startswith((".#", "#")) or name == "4913" or name.startswith("."))


def classify(relative: str, is_directory: bool = False) -> ChangeKind | None:
    """The kind of a changed path relative to the site; None when the build ignores it."""
    parts = PurePosixPath(relative).parts
    if not parts or any(p in _IGNORED_FOLDERS for p in parts) or is_editor_temp(parts[-1]):
        return None
    if parts == (CONFIG_FILE,):
        return ChangeKind.CONFIG
    if parts[0] == "themes":
        # themes/<name>/templates/... is a site-local theme: same rules, one level down.
        if len(parts) < 3:
            return ChangeKind.TEMPLATE if is_directory else None
        parts = parts[2:]
        if parts[0] not in ("templates", "static", "locales"):
            return None
    return _classify_source(parts, is_directory)


def _classify_source(parts: tuple[str, ...], is_directory: bool) -> ChangeKind | None:
    top = parts[0]
    if top in ("templates", "locales"):
        # UI strings change the text of every page, like a template does.
        return ChangeKind.TEMPLATE
    if top == "static":
        return ChangeKind.STATIC
    path = "/".join(parts)
    for prefix, kind in ((folders.ARTICLES, ChangeKind.ARTICLE), (folders.PAGES, ChangeKind.PAGE)):
        if path == prefix or path.startswith(prefix + "/"):
            # A folder moved or deleted takes its articles with it; other files are ignored
            # by the build, so they are ignored here too.
            return kind if is_directory or path.endswith(".md") else None
    if path == folders.MEDIA or path.startswith(folders.MEDIA + "/"):
        return ChangeKind.MEDIA
    if path == "content" and is_directory:
        return ChangeKind.ARTICLE
    return None


def merge(changes: Iterable[Change]) -> Change:
    """Several changes as one (the build thread coalesces what queued up while it built)."""
    paths: set[str] = set()
    kinds: set[ChangeKind] = set()
    for change in changes:
        paths.update(change.paths)
        kinds.update(change.kinds)
    return Change(tuple(sorted(paths)), frozenset(kinds))


@dataclass(frozen=True)
class WatchRoot:
    """A folder to watch and how its paths read relative to the site."""

    folder: Path
    """The absolute folder."""
    prefix: str
    """What to put before a path inside it to make it site-relative (e.g. `content`)."""
    recursive: bool = True
    """False for the site root itself, watched only for `site.toml`."""


def watch_roots(site_dir: Path, theme_dir: Path | None = None) -> list[WatchRoot]:
    """The site root (for site.toml), its source folders, and a theme outside the site."""
    site = site_dir.resolve()
    roots = [WatchRoot(site, "", recursive=False)]
    roots += [WatchRoot(site / name, name) for name in WATCHED_FOLDERS if (site / name).is_dir()]
    if theme_dir is not None:
        theme = theme_dir.resolve()
        if not theme.is_relative_to(site):
            # A bundled theme: its files read as if the site had it in themes/<name>/.
            roots.append(WatchRoot(theme, f"themes/{theme.name}"))
    return roots


Callback = Callable[[Change], None]


class Watcher:
    """Watches the roots; calls `on_change` from its own thread after each quiet period."""

    def __init__(self, roots: list[WatchRoot], on_change: Callback, quiet: float = 0.1,
                 max_delay: float = 1.0) -> None:
        self.roots = roots
        self.on_change = on_change
        self.quiet = quiet
        # A file rewritten without pause (a log, a sync tool) still gets built now and then.
        self.max_delay = max_delay
        self._events: queue.Queue[tuple[str, ChangeKind] | None] = queue.Queue()
        self._seen: dict[str, tuple[int, int]] = {}
        self._observer = Observer()
        self._thread = threading.Thread(target=self._debounce, name="warta-watch-debounce",
                                        daemon=True)
        self._stopping = threading.Event()
        self._handler = _Handler(self)

    def start(self) -> None:
        _quiet_stop_race()
        for root in self.roots:
            self._observer.schedule(self._handler, str(root.folder), recursive=root.recursive)
        self._observer.start()
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """End the observer and the debounce thread (pending events are dropped)."""
        self._stopping.set()
        self._events.put(None)
        self._observer.stop()
        self._observer.join(timeout)
        self._thread.join(timeout)

    # Called from the observer thread ----------------------------------------

    def record(self, absolute: str, is_directory: bool, event_type: str) -> None:
        relative = self._relative(absolute)
        if relative is None:
            return
        kind = classify(relative, is_directory)
        if kind is None:
            return
        if is_directory and relative in WATCHED_FOLDERS and event_type in ("created", "moved"):
            self._watch_new_folder(Path(absolute), relative)
        if event_type in ("modified", "closed") and not self._content_changed(absolute):
            # Reading a file can touch its atime, which inotify reports as a modification.
            return
        self._events.put((relative, kind))

    def _watch_new_folder(self, folder: Path, name: str) -> None:
        """Watch a source folder created after the start (a first `static/`, say)."""
        if not folder.is_dir() or any(r.folder == folder for r in self.roots):
            return
        self.roots.append(WatchRoot(folder, name))
        self._observer.schedule(self._handler, str(folder), recursive=True)

    def _relative(self, absolute: str) -> str | None:
        path = Path(absolute)
        for root in self.roots:
            if path == root.folder or path.is_relative_to(root.folder):
                inner = path.relative_to(root.folder).as_posix()
                if not root.recursive and "/" in inner:
                    continue
                parts = [p for p in (root.prefix, inner) if p and p != "."]
                return "/".join(parts) or None
        return None

    def _content_changed(self, absolute: str) -> bool:
        try:
            stat = os.stat(absolute)
        except OSError:
            return True
        signature = (stat.st_size, stat.st_mtime_ns)
        if self._seen.get(absolute) == signature:
            return False
        self._seen[absolute] = signature
        return True

    # The debounce thread ----------------------------------------------------

    def _debounce(self) -> None:
        while not self._stopping.is_set():
            first = self._events.get()
            if first is None:
                return
            batch = [first]
            started = time.monotonic()
            while time.monotonic() - started < self.max_delay:
                try:
                    item = self._events.get(timeout=self.quiet)
                except queue.Empty:
                    break
                if item is None:
                    return
                batch.append(item)
            paths = tuple(sorted({p for p, _ in batch}))
            self.on_change(Change(paths, frozenset(k for _, k in batch)))


def _drop_stop_race(record: logging.LogRecord) -> bool:
    return "called when the thread is inactive" not in record.getMessage()


def _quiet_stop_race() -> None:
    """Hide watchdog's log line for an event that arrives while the observer stops.

    It is harmless (the event is dropped, as we want) but lands on the terminal
    as an error just as the editor presses Ctrl-C.
    """
    inotify = logging.getLogger("watchdog.observers.inotify")
    if _drop_stop_race not in inotify.filters:
        inotify.addFilter(_drop_stop_race)


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGE_EVENTS:
            return
        if event.is_directory and event.event_type in ("modified", "closed"):
            # A folder's mtime changes with its children, which have events of their own.
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                self.watcher.record(os.fsdecode(path), event.is_directory, event.event_type)
