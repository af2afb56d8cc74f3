"""Staged writes: flat staging names, commit and abort, the check of files written before."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from generator.render.write import OutputCheck, Writer, staged_name


def test_staged_names_are_flat_and_never_collide() -> None:
    paths = ["a/b/index.html", "a%2Fb/index.html", "a/b%2Findex.html", "a%b/c", "a%25b/c",
             "x" * 150 + "/" + "y" * 150 + "/index.html",
             "x" * 150 + "/" + "y" * 150 + "/index.htm"]
    names = [staged_name(p) for p in paths]
    assert len(set(names)) == len(paths)
    assert all("/" not in n and len(n.encode()) <= 200 for n in names)


def test_a_commit_puts_files_in_place_and_an_abort_leaves_the_output(tmp_path: Path) -> None:
    output = tmp_path / "output"
    (output / "lama").mkdir(parents=True)
    (output / "lama/index.html").write_text("lama", encoding="utf-8")
    writer = Writer(output, tmp_path / "staging")
    assert writer.stager.put("2024/03/baru/index.html", b"baru")
    assert not writer.stager.put("lama/index.html", b"lama")  # same bytes: not staged
    writer.adopt("2024/03/baru/index.html")
    assert sorted(os.listdir(tmp_path / "staging")) == [staged_name("2024/03/baru/index.html")]
    assert writer.commit(["lama/index.html"]) == ["lama/index.html"]
    assert (output / "2024/03/baru/index.html").read_bytes() == b"baru"
    assert not (output / "lama").exists() and not (tmp_path / "staging").exists()
    aborted = Writer(output, tmp_path / "staging")
    assert aborted.stager.put("2024/03/baru/index.html", b"lain")
    aborted.abort()
    assert (output / "2024/03/baru/index.html").read_bytes() == b"baru"


def test_the_output_check_names_files_not_as_written(tmp_path: Path) -> None:
    # Given files as an earlier build recorded them, one since changed and one deleted
    for name in ("a/index.html", "b/index.html", "hilang.html"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"12345")
    written = {name: ("f", 5, (tmp_path / name).stat().st_mtime_ns)
               for name in ("a/index.html", "b/index.html", "hilang.html")}
    (tmp_path / "b/index.html").write_bytes(b"123456")
    (tmp_path / "hilang.html").unlink()
    # When they are checked in a child process, or in a thread beside other threads
    forked = OutputCheck(tmp_path, written).damaged()
    blocker = threading.Event()
    other = threading.Thread(target=blocker.wait)
    other.start()
    try:
        threaded = OutputCheck(tmp_path, written).damaged()
    finally:
        blocker.set()
        other.join()
    # Then both name exactly the changed and the deleted file
    assert forked == threaded == {"b/index.html", "hilang.html"}
    assert OutputCheck(tmp_path, {}).damaged() == set()


def test_an_empty_output_folder_is_staged_as_a_tree_and_renamed_into_place(
        tmp_path: Path) -> None:
    static = tmp_path / "gaya.css"
    static.write_text("body{}", encoding="utf-8")
    for output in (tmp_path / "kosong", tmp_path / "tidak-ada"):
        if output.name == "kosong":
            output.mkdir()
        # Given an empty or missing output folder
        writer = Writer(output, tmp_path / "staging")
        assert writer.fresh
        # When pages and a copy are staged and committed
        assert writer.stager.put("2024/03/baru/index.html", b"baru")
        assert writer.stager.put("index.html", b"depan")
        assert writer.put_copy("static/gaya.css", static)
        assert (tmp_path / "staging/2024/03/baru/index.html").read_bytes() == b"baru"
        assert writer.commit([]) == []
        # Then the staged tree is the output folder
        assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*")
                      if p.is_file()) == ["2024/03/baru/index.html", "index.html",
                                          "static/gaya.css"]
        assert not (tmp_path / "staging").exists()


def test_a_fresh_build_that_fails_leaves_no_output(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "output", tmp_path / "staging")
    assert writer.stager.put("a/index.html", b"a")
    writer.abort()
    assert not (tmp_path / "output").exists() and not (tmp_path / "staging").exists()


def test_a_folder_with_files_a_link_or_a_file_is_not_replaced(tmp_path: Path) -> None:
    hidden = tmp_path / "tersembunyi"
    (hidden / ".git").mkdir(parents=True)  # hidden files still count
    real = tmp_path / "asli"
    real.mkdir()
    (tmp_path / "tautan").symlink_to(real, target_is_directory=True)
    (tmp_path / "berkas").write_text("x", encoding="utf-8")
    for name in ("tersembunyi", "tautan", "berkas"):
        assert not Writer(tmp_path / name, tmp_path / f"staging-{name}").fresh, name
    assert not Writer(real, tmp_path / "staging", dry_run=True).fresh


def test_a_file_put_in_the_empty_output_during_the_build_is_kept(tmp_path: Path) -> None:
    # Given a build that began with an empty output folder
    output = tmp_path / "output"
    writer = Writer(output, tmp_path / "staging")
    assert writer.fresh and writer.stager.put("a/index.html", b"a")
    writer.adopt("a/index.html")
    # When someone puts a file there before the build commits
    output.mkdir()
    (output / "catatan.txt").write_text("milik redaksi", encoding="utf-8")
    writer.commit([])
    # Then the build's files join it, file by file
    assert (output / "a/index.html").read_bytes() == b"a"
    assert (output / "catatan.txt").read_text(encoding="utf-8") == "milik redaksi"
    assert not (tmp_path / "staging").exists()
