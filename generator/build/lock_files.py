"""The two files a build keeps with the content, as lock files: the register of
published addresses (content/published-urls.txt) and the sealed pages
(content/list-pages.txt). A build on a CI machine that changes them says so: unless
they are committed back, the next build there starts from the committed ones and
does not know the addresses this one published (docs/deploy.md, "When the editors
do not build")."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from generator.content.list_pages import LIST_PAGES
from generator.content.register import REGISTER
from generator.errors import Problem, Text

LOCK_FILES = (REGISTER, LIST_PAGES)


Stamps = tuple[tuple[int, int] | None, ...]
"""Each lock file's inode and modification time (None: no file). A build replaces a
file it changes (build/addresses.py `write_text`), never one it leaves as it was: a
stat tells, where reading the register (15 MB at 100,000 articles) twice would cost
every build."""


def on_ci(environ: Mapping[str, str]) -> bool:
    """Whether `environ` is a CI machine's (`CI` set, as GitHub Actions, Netlify and
    Cloudflare Pages set it)."""
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


def lock_stamps(site_dir: Path) -> Stamps:
    """The lock files' `Stamps` as they are on disk now."""
    found: list[tuple[int, int] | None] = []
    for name in LOCK_FILES:
        try:
            stat = os.stat(site_dir / name)
        except FileNotFoundError:
            found.append(None)
        else:
            found.append((stat.st_ino, stat.st_mtime_ns))
    return tuple(found)


def changed_on_ci(before: Stamps | None, site_dir: Path) -> list[Problem]:
    """A warning for each lock file a build changed since `before` (taken on a CI
    machine only: None elsewhere, nothing to say)."""
    if before is None:
        return []
    return [Problem(name, None, Text("this build on a CI machine changed the file"),
                    Text("commit it back, or the next build there will not know the "
                         "addresses this one published (docs/deploy.md, \"When the "
                         "editors do not build\")"), "warning")
            for name, old, new in zip(LOCK_FILES, before, lock_stamps(site_dir), strict=True)
            if new != old]
