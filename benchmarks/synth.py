"""Deterministic synthetic news archives for benchmarks, for Warta, Hugo and Pelican.

    python benchmarks/synth.py OUT_DIR --articles 10000 --seed 1 [--flavour warta|hugo|pelican]

The shape follows issue 5 ("Scale"): 30 articles a day ending on a fixed date,
300-900 words of Indonesian-like text each (made from the word lists below,
not from real articles) with one `## ` sub-heading, a bullet list and a link;
1-5 tags drawn from ~2,000 tag names with a Zipf distribution (the top tag is
on about a third of the articles); authors from 40 initials.

Every flavour gets the same articles with the same text: only the frontmatter
syntax, the file layout and the site configuration differ, so the three
generators build comparable pages (home, paginated list and tag pages, a tag
index and article pages; no feeds, sitemaps, author or date archives).
"""

from __future__ import annotations

import argparse
import bisect
import random
import shutil
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import accumulate
from operator import itemgetter
from pathlib import Path

FLAVOURS = ("warta", "hugo", "pelican")
PER_DAY = 30
# A fixed last day rather than today: the same seed must give the same bytes tomorrow.
END_DATE = date(2025, 6, 30)
WIB = timezone(timedelta(hours=7))
TAG_COUNT = 2000
# With 1-5 tags per article, exponent 1.0 puts the top tag on ~31% of the articles
# (its single-draw probability is 1/H(2000) = 12%); 1.02 brings it to the third
# the issue describes.
TAG_EXPONENT = 1.02
SITE_TITLE = "Warta Benchmark"
BASE_URL = "https://warta.example/"

# Word frequencies matter for Markdown speed only through word length and
# punctuation, but a skewed distribution keeps the text looking like prose:
# function words come first and are drawn most often (weight 1/rank^0.75).
_FUNCTION = (
    "yang dan di ke dari untuk dengan pada ini itu dalam tidak akan juga sudah telah oleh "
    "karena bahwa atau bisa masih lebih para saat sejak hingga agar setelah sebelum antara "
    "namun tersebut sebagai seperti bagi serta ada belum harus dapat kata ujar menurut "
    "sekitar masing-masing kembali selama terhadap melalui tanpa sementara bahkan"
).split()
_NOUNS = (
    "pemerintah kota kabupaten desa kelurahan kecamatan warga petugas pedagang pasar jalan "
    "jembatan sekolah siswa guru rumah pasien dokter polisi kantor dinas anggaran dana "
    "proyek pembangunan banjir hujan kemarau air listrik sampah lingkungan taman terminal "
    "angkutan kendaraan motor mobil bus kereta stasiun pelabuhan nelayan petani sawah panen "
    "harga beras cabai minyak gula telur daging ikan sayur toko usaha pekerja buruh upah "
    "pajak retribusi izin bangunan gedung lapangan stadion pertandingan tim pemain pelatih "
    "juara turnamen festival budaya tari musik seni masjid gereja kegiatan program bantuan "
    "kesehatan pendidikan vaksin imunisasi balita ibu anak keluarga kepala wali camat lurah "
    "bupati gubernur dewan anggota rapat sidang pengadilan jaksa hakim terdakwa saksi "
    "korban pelaku kasus laporan data survei jumlah persen ribu juta miliar rupiah minggu "
    "bulan pagi siang sore malam wilayah kawasan daerah pusat lokasi titik ruas saluran "
    "drainase tanggul sungai pantai gunung hutan kebun pupuk irigasi puskesmas posyandu "
    "kampung perumahan trotoar lampu parkir pengendara penumpang tiket jadwal layanan "
    "aplikasi pengaduan keluhan tuntutan aspirasi peraturan kebijakan aturan sanksi denda "
    "operasi razia patroli tahanan barang bukti kerugian pemilik penyewa lahan sengketa "
    "sertifikat tanah koperasi bank kredit pinjaman tabungan inflasi ekonomi investasi "
    "pabrik industri kerajinan batik wisata wisatawan hotel kuliner pengunjung panitia"
).split()
_VERBS = (
    "mengatakan menyebutkan menjelaskan meminta mengimbau melakukan membangun memperbaiki "
    "menutup membuka meresmikan mengunjungi menerima memberikan menyalurkan mencatat "
    "menemukan menangkap memeriksa menyita mengelola menyiapkan menggelar mengikuti "
    "menunggu mengeluhkan mendesak menyampaikan menargetkan mengalami meningkat menurun "
    "naik turun bertambah berkurang berlangsung dimulai selesai ditutup dibuka diperbaiki "
    "dibangun direncanakan dianggarkan dilaporkan ditemukan ditangkap diperiksa dijual "
    "dibeli diresmikan diterima disalurkan digelar dipindahkan ditertibkan mengatur "
    "menertibkan mengawasi memantau mendata mengusulkan membahas menyetujui menolak"
).split()
_ADJECTIVES = (
    "besar kecil baru lama tinggi rendah ramai sepi padat rusak bersih kotor aman lancar "
    "macet mahal murah penting utama terakhir pertama kedua ketiga sejumlah beberapa "
    "banyak sedikit seluruh setiap cukup sangat cepat lambat jauh dekat resmi sementara"
).split()
# Syllables of made-up place and person names: "Karangwangi", "Tanjungsari".
_NAME_HEADS = (
    "Sumber Karang Tanjung Sido Kali Mekar Banyu Giri Wono Tegal Suka Rejo Jati Sari "
    "Bumi Taman Gunung Pasir Lemah Watu Ngadi Purwo Kerto Bojong Cempaka Kembang"
).split()
_NAME_TAILS = (
    "jaya wangi mulyo rejo sari asri makmur harjo agung indah rahayu tengah kidul "
    "lor wetan kulon baru lestari mukti sentosa"
).split()
_TAG_PREFIXES = (
    "Dinas Pasar Kelurahan Desa Jalan Puskesmas Polsek Kecamatan SD Negeri SMP Negeri "
    "Terminal Stasiun Taman Sungai Pantai Festival Koperasi Kampung Perumahan Pelabuhan "
    "Lapangan Gedung"
).split()
_FIRST_NAMES = (
    "Aditya Bagus Citra Dewi Eko Fajar Galih Hana Indah Joko Kartika Lestari Made Nurul "
    "Oki Putri Rizki Sari Teguh Umi Vina Wahyu Yoga Zahra Agus Bima Dimas Erna Fitri "
    "Gita Hendra Irfan Juwita Kurnia Lukman Maya Nanda Rosa Sinta Tari"
).split()
_LAST_NAMES = (
    "Nugraha Setiawan Hidayati Kurniawan Anggraini Pratama Wibowo Saputra Lestari "
    "Permana Susanto Rahmawati Siregar Nasution Harahap Simanjuntak Wijaya Santoso "
    "Purnomo Hakim Syahputra Maharani Utami Gunawan Hartono Halim Ramadhan Firmansyah "
    "Kusuma Suryadi Wulandari Prasetyo Hutapea Sembiring Tanjung Siswanto Effendi "
    "Iskandar Salim Yulianti"
).split()


@dataclass(frozen=True)
class Article:
    """One synthetic article, independent of any generator's file format."""

    index: int
    title: str
    slug: str
    date: datetime
    tags: tuple[str, ...]
    author: str
    """Initials, as written in a Warta byline; `AUTHORS` maps them to names."""
    body: str
    """Markdown."""


def _authors() -> dict[str, str]:
    """40 initials -> full name, the same for every seed (they belong to the site)."""
    authors: dict[str, str] = {}
    for first, last in zip(_FIRST_NAMES, _LAST_NAMES, strict=True):
        key = first[:2] + last[0].lower()
        if key in authors:  # two names sharing initials: take one more letter
            key = first[:3]
        authors[key] = f"{first} {last}"
    return authors


AUTHORS = _authors()


class Writer:
    """Makes the text of articles from one seeded generator.

    Speed matters (100k articles must take well under a minute), so words are
    not drawn one `random()` call at a time: a 64k-entry table holds every
    word in proportion to its weight, and a whole article's words are picked
    with one `randbytes` call and one C-level `itemgetter`.
    """

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        vocabulary = _FUNCTION + _NOUNS + _VERBS + _ADJECTIVES
        # The same vocabulary in a fixed shuffled order, so nouns and verbs mix in
        # the frequency ranking instead of all nouns being more common than all verbs.
        ordered = _FUNCTION + random.Random(0).sample(vocabulary[len(_FUNCTION):],
                                                      len(vocabulary) - len(_FUNCTION))
        weights = [1 / (rank ** 0.75) for rank in range(1, len(ordered) + 1)]
        total = sum(weights)
        table: list[str] = []
        for word, weight in zip(ordered, weights, strict=True):
            table += [word] * max(1, round(weight / total * 65536))
        self.table = (table * 2)[:65536]
        self.places = [head + tail for head in _NAME_HEADS for tail in _NAME_TAILS]
        self.title_words = _NOUNS + _VERBS + _ADJECTIVES
        self.tags = _tag_names()
        self.tag_cumulative = list(accumulate(1 / (rank ** TAG_EXPONENT)
                                              for rank in range(1, len(self.tags) + 1)))
        self.author_keys = sorted(AUTHORS)
        self.used_slugs: set[str] = set()

    def words(self, count: int) -> list[str]:
        indexes = array("H", self.rng.randbytes(2 * count))
        if sys.byteorder == "big":  # the same words on every machine
            indexes.byteswap()
        if count == 1:
            return [self.table[indexes[0]]]
        return list(itemgetter(*indexes)(self.table))

    def sentence(self, words: list[str]) -> str:
        rng = self.rng
        if len(words) > 9 and rng.random() < 0.5:
            words[len(words) // 2] += ","
        if rng.random() < 0.3:  # news prose names places and amounts
            words[rng.randrange(1, len(words))] = rng.choice(self.places)
        if rng.random() < 0.15:
            words[rng.randrange(1, len(words))] = f"Rp{rng.randint(2, 950)} juta"
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def paragraph(self, word_count: int) -> str:
        words = self.words(word_count)
        sentences = []
        start = 0
        while start < len(words):
            length = self.rng.randint(8, 18)
            if len(words) - start - length < 5:  # no stub sentence at the end
                length = len(words) - start
            sentences.append(self.sentence(words[start:start + length]))
            start += length
        return " ".join(sentences)

    def heading(self, count: int) -> str:
        return " ".join(w.capitalize() for w in self.rng.sample(self.title_words, count))

    def body(self, title: str) -> str:
        rng = self.rng
        total = rng.randint(300, 900)
        list_items = [self.words(rng.randint(4, 8)) for _ in range(rng.randint(3, 5))]
        heading = self.heading(rng.randint(3, 6))
        remaining = total - sum(map(len, list_items)) - len(heading.split())
        sizes = []
        while remaining > 0:
            size = min(remaining, rng.randint(40, 90))
            if remaining - size < 20:  # fold a short tail into the last paragraph
                size = remaining
            sizes.append(size)
            remaining -= size
        paragraphs = [self.paragraph(size) for size in sizes]
        link_at = rng.randrange(len(paragraphs))
        words = paragraphs[link_at].split(" ")
        at = 1
        for _ in range(20):  # an anchor inside one sentence reads like a real link
            at = rng.randrange(1, max(2, len(words) - 3))
            if not any(w[-1] in ".," for w in words[at:at + 3]):
                break
        anchor = " ".join(words[at:at + 3])
        target = f"https://pemkot.example/berita/{rng.randint(1000, 99999)}"
        words[at:at + 3] = [f"[{anchor}]({target})"]
        paragraphs[link_at] = " ".join(words)
        bullets = "\n".join("- " + " ".join(item).capitalize() for item in list_items)
        head_at = max(1, len(paragraphs) // 2)
        blocks = paragraphs[:head_at] + ["## " + heading] + paragraphs[head_at:]
        blocks.insert(min(len(blocks), head_at + 2), bullets)
        return "\n\n".join(blocks) + "\n"

    def pick_tags(self) -> tuple[str, ...]:
        chosen: dict[str, None] = {}
        wanted = self.rng.randint(1, 5)
        last = self.tag_cumulative[-1]
        while len(chosen) < wanted:
            rank = bisect.bisect(self.tag_cumulative, self.rng.random() * last)
            chosen[self.tags[min(rank, len(self.tags) - 1)]] = None
        return tuple(chosen)

    def article(self, index: int, when: datetime) -> Article:
        rng = self.rng
        title_words = [rng.choice(self.title_words) for _ in range(rng.randint(4, 8))]
        title_words.insert(rng.randrange(1, len(title_words)), rng.choice(self.places))
        title = " ".join(w[0].upper() + w[1:] for w in title_words)
        base = "-".join(w.lower() for w in title_words)
        slug, suffix = base, 2
        while slug in self.used_slugs:  # slugs are unique across the whole archive
            slug, suffix = f"{base}-{suffix}", suffix + 1
        self.used_slugs.add(slug)
        return Article(index=index, title=title, slug=slug, date=when, tags=self.pick_tags(),
                       author=rng.choice(self.author_keys), body=self.body(title))


def _tag_names() -> list[str]:
    """~2,000 distinct tag names, the same for every seed, most general first."""
    rng = random.Random(2000)
    names = ["Pemkot", "DPRD", "Kriminal", "Ekonomi", "Pendidikan", "Kesehatan", "Olahraga",
             "Lalu Lintas", "Banjir", "Pilkada", "Budaya", "Wisata"]
    seen = {n.lower() for n in names}
    places = [head + tail for head in _NAME_HEADS for tail in _NAME_TAILS]
    while len(names) < TAG_COUNT:
        kind = rng.random()
        if kind < 0.5:
            name = f"{rng.choice(_TAG_PREFIXES)} {rng.choice(places)}"
        elif kind < 0.7:
            name = rng.choice(places)
        elif kind < 0.85:
            name = f"{rng.choice(_NOUNS).capitalize()} {rng.choice(places)}"
        else:
            name = f"{rng.choice(_NOUNS).capitalize()} {rng.choice(_ADJECTIVES).capitalize()}"
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def articles(count: int, seed: int, end: date = END_DATE) -> Iterator[Article]:
    """`count` articles, oldest first, 30 a day over the last ceil(count/30) days to `end`."""
    writer = Writer(seed)
    days = -(-count // PER_DAY)
    first = datetime(end.year, end.month, end.day, 6, 0, tzinfo=WIB) - timedelta(days=days - 1)
    for index in range(count):
        day, slot = divmod(index, PER_DAY)
        # 30 slots of 32 minutes from 06:00, jittered, so times are distinct and increasing.
        minutes = slot * 32 + writer.rng.randrange(30)
        when = first + timedelta(days=day, minutes=minutes)
        yield writer.article(index, when)


# --- Warta -----------------------------------------------------------------------------

def warta_site_toml() -> str:
    lines = [
        "# Synthetic benchmark archive (benchmarks/synth.py); do not edit by hand.",
        f'title = "{SITE_TITLE}"',
        f'base_url = "{BASE_URL}"',
        'language = "id"',
        'timezone = "Asia/Jakarta"',
        "page_size = 20",
        "home_size = 20",
        "",
        "# The same pages Hugo and Pelican are configured to build (issue 5).",
        "[outputs]",
        "feeds = false",
        "sitemaps = false",
        "search = false",
        "date_archives = false",
        "author_pages = false",
        "",
        "[authors]",
    ]
    lines += [f'{key} = "{name}"' for key, name in sorted(AUTHORS.items())]
    return "\n".join(lines) + "\n"


def warta_default_site_toml() -> str:
    """`warta_site_toml` without `[outputs]`: every output on, as `warta new` sites are."""
    text = warta_site_toml()
    start = text.index("# The same pages Hugo")
    end = text.index("[authors]")
    return text[:start] + text[end:]


def warta_article(article: Article) -> str:
    return (
        "---\n"
        f'title: "{article.title}"\n'
        f"slug: {article.slug}\n"
        f"date: {article.date.isoformat()}\n"
        f"tags: [{', '.join(article.tags)}]\n"
        f"author: {article.author}\n"
        "---\n\n"
        f"{article.body}"
    )


def warta_path(article: Article) -> str:
    return f"content/articles/{article.date:%Y/%m}/{article.slug}.md"


# --- Hugo --------------------------------------------------------------------------------

HUGO_CONFIG = f"""\
# Synthetic benchmark archive (benchmarks/synth.py): the pages Warta builds, no more.
baseURL = "{BASE_URL}"
languageCode = "id"
defaultContentLanguage = "id"
title = "{SITE_TITLE}"
timeZone = "Asia/Jakarta"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
# `paginate` is what Hugo 0.111 (Debian 12) reads; Hugo >= 0.128 reads [pagination].
paginate = 20
summaryLength = 40

[pagination]
pagerSize = 20

[permalinks]
posts = "/:year/:month/:slug/"

[taxonomies]
tag = "tags"
"""

HUGO_LAYOUTS = {
    "layouts/_default/baseof.html": """\
<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{ block "title" . }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<link rel="canonical" href="{{ .Permalink }}"></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
{{ partialCached "nav.html" . }}</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "layouts/partials/nav.html": """\
<nav><ul>{{ range first 10 site.Taxonomies.tags.ByCount }}\
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul></nav>
""",
    "layouts/partials/card.html": """\
<article class="card"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">
{{ .Date.Format "2 January 2006" }}</time>
<p>{{ .Summary | plainify | truncate 240 }}</p></article>
""",
    "layouts/index.html": """\
{{ define "title" }}{{ site.Title }}{{ end }}
{{ define "main" }}{{ range first 20 (where site.RegularPages "Section" "posts") }}\
{{ partial "card.html" . }}{{ end }}{{ end }}
""",
    "layouts/_default/list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range (.Paginate .Pages).Pages }}{{ partial "card.html" . }}{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}
""",
    "layouts/_default/terms.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}\
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>\
{{ end }}
""",
    "layouts/_default/single.html": """\
{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p class="byline">{{ .Params.author }}</p>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">
{{ .Date.Format "Monday, 2 January 2006 15.04" }}</time>
<p>{{ .ReadingTime }} menit</p>
<div class="body">{{ .Content }}</div>
<ul class="tags">{{ range .GetTerms "tags" }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
<nav>{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
""",
    "layouts/404.html": """\
{{ define "main" }}<h1>Halaman tidak ditemukan</h1>{{ end }}
""",
}


def hugo_article(article: Article) -> str:
    tags = ", ".join(f'"{t}"' for t in article.tags)
    return (
        "---\n"
        f'title: "{article.title}"\n'
        f"slug: {article.slug}\n"
        f"date: {article.date.isoformat()}\n"
        f"tags: [{tags}]\n"
        f'author: "{AUTHORS[article.author]}"\n'
        "---\n\n"
        f"{article.body}"
    )


def hugo_path(article: Article) -> str:
    return f"content/posts/{article.slug}.md"


# --- Pelican -----------------------------------------------------------------------------

PELICAN_CONF = f"""\
# Synthetic benchmark archive (benchmarks/synth.py): the pages Warta builds, no more.
SITENAME = "{SITE_TITLE}"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
DEFAULT_PAGINATION = 20
SUMMARY_MAX_LENGTH = 40
# Pelican's bundled minimal theme: paginated index and tag pages, nothing extra.
THEME = "simple"

ARTICLE_URL = "{{date:%Y}}/{{date:%m}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{date:%Y}}/{{date:%m}}/{{slug}}/index.html"
TAG_URL = "tag/{{slug}}/"
TAG_SAVE_AS = "tag/{{slug}}/index.html"
TAGS_SAVE_AS = "tag/index.html"
# No author, category or date archive pages: Warta's benchmark site has none.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags"]

# No feeds.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# The Markdown extensions Warta uses (generator/markup.py), so both do the same work.
MARKDOWN = {{
    "extension_configs": {{
        "markdown.extensions.tables": {{}},
        "markdown.extensions.fenced_code": {{}},
        "markdown.extensions.sane_lists": {{}},
    }},
    "output_format": "html5",
}}

# Pelican's own incremental mode, for the one-article rebuild.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
"""


def pelican_article(article: Article) -> str:
    return (
        f"Title: {article.title}\n"
        f"Date: {article.date.isoformat()}\n"
        f"Slug: {article.slug}\n"
        f"Tags: {', '.join(article.tags)}\n"
        f"Authors: {AUTHORS[article.author]}\n"
        "\n"
        f"{article.body}"
    )


def pelican_path(article: Article) -> str:
    return f"content/{article.slug}.md"


# --- Writing -------------------------------------------------------------------------------

def article_file(flavour: str, article: Article) -> tuple[str, str]:
    """(path relative to the site, text) of `article` in `flavour`."""
    if flavour == "warta":
        return warta_path(article), warta_article(article)
    if flavour == "hugo":
        return hugo_path(article), hugo_article(article)
    if flavour == "pelican":
        return pelican_path(article), pelican_article(article)
    raise ValueError(f"unknown flavour {flavour!r}")


def site_files(flavour: str) -> dict[str, str]:
    """The configuration (and, for Hugo, layout) files of a site in `flavour`."""
    if flavour == "warta":
        return {"site.toml": warta_site_toml()}
    if flavour == "hugo":
        return {"config.toml": HUGO_CONFIG, **HUGO_LAYOUTS}
    if flavour == "pelican":
        return {"pelicanconf.py": PELICAN_CONF}
    raise ValueError(f"unknown flavour {flavour!r}")


def generate(out_dir: Path, count: int, seed: int = 1, flavour: str = "warta") -> int:
    """Write a fresh site of `count` articles to `out_dir` (replacing its content)."""
    for name in ("content", "layouts"):
        # Stale articles from a bigger earlier run would change the archive.
        shutil.rmtree(out_dir / name, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    for relative, text in site_files(flavour).items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    made: set[Path] = set()
    written = 0
    for article in articles(count, seed):
        relative, text = article_file(flavour, article)
        path = out_dir / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(text.encode("utf-8"))
        written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flavour", choices=FLAVOURS, default="warta")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    count = generate(args.out_dir, args.articles, args.seed, args.flavour)
    print(f"{count} {args.flavour} articles in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
