"""One build at a time per site (generator/sitelock.py): a second build waits for the
first or stops with a clear message, never a traceback, and never a stale lock."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest

from generator.report import Reporter
from generator.serve.command import Preview
from generator.sitelock import LOCK_FILE, SiteBusyError, lock_wait, site_lock
from tests.conftest import SiteMaker

ROOT = Path(__file__).resolve().parents[1]
BUSY = "another warta build or warta serve is building this site"
SAID_BUSY = "warta build atau warta serve lain sedang menyusun situs ini"
"""`BUSY` as the commands say it to the (Indonesian) test site."""
# Seconds for a process that should get the lock: far longer than any test needs.
PATIENT = "60"

# Holds the site's lock until its standard input ends.
_HOLDER = """
import sys
from pathlib import Path
from generator.sitelock import site_lock
with site_lock(Path(sys.argv[1]), wait=0):
    print("locked", flush=True)
    sys.stdin.read()
"""


def _env(wait: str) -> dict[str, str]:
    return {**os.environ, "WARTA_LOCK_WAIT": wait, "SOURCE_DATE_EPOCH": "1730000000",
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


@contextmanager
def _holder(site_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock of `site_dir`; it lets go when its stdin closes."""
    process = subprocess.Popen([sys.executable, "-c", _HOLDER, str(site_dir)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               env=_env("0"))
    try:
        assert process.stdout is not None and process.stdout.readline() == "locked\n"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def _release(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.close()
    assert process.wait(timeout=30) == 0


def _warta(*args: str, wait: str = PATIENT) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(wait))


def _wait_until_open(process: subprocess.Popen[str], path: Path) -> None:
    """Until `process` has `path` open (Linux: its descriptors in /proc)."""
    folder, wanted = Path(f"/proc/{process.pid}/fd"), path.resolve()
    while wanted not in _open_files(folder):
        assert process.poll() is None, process.communicate()
        time.sleep(0.01)


def _open_files(folder: Path) -> set[Path]:
    """The files a process has open, by its /proc descriptors folder; a descriptor
    closed while they are read is left out (the starting build opens and closes
    files all the while)."""
    found = set()
    for fd in os.listdir(folder):
        try:
            found.add(Path(os.readlink(folder / fd)))
        except OSError:
            continue
    return found


def _is_locked(site_dir: Path) -> bool:
    try:
        with site_lock(site_dir, wait=0):
            return False
    except SiteBusyError:
        return True


def _archive(site: SiteMaker, count: int = 40, variant: str = "") -> None:
    for n in range(count):
        site.article(f"2024/a{n:02d}", f"Artikel {n}{variant}", f"2024-03-{n % 28 + 1:02d}",
                     body=f"Paragraf {variant} {n}.\n", tags=f"[Tag {n % 5}]")


def _digests(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_second_build_stops_with_a_clear_message_and_leaves_the_output(
        site: SiteMaker, command: str) -> None:
    _archive(site, 3)
    site.build()
    before = site.snapshot()
    # Given another process building the site (`check` writes the cache too)
    with _holder(site.root) as holder:
        # When a build runs and the other does not finish within the wait
        process = _warta(command, "--site", str(site.root), wait="0.2")
        _, stderr = process.communicate(timeout=60)
    # Then it fails with the message, names the site and the holder, and changes nothing
    assert process.returncode == 1 and "Traceback" not in stderr
    assert f"{site.root}: {SAID_BUSY} (pid {holder.pid}, mulai " in stderr
    assert "tunggu sampai selesai, atau hentikan, lalu jalankan perintahnya lagi" in stderr
    assert site.snapshot() == before


def test_a_build_waits_for_one_that_finishes_within_the_wait(site: SiteMaker) -> None:
    _archive(site, 3)
    with _holder(site.root) as holder:
        process = _warta("build", "--site", str(site.root), "--quiet")
        # Given the build has opened the lock file (and so is waiting for the holder)
        _wait_until_open(process, site.root / LOCK_FILE)
        # When the holder finishes
        _release(holder)
        _, stderr = process.communicate(timeout=60)
    # Then the build goes through
    assert process.returncode == 0, stderr
    assert (site.output / "2024/03/artikel-0/index.html").is_file()


def test_a_killed_holder_leaves_no_stale_lock(site: SiteMaker) -> None:
    with _holder(site.root) as holder:
        assert _is_locked(site.root)
        holder.kill()  # SIGKILL: no chance to let go
        holder.wait()
        assert not _is_locked(site.root)
    site.article("a", "A", "2024-03-01")
    assert site.build().articles == 1


def test_a_forked_child_leaving_the_lock_does_not_release_it(site: SiteMaker) -> None:
    lock = site_lock(site.root, wait=0)
    lock.__enter__()
    try:
        pid = os.fork()
        if pid == 0:  # a worker forked during a build that unwinds through the block
            code = 1
            try:
                lock.__exit__(None, None, None)
                code = 0
            finally:
                os._exit(code)
        assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
        assert _is_locked(site.root)
    finally:
        lock.__exit__(None, None, None)
    assert not _is_locked(site.root)


def test_concurrent_builds_end_as_one_clean_build(make_site: Callable[[str], SiteMaker]
                                                  ) -> None:
    site, clean = make_site("site"), make_site("clean")
    for variant in ("", " diperbarui"):  # a cold build, then one that rewrites every page
        _archive(site, variant=variant)
        _archive(clean, variant=variant)
        # When two builds of the site run at once
        builds = [_warta("build", "--site", str(site.root), "--jobs", "2") for _ in range(2)]
        for process in builds:
            _, stderr = process.communicate(timeout=120)
            # Then each goes through or stops with the message, never with a traceback
            assert "Traceback" not in stderr
            assert process.returncode == 0 or (process.returncode == 1 and SAID_BUSY in stderr)
        assert 0 in (process.returncode for process in builds)
        # And the output is what a single build gives
        single = _warta("build", "--site", str(clean.root))
        _, stderr = single.communicate(timeout=120)
        assert single.returncode == 0, stderr
        assert _digests(site.output) == _digests(clean.output)


def test_serve_shows_a_busy_site_as_a_problem_and_builds_once_it_is_free(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_LOCK_WAIT", "0.2")
    _archive(site, 3)
    out = StringIO()
    preview = Preview(site.root, port=0, reporter=Reporter(stream=out, out=out), watch=False)
    try:
        with _holder(site.root) as holder:
            # Given `warta build` running when the preview starts: a problem, not a crash
            preview.start()
            assert [BUSY in p.message for p in preview.state.problems] == [True]
            assert "build pertama: build gagal dengan 1 masalah" in out.getvalue()
            _release(holder)
        # When the site is free, the next rebuild goes through
        assert preview.builder.rebuild(None) is not None
        assert preview.state.problems == ()
        # And the preview does not hold the site between builds
        assert not _is_locked(site.root)
    finally:
        preview.stop()


def test_the_lock_file_names_a_folder_that_cannot_be_made(site: SiteMaker) -> None:
    site.write(".warta", "not a folder")
    with pytest.raises(SiteBusyError) as raised:
        site.build()
    assert "cannot lock the site: .warta/lock" in str(raised.value)


def test_the_wait_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_LOCK_WAIT", "0.5")
    assert lock_wait() == 0.5
    monkeypatch.setenv("WARTA_LOCK_WAIT", "soon")
    assert lock_wait() == 5.0
