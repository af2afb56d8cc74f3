"""Photos: Warta against Hugo on the same 12-megapixel phone photos (`make bench`, or
alone: `.venv/bin/python benchmarks/photos.py [--photos 40] [--no-hugo]`).

Writes N photos of 4000 × 3000 pixels with GPS and camera EXIF (tools/demo_photos.py,
with grain, about 3 MB each), one article per photo, into `benchmarks/work/photos/`
for each generator, both making the same files: WebP at 480, 800, 1200 and 1600
pixels wide and one JPEG at 1200, quality 80. Hugo gets page bundles and a
template calling `.Resize "480x webp"` and so on (its default resampling filter,
Box, which costs less than Warta's Lanczos). Then, alternating the two:

- cold: no cache (`.warta/`, Hugo's `resources/_gen/`) and no output;
- warm: built again, nothing changed;
- added: one more article with a new photo.

Prints a Markdown table (wall time, files written) and, for the issue's target,
Warta's cold time against a quarter of Hugo's.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from measure import WORK, Measure, discard, empty_trash, measure  # noqa: E402

from tools.demo_photos import make_photo  # noqa: E402

WARTA = ROOT / ".venv" / "bin" / "warta"
SIZE = (4000, 3000)
CASES = ("cold", "warm", "added")
WIDTHS = (480, 800, 1200, 1600)

_HUGO_CONFIG = """baseURL = "https://foto.example/"
title = "Foto"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[imaging]
quality = 80
"""
_HUGO_SINGLE = """<!doctype html><html><head><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1>
{{ with .Resources.GetMatch "foto.jpg" }}
{{ $w480 := .Resize "480x webp" }}{{ $w800 := .Resize "800x webp" }}
{{ $w1200 := .Resize "1200x webp" }}{{ $w1600 := .Resize "1600x webp" }}
{{ $jpeg := .Resize "1200x jpg" }}
<picture><source type="image/webp" srcset="{{ $w480.RelPermalink }} 480w,
 {{ $w800.RelPermalink }} 800w, {{ $w1200.RelPermalink }} 1200w,
 {{ $w1600.RelPermalink }} 1600w">
<img src="{{ $jpeg.RelPermalink }}" width="{{ $jpeg.Width }}"
 height="{{ $jpeg.Height }}" alt=""></picture>
{{ end }}
{{ .Content }}</body></html>
"""
_HUGO_LIST = "<!doctype html><html><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">" \
    "{{ .Title }}</a>{{ end }}</body></html>\n"


def _article(n: int) -> tuple[str, str]:
    title = f"Foto nomor {n}"
    date = f"2024-01-{1 + n % 28:02d}T{8 + n % 10:02d}:00:00+07:00"
    return title, date


class PhotoSite:
    """One generator's copy of the photo archive."""

    name = ""

    def __init__(self, root: Path, photos: Path, count: int) -> None:
        self.root = root
        self.count = count
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        for n in range(count):
            self.add(n, photos / f"foto-{n:03d}.jpg")
        self.extra = photos / f"foto-{count:03d}.jpg"

    def add(self, n: int, photo: Path) -> None:
        raise NotImplementedError

    def remove_added(self) -> None:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError

    @property
    def output(self) -> Path:
        raise NotImplementedError

    def caches(self) -> list[Path]:
        raise NotImplementedError

    def run(self, case: str) -> Measure:
        if case == "cold":
            self.remove_added()
            for path in (self.output, *self.caches()):
                discard(path)
        elif case == "added":
            self.add(self.count, self.extra)
        return measure(self.command(), self.root, self.output)


class WartaPhotos(PhotoSite):
    name = "warta"

    def __init__(self, root: Path, photos: Path, count: int) -> None:
        super().__init__(root, photos, count)
        (root / "site.toml").write_text(
            'title = "Foto"\nbase_url = "https://foto.example/"\n[outputs]\nsearch = false\n'
            "[images]\nwidths = [480, 800, 1200, 1600]\nquality = 80\n", encoding="utf-8")

    def add(self, n: int, photo: Path) -> None:
        media = self.root / "content" / "media" / f"foto-{n:03d}.jpg"
        media.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(photo, media)
        title, date = _article(n)
        article = self.root / "content" / "articles" / f"foto-{n:03d}.md"
        article.parent.mkdir(parents=True, exist_ok=True)
        article.write_text(f"---\ntitle: {title}\ndate: {date}\nimage:\n  src: media/"
                           f"foto-{n:03d}.jpg\n  alt: Pemandangan nomor {n}\n---\n"
                           f"Isi berita nomor {n}.\n", encoding="utf-8")

    def remove_added(self) -> None:
        (self.root / "content" / "articles" / f"foto-{self.count:03d}.md").unlink(
            missing_ok=True)
        (self.root / "content" / "media" / f"foto-{self.count:03d}.jpg").unlink(
            missing_ok=True)

    def command(self) -> list[str]:
        return [str(WARTA), "build", "--site", str(self.root)]

    @property
    def output(self) -> Path:
        return self.root / "output"

    def caches(self) -> list[Path]:
        return [self.root / ".warta"]


class HugoPhotos(PhotoSite):
    name = "hugo"

    def __init__(self, root: Path, photos: Path, count: int) -> None:
        super().__init__(root, photos, count)
        (root / "config.toml").write_text(_HUGO_CONFIG, encoding="utf-8")
        layouts = root / "layouts" / "_default"
        layouts.mkdir(parents=True)
        (layouts / "single.html").write_text(_HUGO_SINGLE, encoding="utf-8")
        (layouts / "list.html").write_text(_HUGO_LIST, encoding="utf-8")
        (root / "layouts" / "index.html").write_text(_HUGO_LIST, encoding="utf-8")

    def add(self, n: int, photo: Path) -> None:
        bundle = self.root / "content" / "posts" / f"foto-{n:03d}"
        bundle.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(photo, bundle / "foto.jpg")
        title, date = _article(n)
        (bundle / "index.md").write_text(f'---\ntitle: "{title}"\ndate: {date}\n---\n'
                                         f"Isi berita nomor {n}.\n", encoding="utf-8")

    def remove_added(self) -> None:
        shutil.rmtree(self.root / "content" / "posts" / f"foto-{self.count:03d}",
                      ignore_errors=True)

    def command(self) -> list[str]:
        return ["hugo", "--source", str(self.root), "--quiet"]

    @property
    def output(self) -> Path:
        return self.root / "public"

    def caches(self) -> list[Path]:
        return [self.root / "resources"]


def make_photos(folder: Path, count: int) -> None:
    """`count` + 1 photos (one for the "added" case), kept between runs."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count + 1):
        path = folder / f"foto-{n:03d}.jpg"
        if not path.exists():
            make_photo(path, SIZE, seed=n, palette=("hills", "city", "flood", "field")[n % 4],
                       noise=40, quality=92)


def run(count: int, hugo: bool) -> list[str]:
    """Run the photo benchmark; the lines of its Markdown report."""
    folder = WORK / "photos"
    make_photos(folder / "sources", count)
    sites: list[PhotoSite] = [WartaPhotos(folder / "warta", folder / "sources", count)]
    if hugo and shutil.which("hugo"):
        sites.append(HugoPhotos(folder / "hugo", folder / "sources", count))
    results: dict[tuple[str, str], Measure] = {}
    for number, case in enumerate(CASES):
        order = sites if number % 2 == 0 else sites[::-1]
        for site in order:
            result = site.run(case)
            results[(site.name, case)] = result
            status = "" if result.rc == 0 else f"  FAILED rc={result.rc}: {result.output[-300:]}"
            print(f"photos {count:>3} {site.name:<6} {case:<6} {result.seconds:7.2f} s "
                  f"{result.tree_mb:6.0f} MB {result.written:5} files{status}", flush=True)
    empty_trash()
    size = sum(p.stat().st_size for p in (folder / "sources").glob("*.jpg")) / (count + 1)
    lines = [f"## Photos ({datetime.now().astimezone():%Y-%m-%d %H:%M %z})", "",
             f"- {count} photos of {SIZE[0]} × {SIZE[1]} pixels, {size / 1e6:.1f} MB each on "
             "average, with GPS and camera EXIF (benchmarks/photos.py); one article each.",
             f"- Both make WebP at {', '.join(map(str, WIDTHS))} and one JPEG at 1200, "
             "quality 80; Warta resamples with Lanczos, Hugo with its default (Box).",
             "- One run per case, the generators alternating.", "",
             "| generator | case | seconds | files written | peak MB (tree) |",
             "|---|---|---:|---:|---:|"]
    for (name, case), result in results.items():
        lines.append(f"| {name} | {case} | {result.seconds:.2f} | {result.written} | "
                     f"{result.tree_mb:.0f} |")
    if ("hugo", "cold") in results:
        warta, hugo_cold = results[("warta", "cold")].seconds, results[("hugo", "cold")].seconds
        verdict = "met" if warta <= hugo_cold / 4 else "NOT met"
        lines += ["", f"Target (cold photo work at most a quarter of Hugo's): Warta "
                  f"{warta:.1f} s, Hugo {hugo_cold:.1f} s, ratio {hugo_cold / warta:.1f}: "
                  f"{verdict}."]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Photos: Warta against Hugo.")
    parser.add_argument("--photos", type=int, default=40, help="how many photos")
    parser.add_argument("--no-hugo", action="store_true", help="Warta alone")
    args = parser.parse_args(argv)
    if not WARTA.exists():
        parser.error(f"{WARTA} not found: run `make` first")
    text = "\n".join(run(args.photos, not args.no_hugo)) + "\n"
    (WORK / "photos-results.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
