"""Which article files removed since a build last wrote the register were renamed
(`removed_files`), from the cache's records of them, or on a fresh clone from what git
remembers (`with_history`).

A build tells them apart by the removed file's record, which the cache keeps until a
build writes the register (cache/removed.py). A fresh clone has no cache: a CI machine
publishing the site, or an editor's new laptop. There a file renamed in a commit (`git
mv`, a rename in GitHub's web editor) left its old address the gone notice, where the
build on the editor's own copy kept a redirect. With the old file's text from git, the
build pairs it as it pairs one the cache held (`addresses.renames`: the same date, the
same body or title).

Git is asked only when the register names an article file that is neither in the
working tree nor held by the cache: never on an ordinary build. Without git, outside a
repository, or in a shallow clone that does not reach the commit that took the file
away, nothing is found, and the old address answers the gone notice as before.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.build.addresses import renames
from generator.build.memos import held_removals
from generator.build.options import BuildOptions, build_now
from generator.cache.removed import RemovedArticle
from generator.cache.store import Cache
from generator.config import SiteConfig
from generator.content.model import Article
from generator.content.parse import ContentProblems, parse_article
from generator.content.register import ARTICLES, Address, article_file
from generator.plan.site import published_by

_TIMEOUT = 60
"""Seconds a git command may take (a very large history's log)."""


@dataclass(frozen=True)
class Removed:
    """The article files removed since a build last wrote the register."""

    held: tuple[RemovedArticle, ...]
    """Each as its last record gives it: the cache's (cache/removed.py), and on a fresh
    clone git's (`with_history`)."""
    renamed: Mapping[str, str]
    """Those renamed or moved, old path -> new path (`addresses.renames`)."""


def removed_files(options: BuildOptions, config: SiteConfig, cache: Cache,
                  register: Mapping[str, Address], articles: Sequence[Article]) -> Removed:
    """The article files the `register` names that were removed, and which of them the
    `articles` show renamed."""
    held = with_history(options.site_dir, config, register, articles, held_removals(cache))
    return Removed(held, renames(held, register, articles,
                                 published_by(options.drafts, build_now(options))))


def with_history(site_dir: Path, config: SiteConfig, register: Mapping[str, Address],
                 articles: Sequence[Article],
                 held: tuple[RemovedArticle, ...]) -> tuple[RemovedArticle, ...]:
    """`held` (the removed files the cache holds) with those git remembers: each
    article file the `register` names that is not among the `articles` nor `held`, as
    its last committed text gives it."""
    present = {article.path for article in articles} | {h.path for h in held}
    gone = {url: path for url, a in register.items()
            if a.kind in ARTICLES and (path := article_file(a)) not in present}
    if gone:  # (a file moved with its address kept is found by its address: no history)
        answered = {article.url for article in articles}
        gone = {url: path for url, path in gone.items() if url not in answered}
    missing = set(gone.values())
    if not missing:
        return held
    found = []
    for path, data in sorted(old_texts(site_dir, sorted(missing)).items()):
        try:
            article = parse_article(data, path, config).article
        except ContentProblems:
            continue  # (a text that no longer parses tells no rename)
        found.append(RemovedArticle(path, article.date, article.title, article.body_hash))
    return held + tuple(found)


def old_texts(site_dir: Path, paths: Sequence[str]) -> dict[str, bytes]:
    """The last committed bytes of each of `paths` (relative to `site_dir`) that git
    has: from HEAD when it is only gone from the working tree, else from before the
    newest commit that took it away. Paths git does not have are left out."""
    git = shutil.which("git")
    top = _git(git, site_dir, "rev-parse", "--show-toplevel") if git else None
    if git is None or top is None:
        return {}
    root = Path(top.decode("utf-8", "replace").strip())
    prefix = Path(os.path.relpath(site_dir.resolve(), root)).as_posix()
    in_repo = {("" if prefix == "." else prefix + "/") + path: path for path in paths}
    texts = _cat(git, root, {f"HEAD:{name}": name for name in in_repo})
    rest = [name for name in in_repo if name not in texts]
    if rest:
        folders = sorted({name.rsplit("/", 1)[0] for name in rest})
        taken = _taken_away(git, root, folders, set(rest))
        texts |= _cat(git, root, {f"{commit}^:{name}": name for name, commit in taken.items()})
    return {in_repo[name]: data for name, data in texts.items()}


def _taken_away(git: str, root: Path, folders: Sequence[str],
                wanted: set[str]) -> dict[str, str]:
    """The newest commit that removed each of the `wanted` paths (a rename counts:
    `--no-renames`), from one walk of the history of their `folders` (a pathspec a file
    took 9.5 s for 100 files on a history of 4,000 commits; the folders, under a
    second)."""
    log = _git(git, root, "--literal-pathspecs", "log", "--no-renames", "--diff-filter=D",
               "--format=%x01%H", "-z", "--name-only", "--", *folders)
    found: dict[str, str] = {}
    for block in (log or b"").split(b"\x01")[1:]:  # (`\x01<commit>\0\n<path>\0<path>\0…`)
        commit, _, names = block.partition(b"\0")
        for name in names.lstrip(b"\n").split(b"\0"):
            path = name.decode("utf-8", "replace")
            if path in wanted:
                found.setdefault(path, commit.decode("ascii"))  # (newest first)
        if len(found) == len(wanted):
            break
    return found


def _cat(git: str, root: Path, objects: Mapping[str, str]) -> dict[str, bytes]:
    """The bytes of each of `objects` (`<commit>:<path>` -> path) git has, by path."""
    if not objects:
        return {}
    names = list(objects)
    out = _git(git, root, "cat-file", "--batch", given="".join(n + "\n" for n in names))
    found: dict[str, bytes] = {}
    at = 0
    for name in names:
        if out is None:
            break
        end = out.find(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # (`<object> missing`: not in that commit)
        size = int(header[2])
        found[objects[name]] = out[at:at + size]
        at += size + 1
    return found


def _git(git: str | None, where: Path, *args: str, given: str | None = None) -> bytes | None:
    """What `git -C where args` prints, or None when it fails (no repository, a commit
    a shallow clone does not have, git refusing a folder it does not trust)."""
    if git is None:
        return None
    try:
        done = subprocess.run([git, "-C", str(where), *args], capture_output=True,
                              input=given.encode("utf-8") if given is not None else None,
                              timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
