"""Rendering planned pages, in worker processes when there are many.

A cold build of 10,000 articles renders 15,000 pages; Jinja2 is pure Python,
so the work is spread over processes: the main one and `jobs - 1` workers
forked from it. Each worker is set up once with the site's metadata, renders
chunks of pages, stages the changed files itself and sends back only file
names, never page bytes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.cache.bodies import BodyReader
from generator.plan.planner import Page
from generator.plan.site import Site
from generator.render.renderer import Renderer
from generator.render.theme import ThemeFiles
from generator.render.write import Stager

# Below this many pages, starting processes costs more than it saves.
PARALLEL_THRESHOLD = 400
CHUNK = 100


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker needs to render pages of one build."""

    theme: ThemeFiles
    """Templates, static files and catalogs."""
    site: Site
    """The site's metadata (no bodies)."""
    site_dir: str
    """The site folder, for error messages."""
    cache_file: str
    """The build cache, where bodies are read from."""
    output: str
    """The output folder (compared with, never written)."""
    staging: str
    """Where changed files are staged."""
    dry_run: bool
    """Render but stage nothing."""
    fresh: bool = False
    """The output folder is empty: stage its whole tree (see `write.Stager`)."""


BodyOf = Callable[[str], str]
BodiesOf = Callable[[list[str]], dict[str, str]]
"""The cached bodies of many sources at once (those it has), by path."""


def render_pages(job: RenderJob, pages: list[Page], jobs: int, body_of: BodyOf,
                 renderer: Renderer, stager: Stager,
                 bodies_of: BodiesOf | None = None) -> Iterator[tuple[str, bool]]:
    """Render `pages`; yield each output path with whether its bytes changed.

    `bodies_of`, when given, reads the bodies a chunk of pages shows at once;
    `body_of` gives the others."""
    def here(chunk: list[Page]) -> Iterator[tuple[str, bool]]:
        return _rendered(chunk, renderer, body_of, stager, bodies_of)

    if jobs <= 1 or len(pages) < PARALLEL_THRESHOLD:
        yield from here(pages)
        return
    # Imported here: multiprocessing costs a no-change build 15 ms to import.
    from concurrent.futures import Future, ProcessPoolExecutor

    # The main process is one of the `jobs` renderers. A forked worker shares the
    # parent's memory only until it touches an object: reading an article writes its
    # reference count and copies the page, and rendering touches every article, so
    # each worker ends up with a private copy of most of the site (470 MB each at
    # 100,000 articles). One worker fewer is one copy fewer.
    chunks = deque(pages[i:i + CHUNK] for i in range(0, len(pages), CHUNK))
    running: deque[tuple[Future[list[tuple[str, bool]]], list[Page]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs - 1, initializer=_start_worker,
                             initargs=(job,)) as pool:
        while chunks or running:
            # Keep the workers fed (deep enough that they never wait on this busy
            # process's threads), take what they finished, render a chunk here.
            while chunks and len(running) < 8 * (jobs - 1):
                # Workers take from the end, this process from the start: the plan
                # lists the list pages first, and a card is rendered once per process
                # that shows it (a third of a list page's time), so the lists stay
                # here as far as the work allows.
                chunk = chunks.pop()
                running.append((pool.submit(_render_chunk, chunk), chunk))
            while running and running[0][0].done():
                yield from running.popleft()[0].result()
            if chunks:
                yield from here(chunks.popleft())
            elif running and running[-1][0].cancel():  # not started: sooner done here
                yield from here(running.pop()[1])
            elif running:
                yield from running.popleft()[0].result()


class _Worker:
    """What one worker process keeps between chunks."""

    def __init__(self, job: RenderJob) -> None:
        self.renderer = Renderer(job.theme, job.site, Path(job.site_dir))
        self.stager = Stager(job.output, job.staging, job.dry_run, job.fresh)
        self.bodies = BodyReader(Path(job.cache_file))

    def body(self, path: str) -> str:
        body = self.bodies.body(path)
        if body is None:
            raise LookupError(f"no cached body for {path}")
        return body


# Set once per worker process by the pool's initializer; never used in the
# main process.
_worker: _Worker | None = None


def _start_worker(job: RenderJob) -> None:
    global _worker
    _worker = _Worker(job)


def _render_chunk(pages: list[Page]) -> list[tuple[str, bool]]:
    worker = _worker
    assert worker is not None, "worker not initialised"
    return list(_rendered(pages, worker.renderer, worker.body, worker.stager,
                          worker.bodies.bodies))


def _rendered(pages: list[Page], renderer: Renderer, body_of: BodyOf, stager: Stager,
              bodies_of: BodiesOf | None = None) -> Iterator[tuple[str, bool]]:
    # With `bodies_of`, one query per chunk of article pages: a query apiece costs
    # SQLite a lock, a look for a journal and a read of the file each time. (A chunk
    # at a time: the bodies of a whole archive would not fit in memory.)
    articles = renderer.site.articles
    size = CHUNK if bodies_of is not None else max(1, len(pages))
    for start in range(0, len(pages), size):
        chunk = pages[start:start + size]
        body = body_of
        if bodies_of is not None:
            body = partial(_fetched_or, bodies_of([
                articles[p.article].path for p in chunk
                if p.article is not None and p.kind == "article"]), body_of)
        for page in chunk:
            html = renderer.render(page, body).encode("utf-8")
            yield page.output, stager.put(page.output, html)


def _fetched_or(fetched: dict[str, str], body_of: BodyOf, path: str) -> str:
    found = fetched.get(path)
    return found if found is not None else body_of(path)
