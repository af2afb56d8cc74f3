"""The fixture ladder: each test builds exactly the site it needs from strings."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.pipeline import BuildOptions, BuildResult, build
from generator.content.fields import slug_of_file
from generator.slugs import slugify

SITE_TOML = """\
title = "Kabar Contoh"
base_url = "https://kabar.example/"
language = "id"
timezone = "Asia/Jakarta"
page_size = 3
home_size = 4

[authors]
Hmz = "Hamid Zulkarnain"
Ulm = "Ulya Maharani"

# Pagefind's index is tested on its own (tests/test_search.py); elsewhere it
# would only slow the builds down and add its files to every snapshot.
[outputs]
search = false
"""


def article(title: str, date: str, body: str = "Paragraf pembuka.\n", **fields: str) -> str:
    """Text of an article file with the given frontmatter lines."""
    lines = [f"title: {title}", f"date: {date}"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + textwrap.dedent(body)


class SiteMaker:
    """Writes files of a test site and builds it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.write("site.toml", SITE_TOML)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def article(self, name: str, title: str, date: str, body: str = "Paragraf pembuka.\n",
                **fields: str) -> Path:
        """Write `content/articles/<name>.md`. Its URL is that of its title, as the tests
        were written when titles gave slugs: a `slug:` line is added when the file name
        would give another (tests of the file name's slug pass `slug=""`)."""
        path = f"content/articles/{name}.md"
        if "slug" not in fields and slug_of_file(path) != (slugify(title) or slug_of_file(path)):
            fields = {"slug": slugify(title), **fields}
        fields = {key: value for key, value in fields.items() if value or key != "slug"}
        return self.write(path, article(title, date, body, **fields))

    def build(self, **options: object) -> BuildResult:
        return build(BuildOptions(site_dir=self.root, **options))  # type: ignore[arg-type]

    @property
    def output(self) -> Path:
        return self.root / "output"

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")

    def snapshot(self) -> dict[str, tuple[str, int]]:
        """Every output file with its content hash and modification time."""
        return {
            path.relative_to(self.output).as_posix(): (
                hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in sorted(self.output.rglob("*")) if path.is_file()
        }


def hashes(output: Path) -> dict[str, str]:
    """Every file under `output` with the hash of its bytes, by relative path."""
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


def git(where: Path, *args: str) -> str:
    """Run git in `where` as an editor of the newsroom; its output."""
    done = subprocess.run(["git", "-C", str(where), "-c", "user.name=Redaksi",
                           "-c", "user.email=redaksi@kabar.example", *args],
                          capture_output=True, text=True, check=True)
    return done.stdout


def fresh_checkout(site: SiteMaker, copy: SiteMaker) -> SiteMaker:
    """`copy` made a fresh checkout of `site`: its sources, no output/ and no .warta/
    (built, what a clean build gives)."""
    shutil.rmtree(copy.root, ignore_errors=True)
    shutil.copytree(site.root, copy.root, ignore=shutil.ignore_patterns("output", ".warta"))
    return copy


def settings(site: SiteMaker, top: str = "", outputs: str = "") -> None:
    """Add top-level keys and `[outputs]` switches to the test site's site.toml."""
    text = (site.root / "site.toml").read_text(encoding="utf-8")
    text = text.replace("page_size = 3\n", f"page_size = 3\n{top}\n", 1)
    site.write("site.toml", text.replace("search = false\n", f"search = false\n{outputs}\n"))


@pytest.fixture(autouse=True)
def _not_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test builds as on an editor's machine, whether CI runs the suite or not
    (a build on a CI machine warns of the lock files it changed: tests/test_cli.py)."""
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture
def site(tmp_path: Path) -> SiteMaker:
    return SiteMaker(tmp_path / "site")


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[str], SiteMaker]:
    return lambda name: SiteMaker(tmp_path / name)
