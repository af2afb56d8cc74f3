"""`warta list`: every article with its date, status, URL and file, filtered."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from generator.build.listing import Filters, list_articles
from generator.cli import main
from tests.conftest import SiteMaker

NOW = "2024-03-10T12:00+07:00"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def newsroom(site: SiteMaker) -> None:
    """One article of each status, with tags and bylines to filter by."""
    site.article("terbit", "Terbit", "2024-03-01T09:00:00+07:00", tags="[Banjir, BPBD]",
                 authors="[Hmz]")
    site.article("draf", "Draf", "2024-03-02T09:00:00+07:00", draft="true", tags="[Banjir]",
                 authors="[Ulm]")
    site.article("nanti", "Nanti", "2024-03-20T06:00:00+07:00", authors="[Hmz, Ulm]")
    site.article("tarik", "Tarik", "2024-02-01T09:00:00+07:00", withdrawn="Keliru data.",
                 tags="[Pemkot]")


def test_each_line_gives_date_status_url_and_file_newest_first(site: SiteMaker) -> None:
    newsroom(site)
    code, out, _ = run("list", "--site", str(site.root), "--now", NOW)
    assert code == 0
    assert out.splitlines() == [
        "2024-03-20 06:00  terjadwal  /2024/03/nanti/  content/articles/nanti.md",
        "2024-03-02 09:00  draf       /2024/03/draf/  content/articles/draf.md",
        "2024-03-01 09:00  terbit     /2024/03/terbit/  content/articles/terbit.md",
        "2024-02-01 09:00  ditarik    /2024/02/tarik/  content/articles/tarik.md",
    ]


@pytest.mark.parametrize(("options", "files"), [
    (["--drafts"], ["draf"]),
    (["--scheduled"], ["nanti"]),
    (["--withdrawn"], ["tarik"]),
    (["--drafts", "--scheduled"], ["nanti", "draf"]),
    (["--tag", "banjir"], ["draf", "terbit"]),
    (["--tag", "Banjir", "--drafts"], ["draf"]),
    (["--author", "Hmz"], ["nanti", "terbit"]),
    (["--author", "ulya maharani"], ["nanti", "draf"]),
    (["--tag", "Cuaca"], []),
])
def test_filters(site: SiteMaker, options: list[str], files: list[str]) -> None:
    newsroom(site)
    code, out, err = run("list", "--site", str(site.root), "--now", NOW, *options)
    assert code == 0
    assert [line.rsplit("/", 1)[1].removesuffix(".md") for line in out.splitlines()] == files
    assert ("Tidak ada artikel yang cocok." in err) == (not files)


def test_a_tag_alias_finds_the_tag(site: SiteMaker) -> None:
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
               + '\n[tag_aliases]\n"pemkot" = "Pemerintah Kota"\n')
    site.article("a", "A", "2024-03-01", tags="[Pemerintah Kota]")
    site.article("b", "B", "2024-03-02", tags="[Pasar]")
    _, out, _ = run("list", "--site", str(site.root), "--tag", "PEMKOT")
    assert out.splitlines()[0].endswith("content/articles/a.md") and len(out.splitlines()) == 1


def test_json_is_an_array_with_the_same_fields(site: SiteMaker) -> None:
    newsroom(site)
    code, out, _ = run("list", "--site", str(site.root), "--now", NOW, "--json")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 4
    assert data[0] == {"date": "2024-03-20T06:00:00+07:00", "status": "scheduled",
                       "url": "/2024/03/nanti/", "file": "content/articles/nanti.md",
                       "title": "Nanti"}
    assert [d["status"] for d in data] == ["scheduled", "draft", "published", "withdrawn"]
    assert json.loads(run("list", "--site", str(site.root), "--json", "--tag", "X")[1]) == []


def test_scheduled_follows_the_build_s_now(site: SiteMaker,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    newsroom(site)
    later = int(datetime(2024, 3, 21, tzinfo=ZoneInfo("Asia/Jakarta")).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(later))
    assert run("list", "--site", str(site.root), "--scheduled")[1] == ""
    earlier = int(datetime(2024, 3, 5, tzinfo=ZoneInfo("Asia/Jakarta")).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(earlier))
    assert "content/articles/nanti.md" in run("list", "--site", str(site.root),
                                              "--scheduled")[1]


def test_list_reuses_the_build_s_cache_and_writes_no_output(site: SiteMaker) -> None:
    newsroom(site)
    now = datetime.fromisoformat(NOW)
    # Given a site never built, listing parses every source and writes no website
    assert list_articles(site.root, now).parsed == 4
    assert not site.output.exists()
    # When it is built, then listed again, nothing is parsed: the cache is the build's
    site.build(now=now)
    assert list_articles(site.root, now).parsed == 0
    site.article("baru", "Baru", "2024-03-09T09:00:00+07:00")
    listing = list_articles(site.root, now, Filters(frozenset({"published"})))
    assert listing.parsed == 1
    assert [e.article.path for e in listing.entries][:1] == ["content/articles/baru.md"]
    # And the next build takes what the listing parsed from the cache
    assert site.build(now=now).parsed == 0


def test_files_with_errors_are_named_and_the_rest_listed(site: SiteMaker) -> None:
    newsroom(site)
    site.write("content/articles/rusak.md", "tanpa frontmatter\n")
    code, out, err = run("list", "--site", str(site.root), "--now", NOW)
    assert code == 1
    assert len(out.splitlines()) == 4
    assert "content/articles/rusak.md:1: tidak ada frontmatter" in err
    assert "1 berkas dengan kesalahan tidak ditampilkan" in err
