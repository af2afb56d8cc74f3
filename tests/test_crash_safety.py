"""Killing `warta build` at any moment never leaves a broken output folder.

A build is killed with SIGKILL at deterministic random moments while it
rewrites every page of an archive; each time every file in `output/` must be
whole, and the next build must repair the site to exactly what a clean
build gives.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator.build.pipeline import BuildOptions, build
from generator.content.list_pages import LIST_PAGES
from generator.search.intact import KEY_FILE

ARTICLES = 150
TRIALS = 20


def _write_archive(site: Path, variant: int) -> None:
    site.mkdir(parents=True, exist_ok=True)
    (site / "site.toml").write_text('title = "Uji"\npage_size = 10\n', encoding="utf-8")
    folder = site / "content/articles"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(ARTICLES):
        body = "\n\n".join(f"Paragraf {p} versi {variant} artikel {n}." for p in range(30))
        (folder / f"a{n:03d}.md").write_text(
            f"---\ntitle: Artikel {n} versi {variant}\ndate: 2024-01-01T{n % 24:02d}:"
            f"{n % 60:02d}:00+07:00\ntags: [Tag {n % 9}, Versi {variant}]\n---\n{body}\n",
            encoding="utf-8")


def _digests(output: Path) -> dict[str, str]:
    """Every file's hash, but Pagefind's index: Pagefind itself does not write the
    same filter and metadata files twice (upstream issue #638); the index is
    checked by its key instead."""
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*"))
            if p.is_file() and p.relative_to(output).parts[0] != "pagefind"}


def _same_register(site: Path, clean: Path) -> None:
    """A clean build of the same content: with the register of published addresses, as a
    fresh checkout has it (the tags of the other variant answer with a gone notice)."""
    register = "content/published-urls.txt"
    shutil.copy(site / register, clean / register)
    # (And its sealed list pages, kept the same way.)
    if (site / LIST_PAGES).exists():
        shutil.copy(site / LIST_PAGES, clean / LIST_PAGES)


def _assert_whole(output: Path) -> None:
    for path in output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("<!doctype html>") and text.rstrip().endswith("</html>"), path


def test_sigkill_at_random_moments_never_breaks_the_output(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write_archive(site, 0)
    build(BuildOptions(site_dir=site))
    command = [sys.executable, "-m", "generator", "build", "--site", str(site), "--quiet",
               "--jobs", "1"]
    # How long a full rewrite takes here, to spread the kills over it.
    _write_archive(site, 1)
    started = time.perf_counter()
    subprocess.run(command, check=True, env=_env())
    duration = time.perf_counter() - started
    chooser = random.Random(20240926)
    for trial in range(TRIALS):
        # Given an archive whose every page must be rewritten
        _write_archive(site, trial % 2)
        # When the build is killed at a random moment
        process = subprocess.Popen(command, env=_env())
        time.sleep(chooser.uniform(0.05, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        # Then every file in the output is whole
        _assert_whole(site / "output")
    # And the next build repairs the site to what a clean build gives
    build(BuildOptions(site_dir=site))
    clean = tmp_path / "clean"
    _write_archive(clean, (TRIALS - 1) % 2)
    _same_register(site, clean)
    build(BuildOptions(site_dir=clean))
    assert _digests(site / "output") == _digests(clean / "output")
    # And its search shards are those of the clean build, whole
    shards = sorted(p.name for p in (clean / "output/pagefind").iterdir() if p.is_dir())
    assert shards and shards == sorted(
        p.name for p in (site / "output/pagefind").iterdir() if p.is_dir())
    for shard in shards:
        assert (site / "output/pagefind" / shard / KEY_FILE).read_text(encoding="utf-8") \
            .split("\n")[0] == (clean / "output/pagefind" / shard / KEY_FILE) \
            .read_text(encoding="utf-8").split("\n")[0]
    assert build(BuildOptions(site_dir=site)).search_indexed == ()


# Runs a build that dies the moment its files are in place, before it records them.
_KILLED_AFTER_MOVE = """
import os, sys
from pathlib import Path
from generator.build import pipeline
from generator.render import write

move = write.Writer.commit

def commit(self, remove):
    move(self, remove)
    os._exit(9)

write.Writer.commit = commit
pipeline.build(pipeline.BuildOptions(site_dir=Path(sys.argv[1]), jobs=1))
"""


def _killed_after_move(site: Path, variant: int) -> None:
    """Build `variant` of the archive in a process killed after its files moved in."""
    _write_archive(site, variant)
    killed = subprocess.run([sys.executable, "-c", _KILLED_AFTER_MOVE, str(site)], env=_env())
    assert killed.returncode == 9
    assert list((site / "output").rglob(f"*versi-{variant}*"))


def _built_as_a_clean_build(site: Path, tmp_path: Path, variant: int) -> bool:
    """Build `variant` in `site`; whether its output is exactly a clean build's."""
    _write_archive(site, variant)
    build(BuildOptions(site_dir=site))
    clean = tmp_path / "clean"
    _write_archive(clean, variant)
    _same_register(site, clean)
    build(BuildOptions(site_dir=clean))
    return _digests(site / "output") == _digests(clean / "output")


def test_files_moved_in_by_a_build_killed_before_recording_them_are_removed_later(
        tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write_archive(site, 1)
    build(BuildOptions(site_dir=site))
    # Given a build of another version killed after its files moved in
    _killed_after_move(site, 0)
    # When the first version is built again, then nothing of the killed build is left
    assert _built_as_a_clean_build(site, tmp_path, 1)


def test_files_moved_in_by_a_first_build_killed_before_recording_them_are_removed_later(
        tmp_path: Path) -> None:
    site = tmp_path / "site"
    # Given a first build killed after its files moved in, before any record of them
    _killed_after_move(site, 0)
    # When another version is built, then nothing of the killed build is left
    assert _built_as_a_clean_build(site, tmp_path, 1)


def test_an_exception_during_rendering_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write_archive(site, 0)
    build(BuildOptions(site_dir=site))
    before = {p: (d, (site / "output" / p).stat().st_mtime_ns)
              for p, d in _digests(site / "output").items()}
    _write_archive(site, 1)
    templates = site / "templates"
    templates.mkdir()
    # The article template fails on the last article only: most pages render first.
    (templates / "article.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ article.title }}'
        f'{{% if article.title.startswith("Artikel {ARTICLES - 1} ") %}}{{{{ 1 / 0 }}}}'
        '{% endif %}{% endblock %}', encoding="utf-8")
    try:
        build(BuildOptions(site_dir=site))
    except Exception:  # noqa: BLE001 - the failure itself is not the point
        pass
    after = {p: (d, (site / "output" / p).stat().st_mtime_ns)
             for p, d in _digests(site / "output").items()}
    assert after == before
    assert not (site / ".warta/staging/output").exists()
    shutil.rmtree(templates)


def _env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
