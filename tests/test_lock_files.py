"""The lock files at a CI machine's build (build/lock_files.py): a change to them is
said, to be committed back; on an editor's machine nothing is."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.lock_files import changed_on_ci, lock_stamps, on_ci
from generator.content.list_pages import LIST_PAGES
from generator.content.register import REGISTER


@pytest.mark.parametrize(("value", "warned"), [
    ("true", True), ("1", True), ("True", True), ("yes", True),
    ("", False), ("0", False), ("false", False), ("False", False), ("no", False),
    ("off", False), (None, False)])
def test_a_change_is_said_only_on_a_ci_machine(tmp_path: Path, value: str | None,
                                                warned: bool) -> None:
    environ = {} if value is None else {"CI": value}
    before = lock_stamps(tmp_path) if on_ci(environ) else None
    (tmp_path / "content").mkdir()
    (tmp_path / REGISTER).write_text("/a/ gone\n", encoding="utf-8")
    problems = changed_on_ci(before, tmp_path)
    assert [(p.path, p.severity) for p in problems] == (
        [(REGISTER, "warning")] if warned else [])


def test_files_as_they_were_are_not_said(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / LIST_PAGES).write_text("# x\n", encoding="utf-8")
    before = lock_stamps(tmp_path) if on_ci({"CI": "true"}) else None
    assert changed_on_ci(before, tmp_path) == []
