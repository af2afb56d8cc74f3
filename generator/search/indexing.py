"""Shards given to Pagefind processes in turn: up to `jobs` at once, each made just
before a process takes it.

A cold build indexes every shard. Its records (the articles' plain text: 400 MB at
100,000 articles) were once made all together before the first Pagefind process
started, and were most of the build's peak memory, beside those processes
(docs/performance.md, "a cold build's peak memory"). Here each shard is made in
the calling thread (where the build's cache connection lives) when a place frees
in a queue of `jobs` places: only the shards being indexed, those waiting and the
one being made exist at once.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")


def in_turn(items: Sequence[Item], jobs: int, make: Callable[[Item], Item],
            index: Callable[[Item, str], str | None], tag: str) -> list[str]:
    """Index each of `items`, made by `make` first, with up to `jobs` threads, until one
    fails; the failures' messages (`index` gives one, or None). `index` is given the
    item and a tag of its thread's own (`tag` and its number)."""
    failures: list[str] = []
    parts = min(max(jobs, 1), len(items))
    if parts <= 1:
        for item in items:
            failure = index(make(item), tag)
            if failure is not None:
                failures.append(failure)
                break
        return failures
    waiting: queue.Queue[tuple[Item] | None] = queue.Queue(parts)

    def run(tag: str) -> None:
        while (taken := waiting.get()) is not None:
            if not failures:  # (after a failure, the items still waiting are left)
                failure = index(taken[0], tag)
                if failure is not None:
                    failures.append(failure)

    threads = [threading.Thread(target=run, args=(f"{tag}-{n}",)) for n in range(parts)]
    for thread in threads:
        thread.start()
    try:
        for item in items:
            if failures:  # the rest waits for the next build
                break
            waiting.put((make(item),))
    finally:
        for _ in threads:
            waiting.put(None)
        for thread in threads:
            thread.join()
    return failures
