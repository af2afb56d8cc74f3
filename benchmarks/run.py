"""Build synthetic archives with Warta, Hugo and Pelican and print a table (`make bench`).

    .venv/bin/python benchmarks/run.py [--full] [--sizes 1000,10000] [--repeat 3]
                                       [--with-pelican] [--no-hugo] [--baseline DIR]

For each size, `synth.py` writes the same archive for every generator into
`benchmarks/work/` (git-ignored), then runs, alternating generators within
each case so that drift in the machine's state hits them all alike:

- Warta: cold (no `.warta/`, empty output), one article edited, one article
  added (dated after every other), one added backdated (dated in the middle of
  the archive: issue 18's sealed pages), a template edited (the theme's
  `article.html` copied into the site's `templates/` with a comment changed),
  each followed by `warta build`;
  finally one cold build with every optional output switched on.
- Warta's default build (`warta-default`, unless `--no-default`): its own copy
  of the archive with the default site.toml (every output on, the search index
  in shards), cold, one article edited, one added and one added backdated, with
  issue 17's targets.
- With `--baseline DIR` (another checkout of Warta with its own
  `.venv/bin/warta`, e.g. an older commit), the same cases with DIR's warta,
  named `baseline`, on its own copy of the same archive (its own `.warta/` and
  output), alternating with this checkout's (`warta`); the results add a table
  of the two side by side with warta/baseline ratios. `--no-hugo` makes it an
  A/B run of the two alone.
- Hugo (when `hugo` is on PATH): cold (empty `public/`) and one article edited.
- Pelican (with `--with-pelican`, from its own venv): cold (no cache, empty
  output) and one article edited (with its content cache).

- Photos (`--photos N`, 40 by default, 0 to skip): `photos.py`, Warta and Hugo on the
  same N 12-megapixel photos, cold, warm and one added.

Each command is measured by `measure.py` (wall time, peak RSS and PSS, files
written). Timings stay out of the test suite.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# Sibling scripts, not an installed package.
import photos  # noqa: E402
import synth  # noqa: E402
from machine import condition, machine, revision  # noqa: E402
from measure import TRASH, WORK, Measure, Row, discard, empty_trash, measure  # noqa: E402
from report import (  # noqa: E402
    CASE_NAMES,
    CASE_ORDER,
    backdated_targets,
    comparison,
    default_targets,
    table,
    targets,
)

WARTA = ROOT / ".venv" / "bin" / "warta"
THEME_ARTICLE = Path("themes") / "default" / "templates" / "article.html"
PELICAN_VENV = WORK / "pelican-venv"
SEED = 1


class Site:
    """One generator's copy of the archive and the changes a benchmark makes to it."""

    flavour = ""
    """synth.py's flavour of the archive; also the name in the results unless given one."""
    cases: tuple[str, ...] = ()

    def __init__(self, root: Path, size: int, name: str = "") -> None:
        self.name = name or self.flavour
        self.root = root
        self.size = size
        self.sources = sorted(
            p for p in (root / "content").rglob("*.md")) if (root / "content").is_dir() else []
        # The edited article sits in the middle of the archive: neither the newest
        # (on the home page) nor the oldest, so its neighbours and tag pages are typical.
        self.edited = self.sources[len(self.sources) // 2] if self.sources else root
        self.original = self.edited.read_bytes() if self.sources else b""
        self.added: list[Path] = []
        self.edits = 0

    @property
    def output(self) -> Path:
        return self.root / "output"

    def command(self) -> list[str]:
        raise NotImplementedError

    def reset(self) -> None:
        """Back to the generated archive with no output and no cache."""
        self.edited.write_bytes(self.original)
        # (Also those an interrupted run added: their names say so. Left in, an addition
        # would write an article the archive already has.)
        for path in [*self.added, *(self.root / "content").rglob("tambahan-*"),
                     *(self.root / "content").rglob("susulan-*")]:
            path.unlink(missing_ok=True)
        self.added.clear()
        discard(self.output)

    def prepare(self, case: str) -> None:
        if case.startswith("cold"):
            self.reset()
        elif case == "edit":
            self.edits += 1
            # A correction at the end of the body: the same kind of change every time,
            # and never the same text twice (so the content hash changes too).
            text = self.original.decode("utf-8").rstrip("\n")
            self.edited.write_bytes(
                f"{text}\n\nRalat: angka pada paragraf kedua diperbaiki ({self.edits}).\n"
                .encode())
        elif case == "add":
            self.add_article()
        elif case == "add-backdated":
            self.add_article(backdated=True)
        elif case == "template":
            self.edit_template()

    def add_article(self, backdated: bool = False) -> None:
        """One article dated after every other (today's news), or, `backdated`, in the
        middle of the archive (a story filed late: issue 18's sealed pages)."""
        number = len(self.added) + 1
        writer = synth.Writer(SEED + 1000 + number)
        last = synth.END_DATE + timedelta(days=1)
        if backdated:
            last = synth.END_DATE - timedelta(days=self.size // synth.PER_DAY // 2)
        when = datetime(last.year, last.month, last.day, 7, number, 30 if backdated else 0,
                        tzinfo=synth.WIB)
        article = writer.article(self.size + number, when)
        kind = "susulan" if backdated else "tambahan"
        article = synth.Article(article.index, article.title, f"{kind}-{number}-{article.slug}",
                                when, article.tags, article.author, article.body)
        relative, text = synth.article_file(self.flavour, article)
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.added.append(path)

    def edit_template(self) -> None:
        raise NotImplementedError

    def run(self, case: str) -> Measure:
        self.prepare(case)
        return measure(self.command(), self.root, self.output)


class WartaSite(Site):
    flavour = "warta"
    cases: tuple[str, ...] = ("cold", "edit", "add", "add-backdated", "template")

    def __init__(self, root: Path, size: int, name: str = "", checkout: Path = ROOT) -> None:
        super().__init__(root, size, name)
        # Built with `checkout`'s warta, from its own venv, and its own default theme.
        self.checkout = checkout
        self.warta = checkout / ".venv" / "bin" / "warta"

    def command(self) -> list[str]:
        return [str(self.warta), "build", "--site", str(self.root), "--quiet"]

    def reset(self) -> None:
        super().reset()
        discard(self.root / ".warta")
        # The register of published addresses is build state too: a register that
        # remembers the articles an earlier run added would leave gone notices at them.
        (self.root / "content" / "published-urls.txt").unlink(missing_ok=True)
        # So are the sealed list pages' boundaries (issue 18 item 8): those of an earlier
        # run hold the pages its additions sealed.
        (self.root / "content" / "list-pages.txt").unlink(missing_ok=True)
        shutil.rmtree(self.root / "templates", ignore_errors=True)
        (self.root / "site.toml").write_text(synth.warta_site_toml(), encoding="utf-8")

    def prepare(self, case: str) -> None:
        super().prepare(case)
        if case == "cold-all-outputs":
            # The full-featured build: the same archive with every optional output on.
            text = synth.warta_site_toml()
            (self.root / "site.toml").write_text(text.replace(" = false", " = true"),
                                                 encoding="utf-8")

    def edit_template(self) -> None:
        self.edits += 1
        text = (self.checkout / THEME_ARTICLE).read_text(encoding="utf-8")
        # Only a comment changes: the pages' HTML stays the same, but Warta cannot
        # know that without rendering them again.
        mark = f"{{# benchmark template edit {self.edits} #}}"
        at = text.find("{#")
        text = text[:at] + mark + text[at:] if at >= 0 else mark + "\n" + text
        target = self.root / "templates" / "article.html"
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")


class DefaultWartaSite(WartaSite):
    """The default, full-featured build (issue 17): the same archive with the default
    site.toml's outputs (feeds, sitemaps, search in shards, date archives, author
    pages), built cold, after one edit, after one addition and after one backdated
    addition (its search record goes to the corrections shard)."""

    cases = ("cold", "edit", "add", "add-backdated")

    def reset(self) -> None:
        super().reset()
        (self.root / "site.toml").write_text(synth.warta_default_site_toml(), encoding="utf-8")


class HugoSite(Site):
    flavour = "hugo"
    cases = ("cold", "edit")

    @property
    def output(self) -> Path:
        return self.root / "public"

    def command(self) -> list[str]:
        return ["hugo", "--source", str(self.root), "--quiet"]

    def reset(self) -> None:
        super().reset()
        discard(self.root / "resources")


class PelicanSite(Site):
    flavour = "pelican"
    cases = ("cold", "edit")

    def command(self) -> list[str]:
        return [str(PELICAN_VENV / "bin" / "pelican"), "content", "-s", "pelicanconf.py",
                "-o", "output", "-q"]

    def reset(self) -> None:
        super().reset()
        discard(self.root / "cache")


FLAVOUR_SITES: dict[str, type[Site]] = {"warta": WartaSite, "warta-default": DefaultWartaSite,
                                        "hugo": HugoSite, "pelican": PelicanSite}


def ensure_pelican() -> bool:
    if (PELICAN_VENV / "bin" / "pelican").exists():
        return True
    print("creating", PELICAN_VENV, "with pelican and markdown", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(PELICAN_VENV)], check=True)
        subprocess.run([str(PELICAN_VENV / "bin" / "pip"), "install", "--quiet", "pelican",
                        "markdown"], check=True)
    except subprocess.CalledProcessError as error:
        print(f"Pelican skipped: {error}", file=sys.stderr)
        return False
    return True


def generate(name: str, flavour: str, size: int) -> Path:
    """The archive `name` in `flavour`, regenerated only when it or synth.py changed."""
    root = WORK / f"{name}-{size}"
    stamp = hashlib.sha256((HERE / "synth.py").read_bytes()).hexdigest()[:16]
    stamp_file = root / ".synth-stamp"
    wanted = f"{stamp} {size} {SEED}"
    if stamp_file.exists() and stamp_file.read_text() == wanted:
        return root
    started = time.perf_counter()
    synth.generate(root, size, SEED, flavour)
    stamp_file.write_text(wanted)
    print(f"generated {root.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return root


def rotated(sites: Sequence[Site], by: int) -> list[Site]:
    """Who goes first changes from run to run, so no one always runs on a cooler machine."""
    return [*sites[by % len(sites):], *sites[:by % len(sites)]]


def compile_checkout(checkout: Path) -> None:
    """Byte-compile a checkout's package, as `make bench` does: where
    PYTHONDONTWRITEBYTECODE is set, every build would otherwise compile it again, and
    an A/B comparison would charge that to whichever side was not compiled."""
    subprocess.run([str(checkout / ".venv" / "bin" / "python"), "-m", "compileall", "-q",
                    str(checkout / "generator")], check=True)


def check_same_inputs(base: WartaSite, new: WartaSite) -> None:
    """`baseline` and `warta` must build the same archive and make the same changes."""
    def listing(site: Site) -> list[Path]:
        return [path.relative_to(site.root) for path in site.sources]

    if listing(base) != listing(new) or base.original != new.original:
        sys.exit(f"{base.root} and {new.root} hold different archives: delete both")
    if (base.checkout / THEME_ARTICLE).read_bytes() != (new.checkout / THEME_ARTICLE).read_bytes():
        print(f"note: {THEME_ARTICLE} differs between the checkouts; each one's template "
              "edit starts from its own", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark Warta against Hugo and Pelican.")
    parser.add_argument("--full", action="store_true", help="also build 100,000 articles")
    parser.add_argument("--sizes", default="",
                        help="comma-separated sizes instead of 1000,10000[,100000]")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per case below 100k articles; the median is reported")
    parser.add_argument("--repeat-large", type=int, default=1,
                        help="runs per case at 100k articles or more")
    parser.add_argument("--with-pelican", action="store_true",
                        help=f"build with Pelican too (installed into {PELICAN_VENV})")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even if installed")
    parser.add_argument("--no-default", action="store_true",
                        help="skip the default, full-featured build's cold, edit and add")
    parser.add_argument("--no-all-outputs", action="store_true",
                        help="skip Warta's full-featured cold build")
    parser.add_argument("--photos", type=int, default=40, metavar="N",
                        help="photos for the photo benchmark (benchmarks/photos.py); 0 skips it")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="also build with DIR/.venv/bin/warta (another checkout, e.g. an "
                        "older commit) as `baseline`, alternating with this checkout's; "
                        "with --no-hugo, an A/B run of the two alone")
    args = parser.parse_args(argv)
    sizes = ([int(s) for s in args.sizes.split(",") if s] if args.sizes
             else [1000, 10_000] + ([100_000] if args.full else []))
    flavours = ["warta"] + ([] if args.no_default else ["warta-default"])
    if not args.no_hugo and shutil.which("hugo"):
        flavours.append("hugo")
    elif not args.no_hugo:
        print("Hugo not on PATH: skipped (apt-get install hugo)", flush=True)
    if args.with_pelican and ensure_pelican():
        flavours.append("pelican")
    if not WARTA.exists():
        parser.error(f"{WARTA} not found: run `make` first")
    baseline: Path | None = args.baseline.resolve() if args.baseline else None
    if baseline is not None:
        if not (baseline / ".venv" / "bin" / "warta").exists():
            parser.error(f"{baseline / '.venv/bin/warta'} not found: run "
                         f"`cd {baseline} && make .venv/.installed` first")
        if baseline == ROOT:
            parser.error("--baseline names this checkout")
        for checkout in (baseline, ROOT):
            compile_checkout(checkout)
    WORK.mkdir(exist_ok=True)
    TRASH.mkdir(exist_ok=True)
    before = condition(TRASH)
    print(f"machine before: {before}", flush=True)

    rows: list[Row] = []
    repeats: dict[int, int] = {}
    for size in sizes:
        sites = [FLAVOUR_SITES[f](generate(f, f.split("-")[0], size), size, f)
                 for f in flavours]
        if baseline is not None:
            base = WartaSite(generate("baseline", "warta", size), size, "baseline", baseline)
            warta = sites[0]
            assert isinstance(warta, WartaSite)  # flavours start with "warta"
            check_same_inputs(base, warta)
            sites.insert(0, base)
        repeat = args.repeat if size < 100_000 else args.repeat_large
        repeats[size] = repeat
        by_key: dict[tuple[str, str], Row] = {}
        for number in range(repeat):
            order = rotated(sites, number)
            for case in CASE_ORDER:
                for site in order:
                    if case not in site.cases:
                        continue
                    result = site.run(case)
                    row = by_key.setdefault((site.name, case), Row(size, site.name, case))
                    row.runs.append(result)
                    status = "" if result.rc == 0 else f"  FAILED rc={result.rc}"
                    print(f"{size:>7} {site.name:<8} {case:<9} run {number + 1}: "
                          f"{result.seconds:7.2f} s {result.tree_mb:6.0f} MB "
                          f"({result.pss_mb:.0f} MB PSS) "
                          f"{result.written:7} files{status}", flush=True)
        wartas = [site for site in sites if isinstance(site, WartaSite)]
        for site in [] if args.no_all_outputs else rotated(wartas, repeat):
            result = site.run("cold-all-outputs")
            by_key[(site.name, "cold-all-outputs")] = Row(size, site.name, "cold-all-outputs",
                                                          [result])
            print(f"{size:>7} {site.name:<8} all-outputs run 1: {result.seconds:7.2f} s",
                  flush=True)
        for site in sites:
            site.reset()  # leave the archive as generated, and the disk free of output
        order_keys = [(s.name, c) for s in sites for c in (*CASE_ORDER, "cold-all-outputs")]
        rows += [by_key[k] for k in order_keys if k in by_key]
    after = condition(TRASH)
    print(f"machine after: {after}", flush=True)
    empty_trash()

    lines = [
        f"# Benchmark results ({datetime.now().astimezone():%Y-%m-%d %H:%M %z})",
        "",
        *machine(WARTA, PELICAN_VENV / "bin" / "pelican", WORK),
        *([f"- Compared: `baseline` is {baseline} at {revision(baseline)}; `warta` is "
           f"{ROOT} at {revision(ROOT)}"] if baseline else []),
        f"- Speed before the runs: {before}",
        f"- Speed after the runs: {after}",
        "- Archives: benchmarks/synth.py, seed 1; times are medians of "
        + ", ".join(f"{repeats[s]} run(s) at {s:,}" for s in sizes) + ".",
        "",
        *table(rows),
        "",
        *(["## warta against baseline", "", *comparison(rows), ""] if baseline else []),
        "## Issue 5 targets",
        "",
        *targets(rows),
        "",
        "## Issue 18 targets (an addition, newest or backdated)",
        "",
        *backdated_targets(rows),
        "",
        "## Issue 17 targets (the default build, every output on)",
        "",
        *default_targets(rows),
    ]
    if args.photos:  # Photos (issue 16): Warta and Hugo on the same phone photos
        lines += ["", *photos.run(args.photos, "hugo" in flavours)]
    failures = [(r, m) for r in rows for m in r.runs if m.rc != 0]
    if failures:
        lines += ["", "## Failures", ""]
        for row, result in failures[:6]:
            lines += [f"{row.generator}, {row.size:,} articles, {CASE_NAMES[row.case]} "
                      f"(exit {result.rc}):", "", "```", result.output.strip(), "```", ""]
    text = "\n".join(lines) + "\n"
    (WORK / "results.md").write_text(text, encoding="utf-8")
    # Every run, for anyone who wants other statistics than the median.
    (WORK / "results.json").write_text(json.dumps(
        [{"size": r.size, "generator": r.generator, "case": r.case,
          "runs": [vars(m) for m in r.runs]} for r in rows], indent=1), encoding="utf-8")
    print()
    print(text)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
