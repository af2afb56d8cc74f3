"""A year of newsroom life replayed on a copy of the demo: nothing published breaks.

After every step, every address of the register answers, in the output folder, with
its page, a redirect to the right page, or the gone notice; and so does a fresh
checkout (content/, site.toml and the register only: no output/, no .warta/), which
builds the same register and the same files.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

from generator import urls
from generator.build.pipeline import BuildOptions, build
from generator.content.register import ARTICLE, GONE, LIVE, MOVED, REGISTER
from generator.plan.redirects import GONE_PAGE
from tests.golden import tree

DEMO = Path(__file__).resolve().parent.parent
NOW = datetime.fromisoformat("2027-06-01T12:00:00+07:00")
GONE_TEXT = "Halaman ini tidak lagi tersedia"
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def test_a_year_of_newsroom_life_breaks_no_published_address(tmp_path: Path) -> None:
    site = tmp_path / "work"
    shutil.copytree(DEMO / "content", site / "content")
    shutil.copy(DEMO / "site.toml", site / "site.toml")
    articles = site / "content/articles"
    steps = 0

    def step(what: str) -> str:
        nonlocal steps
        steps += 1
        # (No Pagefind: its index is tested on its own, and takes seconds per build.)
        result = build(BuildOptions(site_dir=site, now=NOW, index_search=False))
        answers(site, what)
        fresh = tmp_path / f"fresh-{steps}"
        for part in ("content", "site.toml"):
            copy = shutil.copytree if (site / part).is_dir() else shutil.copy
            copy(site / part, fresh / part)  # type: ignore[operator]
        build(BuildOptions(site_dir=fresh, now=NOW, index_search=False))
        answers(fresh, f"{what} (fresh checkout)")
        assert (fresh / REGISTER).read_text() == (site / REGISTER).read_text(), what
        assert tree(fresh / "output") == tree(site / "output"), what
        return "\n".join(f"moved: {a} -> {b}" for a, b in result.addresses.moved)

    # Given the demo as published.
    step("the demo")
    assert not [line for line in (site / REGISTER).read_text().splitlines()
                if line.endswith((" gone", " moved")) and not line.startswith("#")]
    # Today's news.
    write(articles / "2027/05/pasar-malam-dibuka.md", "Pasar Malam Dibuka",
          "2027-05-30T19:00:00+07:00", "tags: [Pasar Besar, Ekonomi]\n")
    step("an addition")
    # A headline corrected: the address comes from the file name, it stays.
    edit(articles / "2027/05/pasar-malam-dibuka.md", "title: Pasar Malam Dibuka",
         "title: Pasar Malam Resmi Dibuka Wali Kota")
    assert step("a headline correction") == ""
    assert "/2027/05/pasar-malam-dibuka/ article" in (site / REGISTER).read_text()
    # A slug edited.
    edit(articles / "2023/05/kedai-kopi-menjamur-jalan-sawo.md",
         "slug: kedai-kopi-menjamur-jalan-sawo", "slug: kedai-kopi-jalan-sawo")
    moved = step("a slug edit")
    assert "/2023/05/kedai-kopi-menjamur-jalan-sawo/ -> /2023/05/kedai-kopi-jalan-sawo/" \
        in moved
    # The same slug edited again: the first address leads to the last, never a chain.
    edit(articles / "2023/05/kedai-kopi-menjamur-jalan-sawo.md",
         "slug: kedai-kopi-jalan-sawo", "slug: kedai-kopi-sawo")
    step("a second slug edit")
    text = (site / REGISTER).read_text()
    assert "/2023/05/kedai-kopi-menjamur-jalan-sawo/ moved /2023/05/kedai-kopi-sawo/" in text
    # ...and back to the first: that address is the article's again, no loop.
    edit(articles / "2023/05/kedai-kopi-menjamur-jalan-sawo.md",
         "slug: kedai-kopi-sawo", "slug: kedai-kopi-menjamur-jalan-sawo")
    step("a slug edited back")
    text = (site / REGISTER).read_text()
    assert "/2023/05/kedai-kopi-sawo/ moved /2023/05/kedai-kopi-menjamur-jalan-sawo/" in text
    assert "/2023/05/kedai-kopi-menjamur-jalan-sawo/ article" in text
    # A date corrected into the month before.
    edit(articles / "2024/03/banjir-rendam-tiga-kelurahan.md", "date: 2024-03-",
         "date: 2024-02-")
    assert "/2024/03/banjir-rendam-tiga-kelurahan/ -> /2024/02/banjir-rendam-tiga-kelurahan/" \
        in step("a date correction")
    # A file moved to another folder (same name: same address), and one renamed.
    (articles / "2025/02/bus-kota-koridor-baru.md").rename(
        articles / "2024/03/bus-kota-koridor-baru.md")
    assert step("a file moved") == ""
    (articles / "2026/03/arus-balik-lebaran-terminal.md").rename(
        articles / "2026/03/arus-balik-lebaran-2026.md")
    edit(articles / "2026/03/arus-balik-lebaran-2026.md",
         "slug: arus-balik-lebaran-terminal-sumberjaya-timur-tambah-40-bus-cadangan\n", "")
    assert "-> /2026/03/arus-balik-lebaran-2026/" in step("a file renamed")
    # Another renamed, which `warta check` (a build that writes nothing) sees first.
    (articles / "2024/01/perbaikan-gorong-gorong-cempaka-raya.md").rename(
        articles / "2024/01/gorong-gorong-cempaka-raya.md")
    edit(articles / "2024/01/gorong-gorong-cempaka-raya.md",
         "slug: perbaikan-gorong-gorong-jalan-cempaka-raya-ditutup-sebagian-selama-sebulan\n",
         "")
    build(BuildOptions(site_dir=site, now=NOW, dry_run=True))
    assert "-> /2024/01/gorong-gorong-cempaka-raya/" in step("a file renamed, checked first")
    # A deletion, and a deletion whose address another article claims as an alias.
    (articles / "2024/09/bank-sampah-tegalsari-wetan.md").unlink()
    step("a deletion")
    assert "/2024/09/bank-sampah-tegalsari-wetan-olah-2-ton-sampah-plastik-tiap-bulan/ gone" \
        in (site / REGISTER).read_text()
    old = "/2025/06/polres-sumberjaya-bekuk-komplotan-curanmor-spesialis-subuh/"
    (articles / "2025/06/komplotan-curanmor-ditangkap.md").unlink()
    edit(articles / "2022/09/pencurian-motor-tegalsari-wetan.md", "slug:",
         f"aliases: [{old}]\nslug:")
    step("a deletion claimed by an alias")
    assert f"{old} moved /2022/09/pencurian-motor-tegalsari-wetan/" in \
        (site / REGISTER).read_text()
    # A month's only article deleted: the month's pages lead to its year.
    (articles / "2022/07/ps-sumberjaya-tunjuk-pelatih-baru.md").unlink()
    assert "/2022/07/ -> /2022/" in step("a month emptied")
    text = (site / REGISTER).read_text()
    assert "/2022/07/ moved /2022/\n/2022/07/page/1/ moved /2022/\n" in text
    # An author's bylines given to another: their page, its numbers and its feed end.
    for name in ("2024/02/pemungutan-suara-pemilu-2024-berjalan-lancar.md",
                 "2025/02/ratna-kusumawardani-dilantik-wali-kota.md"):
        edit(articles / name, 'author: "Tim Redaksi"', "author: Nrl")
    step("an author's last byline changed")
    text = (site / REGISTER).read_text()
    assert ("/author/tim-redaksi/ gone\n/author/tim-redaksi/feed.xml gone\n"
            "/author/tim-redaksi/page/1/ gone\n") in text
    # An author's name corrected in [authors], the old name kept there: their page, its
    # numbers and its feed lead to the new name's.
    toml = (site / "site.toml").read_text(encoding="utf-8")
    assert 'Adt = { name = "Aditya Nugraha"' in toml
    (site / "site.toml").write_text(toml.replace(
        'Adt = { name = "Aditya Nugraha"',
        '"Aditya Nugraha" = "Aditya Nugroho"\nAdt = { name = "Aditya Nugroho"'), encoding="utf-8")
    assert "/author/aditya-nugraha/ -> /author/aditya-nugroho/" in step("an author renamed")
    assert ("/author/aditya-nugraha/feed.xml moved /author/aditya-nugroho/feed.xml\n"
            in (site / REGISTER).read_text())
    # A tag renamed through [tag_aliases]: its numbered pages lead to the new tag too.
    toml = (site / "site.toml").read_text(encoding="utf-8")
    (site / "site.toml").write_text(toml.replace(
        '[tag_aliases]\n', '[tag_aliases]\n"wisata" = "Pariwisata"\n'), encoding="utf-8")
    assert "/tag/wisata/ -> /tag/pariwisata/" in step("a tag renamed")
    assert "/tag/wisata/page/1/ moved /tag/pariwisata/\n" in (site / REGISTER).read_text()
    # ...and back: the tag's pages answer again, with no redirect left at them.
    (site / "site.toml").write_text(toml, encoding="utf-8")
    step("a tag rename undone")
    text = (site / REGISTER).read_text()
    assert "/tag/wisata/ tag Wisata\n" in text and "/tag/wisata/page/" not in text
    (site / "site.toml").write_text(toml.replace(
        '[tag_aliases]\n', '[tag_aliases]\n"wisata" = "Pariwisata"\n'), encoding="utf-8")
    step("the tag renamed again")
    # The URL pattern changed: every article keeps a redirect from its old address.
    toml = (site / "site.toml").read_text(encoding="utf-8")
    (site / "site.toml").write_text(toml.replace(
        'article = "/{year}/{month}/{slug}/"', 'article = "/berita/{year}/{slug}/"'),
        encoding="utf-8")
    assert step("the URL pattern changed").count("-> /berita/") >= 40
    # An article that comes due, and one more after it.
    write(articles / "2027/05/festival-layang-layang.md", "Festival Layang-Layang",
          "2027-05-31T08:00:00+07:00", "tags: [Budaya]\n")
    step("another addition")


def answers(site: Path, what: str) -> None:
    """Every address of the register answers with its page, a redirect to the final
    page, or the gone notice; and the host rules say the same."""
    output = site / "output"
    lines = [line.split(" ", 2) for line in (site / REGISTER).read_text().splitlines()
             if line and not line.startswith("#")]
    register = {line[0]: (line[1], line[2] if len(line) > 2 else "") for line in lines}
    rules = (output / "_redirects").read_text() if (output / "_redirects").exists() else ""
    for url, (kind, target) in register.items():
        if url.endswith("/feed.xml"):  # (a list's that ended: the host rules only)
            assert f"{url} {target or GONE_PAGE} {301 if target else '410!'}\n" in rules, \
                f"{what}: no host rule for {url}"
            assert not (output / urls.output_path(url)).exists(), f"{what}: {url} is a file"
            continue
        page = output / urls.output_path(url)
        assert page.is_file(), f"{what}: {url} ({kind}) answers nothing"
        html = page.read_text(encoding="utf-8")
        if kind in LIVE:
            assert _REFRESH.search(html) is None, f"{what}: {url} is not a page"
            assert GONE_TEXT not in html, f"{what}: {url} is the gone notice"
            if kind == ARTICLE:
                assert (site / target).is_file(), f"{what}: {url}: {target} is gone"
                assert f'<link rel="canonical" href="https://warta.example{url}">' in html, \
                    f"{what}: {url} is not its article's page"
        elif kind == MOVED:
            found = _REFRESH.search(html)
            assert found and found.group(1) == target, f"{what}: {url} leads elsewhere"
            assert register.get(target, ("", ""))[0] in LIVE, \
                f"{what}: {url} -> {target} is not a final address"
            assert f"{url} {target} 301\n" in rules, f"{what}: no host rule for {url}"
        else:
            assert kind == GONE
            assert "noindex" in html and GONE_TEXT in html, \
                f"{what}: {url} is not the gone notice"
            assert f"{url} {GONE_PAGE} 410!\n" in rules, f"{what}: no 410 rule for {url}"
            assert (output / GONE_PAGE.lstrip("/")).is_file()


def write(path: Path, title: str, date: str, extra: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\ndate: {date}\n{extra}authors: [Adt]\n---\n"
                    "Paragraf pembuka berita ini.\n", encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
