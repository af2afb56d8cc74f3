"""The two files a build keeps with the content, as lock files: the register of
published addresses (content/published-urls.txt) and the sealed pages
(content/list-pages.txt). A build on a CI machine that changes them says so: unless
they are committed back, the next build there starts from the committed ones and
does not know the addresses this one published (docs/deploy.md, "When the editors
do not build")."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.build.addresses import read_text
from generator.content.list_pages import LIST_PAGES
from generator.content.register import REGISTER
from generator.errors import Problem, Text

LOCK_FILES = (REGISTER, LIST_PAGES)


def lock_texts(site_dir: Path) -> tuple[str | None, ...]:
    """The lock files' texts as they are on disk now (None: no file)."""
    return tuple(read_text(site_dir, name) for name in LOCK_FILES)


def changed_on_ci(before: tuple[str | None, ...], site_dir: Path,
                  environ: Mapping[str, str]) -> list[Problem]:
    """A warning for each lock file a build changed since `before`, when `environ` is a
    CI machine's (`CI` set, as GitHub Actions, Netlify and Cloudflare Pages set it)."""
    if environ.get("CI", "").strip().lower() in ("", "0", "false", "no", "off"):
        return []
    return [Problem(name, None, Text("this build on a CI machine changed the file"),
                    Text("commit it back, or the next build there will not know the "
                         "addresses this one published (docs/deploy.md, \"When the "
                         "editors do not build\")"), "warning")
            for name, old, new in zip(LOCK_FILES, before, lock_texts(site_dir), strict=True)
            if new != old]
