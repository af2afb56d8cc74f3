"""The client-side search index: Pagefind run over the finished output folder.

Pagefind indexes whole sites only (it has no incremental mode), so the build
runs it only when the key of the site's HTML pages differs from the key the
index was built from, and swaps the new index in with a rename so that a
reader never loads half an index.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from generator.errors import Problem

INDEX_DIR = "pagefind"
"""Folder of the index inside the output folder, as the search page expects it."""


KEY_FILE = ".warta-index-key"
"""Inside the index folder: the key of the pages the index was built from."""


def index_key(fingerprints: Iterable[str]) -> str:
    """Key of a set of HTML pages, from their build fingerprints (distinct hashes).

    The same for the same set in any order; `rekey` updates it page by page.
    """
    key = 0
    for fingerprint in fingerprints:
        key ^= int(fingerprint, 16)
    return f"{key:040x}"


def rekey(key: str, old: str, new: str) -> str:
    """`key` with the page of fingerprint `old` now of fingerprint `new`."""
    return f"{int(key, 16) ^ int(old, 16) ^ int(new, 16):040x}"


def needs_index(output: Path, key: str) -> bool:
    """True unless the index in `output` was built from exactly the pages of `key`.

    Comparing keys, not "did this build write HTML", means a build killed
    between writing the pages and indexing them is caught up by the next one.
    """
    try:
        return (output / INDEX_DIR / KEY_FILE).read_text(encoding="ascii") != key
    except OSError:
        return True


def remove_index(output: Path) -> None:
    """Delete the index of a site whose search was switched off."""
    shutil.rmtree(output / INDEX_DIR, ignore_errors=True)


def build_index(output: Path, language: str, key: str = "") -> Problem | None:
    """Index `output` with Pagefind; return a problem instead of raising, because the
    pages themselves are already published when this runs."""
    if importlib.util.find_spec("pagefind") is None:
        return Problem("site.toml", None, "the search index was not built: Pagefind is missing",
                       "pip install 'pagefind[bin]', or set search = false under [outputs]",
                       "warning")
    # Next to the output folder, so that the final rename stays on one file system.
    # Named per process: a Pagefind orphaned by a killed build may still be
    # writing into its own folder; it is cleaned up here by a later build.
    staging = output.parent / f".{output.name}.pagefind-new-{os.getpid()}"
    old = output.parent / f".{output.name}.pagefind-old-{os.getpid()}"
    for folder in output.parent.glob(f".{output.name}.pagefind-*"):
        shutil.rmtree(folder, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(output),
               "--output-path", str(staging), "--force-language", language.split("-")[0],
               "--silent"]
    import subprocess  # only when indexing: the import is a cost of every build

    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (staging / "pagefind.js").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return Problem("output", None, f"Pagefind failed to index the site: {detail[0]}",
                       "run `python -m pagefind --site output` to see why", "warning")
    # The key goes in before the swap, so it always describes the index beside it.
    (staging / KEY_FILE).write_text(key, encoding="ascii")
    target = output / INDEX_DIR
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
    return None
