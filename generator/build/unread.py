"""Files under content/articles/ and content/pages/ that Warta does not read, for
`warta check`: a story saved as `banjir.markdown` or `BANJIR.MD`, or a Word file
dropped beside the stories, is never published, and nothing said so. (A build does
not look: its scan of 100,000 sources is kept to the `.md` files it reads.)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from generator.content import folders
from generator.errors import Problem, Text

MARKDOWN = (".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn")
"""Endings of a Markdown file other editors save, which Warta reads as `.md`."""


def unread_problems(paths: Iterable[str]) -> list[Problem]:
    """A warning for each of the files `paths` (site-relative, under the sources'
    folders) that Warta does not read: not `.md`, and not a hidden file (`.DS_Store`)."""
    problems = []
    for path in sorted(paths):
        name = path.rsplit("/", 1)[-1]
        if name.endswith(".md") or name.startswith("."):
            continue
        lower = name.lower()
        stem = next((name[:-len(end)] for end in (".md", *MARKDOWN) if lower.endswith(end)),
                    None)
        hint = (Text("rename it {name}", name=stem + ".md") if stem is not None
                else Text("move a raw text out of content/ and make it a story with "
                          "`warta import`, or rename it {name} if it starts with `---` and "
                          "its frontmatter", name=name[:-4] + ".md") if lower.endswith(".txt")
                else Text("put photos and documents in {media}/", media=folders.MEDIA))
        problems.append(Problem(
            path, None, Text("Warta does not read this file: it reads `.md` files here"),
            hint, severity="warning"))
    return problems


def unread_files(site_dir: Path) -> list[Problem]:
    """`unread_problems` of the files under the sources' folders (not in hidden ones)."""
    found = []
    for folder in (folders.ARTICLES, folders.PAGES):
        for root, dirs, files in os.walk(site_dir / folder):
            dirs[:] = [name for name in dirs if not name.startswith(".")]
            relative = Path(root).relative_to(site_dir).as_posix()
            found += [f"{relative}/{name}" for name in files if not name.endswith(".md")]
    return unread_problems(found)
