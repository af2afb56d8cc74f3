"""The route map's size with a real newsroom's vocabulary (issue 17).

    .venv/bin/python benchmarks/route_vocabulary.py [--corpus DIR] [--synthetic SITE]
        [--sizes 10000 100000] [--parts 25] [--rounds 1] [--work DIR] [--seed N]
    [--no-browser]

1. Measured: how the vocabulary of real Indonesian news articles grows with their
   number (`--corpus`, default ../shared/corpus-real/articles: its `.txt` files,
   each title plus body, the caption and the reporter/editor credit left out as the
   search records leave them out), tokenised as the route map does (`words_of` in
   generator/search/routes.py: lower-cased, split at white space). Distinct words
   V(n) after n articles, averaged over random orders; a Heaps' law fit
   V(n) = K * n**beta; the new words each further article brings.
2. Modelled (vocabulary_model.py): each word r (by rank) is in an article with
   probability p_r = min(1, c * (r + b)**-alpha), independently of the other articles
   (a Zipf-Mandelbrot law over document frequencies, which gives Heaps' law with
   beta = 1/alpha), with c, alpha and b fitted to the measured V(n); each source's
   growth is reported too. A full shard of 500 articles then holds
   word r with probability 1 - (1 - p_r)**500; every shard of an archive of N
   articles is drawn so. The ranks the corpus has are labelled with its own words
   (most frequent first); the rarer ranks with words made by a character model of
   the corpus's words seen in one article only (names, places, numbers).
3. Measured on the model: the route map Pagefind writes for those shards, through
   the project's own code (words files by `words_of`, records by `route_records`,
   the bundle by `bundles._index_shard` and its Pagefind service), its bytes on disk,
   Pagefind's time and peak memory, and what a first query loads from it, in
   Debian's Chromium (as search_query.py): for a word of one shard, a word of a few
   shards and a word of every shard; then how many shards it names for 100 words of
   each of two kinds (the corpus's one-article words, made-up words of one shard). The
   same for the synthetic archive's route map (`--synthetic`: a site built from
   synth.py, read only: its shards' words files are copied, one made-up word
   planted in one shard).

4. The route map in parts (`--parts`: full shards a part; 0 is the route map of one
   bundle, as before parts): for each archive size of the model, every part made as
   `bundles._routes` makes it (`routes.route_parts`, `route_records`, one Pagefind
   process a part), each in a forked process: each part's Pagefind time and peak
   memory (the last part's is what a build that fills a full shard pays), its bytes;
   then, in Chromium, what a first query loads from all the parts merged as the search
   page merges them (one filter value for every part's records) and how many shards
   they name, asked as the search page asks them (the word quoted, matched exactly;
   when no part has it, as typed). `--rounds 2` makes the parts twice, the part sizes
   in the reverse order the second time (same-run comparison on a shared machine).

Nothing of the corpus is written outside `--work` (a temporary folder by default);
the report holds counts, and the few words it asks for (made-up ones, and the
corpus's most frequent word of six letters).
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import json
import os
import random
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vocabulary_model import (
    EDGES,
    SHARD,
    Words,
    draw,
    made_lengths,
    measure_corpus,
    model_shards,
    prefix_share,
)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus-real" / "articles"


# 3. The route map: built by the project's code, and queried ------------------------------

def build_route(index: Path, shards: Sequence[set[str]]) -> dict[str, Any]:
    """`_build_route` in a forked process, so that its peak memory is Pagefind's alone."""
    return _forked(lambda: _build_route(index, shards))


def build_shard(index: Path, articles: Sequence[set[str]]) -> dict[str, Any]:
    """A full shard of `articles` (each a record whose text is its words) under
    `index/0/`, indexed as a build indexes one, in a forked process: its bytes, and
    Pagefind's time and peak memory."""
    return _forked(lambda: _build_shard(index, articles))


def _forked(work: Any) -> dict[str, Any]:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=lambda: queue.put(work()))
    process.start()
    found: dict[str, Any] = queue.get()
    process.join()
    return found


def _build_shard(index: Path, articles: Sequence[set[str]]) -> dict[str, Any]:
    from generator.search.bundles import Shard
    from generator.search.records import SearchRecord

    shutil.rmtree(index, ignore_errors=True)
    index.mkdir(parents=True)
    records = tuple(SearchRecord(url=f"/artikel/{n}/", title="", date="", sort=f"{n:06d}",
                                 image="", filters={}, content=" ".join(sorted(words)))
                    for n, words in enumerate(articles))
    found = _pagefind(index, Shard(0, "model", records), words=True)
    return {"articles": len(articles),
            "words_per_article": round(sum(map(len, articles)) / len(articles)),
            **found, **bundle_sizes(index / "0")}


def _pagefind(index: Path, shard: Any, words: bool) -> dict[str, Any]:
    """Index `shard` with `bundles._index_shard`: Pagefind's time and peak memory."""
    import threading

    from generator.search.bundles import _index_shard
    from generator.search.service import Service, executable

    binary = executable()
    assert binary is not None
    peak = [0]
    done = threading.Event()
    watcher = threading.Thread(target=_watch_pagefind, args=(peak, done))
    watcher.start()
    started = time.perf_counter()
    try:
        with Service(binary) as service:
            _index_shard(service, shard, "id", index, "vocabulary", words=words)
    finally:
        seconds = time.perf_counter() - started
        done.set()
        watcher.join()
    return {"pagefind_s": round(seconds, 1), "pagefind_peak_rss_mb": peak[0] // 1024}


def bundle_sizes(bundle: Path) -> dict[str, Any]:
    """A Pagefind bundle's bytes: in all (its key file left out), fragments, index
    chunks, metadata and entry."""
    files = [p for p in bundle.rglob("*") if p.is_file() and p.name != ".warta-shard"]
    chunks = sorted(p.stat().st_size for p in (bundle / "index").iterdir())
    return {
        "total_kb": round(sum(p.stat().st_size for p in files) / 1024),
        "fragments_kb": round(sum(p.stat().st_size for p in (bundle / "fragment").iterdir())
                              / 1024),
        "index_chunks": len(chunks),
        "index_kb": round(sum(chunks) / 1024),
        "chunk_kb_median_max": [round(chunks[len(chunks) // 2] / 1024, 1),
                                round(chunks[-1] / 1024, 1)],
        "metadata_kb": round(sum(p.stat().st_size for p in bundle.glob("*.pf_meta")) / 1024,
                             1),
        "entry_kb": round((bundle / "pagefind-entry.json").stat().st_size / 1024, 1),
    }


def _build_route(index: Path, shards: Sequence[set[str]]) -> dict[str, Any]:
    """Write each shard's words file as a build does, then the route map from them;
    its files' bytes, and Pagefind's time and peak memory."""
    from generator.search.bundles import Shard
    from generator.search.records import SearchRecord
    from generator.search.routes import ROUTE, WORDS_FILE, route_records, words_of

    shutil.rmtree(index, ignore_errors=True)
    names = [str(n * SHARD) for n in range(len(shards))]
    for name, found in zip(names, shards, strict=True):
        (index / name).mkdir(parents=True)
        record = SearchRecord(url=name, title="", date="", sort="", image="", filters={},
                              content=" ".join(found))
        (index / name / WORDS_FILE).write_bytes(words_of([record]))
    records = route_records(index, names)
    assert records is not None
    made = _pagefind(index, Shard(-1, "model", tuple(records), ROUTE), words=False)
    sizes = bundle_sizes(index / ROUTE)
    return {
        "shards": len(shards),
        "words_per_shard": round(sum(map(len, shards)) / len(shards)),
        "distinct_words": len(set().union(*shards)),
        "words_files_kb": round(sum((index / n / WORDS_FILE).stat().st_size
                                    for n in names) / 1024),
        **made,
        "route_total_kb": sizes.pop("total_kb"),
        **sizes,
    }


def write_words(index: Path, shards: Sequence[set[str]]) -> Any:
    """Each full shard's words file under `index/<name>/`, as a build writes it; the
    `ShardKeys` of an archive with those full shards (500 articles each, keyed by their
    number), from which `routes.route_parts` cuts the parts."""
    from datetime import UTC, datetime, timedelta

    from generator.search.records import SearchRecord
    from generator.search.routes import WORDS_FILE, words_of
    from generator.search.shards import shard_keys

    shutil.rmtree(index, ignore_errors=True)
    count = len(shards) * SHARD
    start = datetime(2000, 1, 1, tzinfo=UTC)
    keys = shard_keys(range(count), lambda i: f"{i // SHARD:040x}", SHARD, 50, "model",
                      [(start + timedelta(hours=i), f"{i:06d}.md") for i in range(count)])
    for name, found in zip(keys.names, shards, strict=True):
        (index / name).mkdir(parents=True)
        record = SearchRecord(url=name, title="", date="", sort="", image="", filters={},
                              content=" ".join(found))
        (index / name / WORDS_FILE).write_bytes(words_of([record]))
    return keys


def build_parts(index: Path, keys: Any, per: int) -> dict[str, Any]:
    """The route map of `keys`'s full shards (their words files already in `index`) in
    parts of `per` full shards (0: one part, the route map before parts), each made as
    `bundles._routes` makes it, in a forked process of its own: each part's Pagefind
    time and peak memory, and bytes."""
    from generator.search.routes import route_parts

    for old in index.glob("rute-*"):
        shutil.rmtree(old)
    parts = route_parts(keys, per or keys.full)
    made = []
    for part in parts:
        found = _forked(lambda part=part: _make_part(index, part))
        made.append({"part": part.folder, "shards": len(part.shards), **found})
    last = made[-1]
    return {
        "per": per or keys.full, "parts": len(made),
        "last part": {k: last[k] for k in ("part", "shards", "pagefind_s",
                                           "pagefind_peak_rss_mb", "total_kb", "index_kb")},
        "largest peak_rss_mb": max(m["pagefind_peak_rss_mb"] for m in made),
        "longest s": max(m["pagefind_s"] for m in made),
        "all parts s": round(sum(m["pagefind_s"] for m in made), 1),
        "on disk kb": sum(m["total_kb"] for m in made),
        "metadata kb": round(sum(m["metadata_kb"] for m in made), 1),
        "chunk kb median of parts": sorted(m["chunk_kb_median_max"][0] for m in made)[
            len(made) // 2],
        "folders": [part.folder for part in parts],
        "each": [{k: m[k] for k in ("part", "shards", "pagefind_s", "pagefind_peak_rss_mb")}
                 for m in made],
    }


def _make_part(index: Path, part: Any) -> dict[str, Any]:
    from generator.search.bundles import Shard
    from generator.search.routes import route_records

    records = route_records(index, part.shards)
    assert records is not None
    made = _pagefind(index, Shard(-1, part.key, tuple(records), part.folder), words=False)
    sizes = bundle_sizes(index / part.folder)
    return {**made, **sizes}


def _watch_pagefind(peak: list[int], done: Any) -> None:
    """Keep in `peak[0]` the largest peak resident size (kB, VmHWM) of this process's
    Pagefind children until `done` is set. (Not the children's rusage: a child forked
    from this large process counts its parent's pages until it runs Pagefind.)"""
    me = Path(f"/proc/{os.getpid()}/task")
    while not done.wait(0.05):
        for children in me.glob("*/children"):
            for pid in children.read_text().split():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                found = re.search(r"VmHWM:\s+(\d+) kB", status)
                if found and "pagefind" in status.split("\n", 1)[0]:
                    peak[0] = max(peak[0], int(found.group(1)))


PROBE = """<!doctype html><meta charset="utf-8"><title>probe</title>
<script type="module">
// b: one bundle, or several (comma-separated: the route map's parts), merged as the
// search page merges the parts, each record's shard filter "rute", and asked so.
const bases = (new URLSearchParams(location.search).get("b") || "/pagefind/rute/").split(",");
let ready = null;
async function load() {
  const pagefind = await import(bases[0] + "pagefind.js");
  const own = { shard: "rute" };
  await pagefind.options({ basePath: bases[0], mergeFilter: own });
  await Promise.all(bases.slice(1).map(base => pagefind.mergeIndex(base, { mergeFilter: own })));
  return pagefind;
}
window.probe = async (word) => {
  ready = ready || load();
  const pagefind = await ready;
  if (!bases[0].includes("/rute-")) {
    return (await pagefind.search(word)).results.length;
  }
  // As the search page asks the parts: the word itself (quoted: exact), else, when no
  // part has it, as Pagefind matches a word a bundle lacks.
  const only = { filters: { shard: "rute" } };
  const exact = await pagefind.search(`"${word}"`, only);
  return (exact.results.length ? exact : await pagefind.search(word, only)).results.length;
};
window.ready = true;
</script>"""


def query_route(root: Path, words: dict[str, str], samples: dict[str, list[str]],
                bundle: str = "/pagefind/rute/") -> dict[str, Any]:
    """What a fresh page loads to ask the bundle at `bundle` under `root` (the route map
    by default) for each word of `words` (label -> word), in Debian's Chromium; a
    fresh browser context (empty cache) for each. Then, on one page, how many results
    (for the route map: shards it names) each word of each list of `samples` has."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright
    from search_query import CHROMIUM, FLAGS, _kind

    (root / "probe.html").write_text(PROBE, encoding="utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out: dict[str, Any] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for label, word in words.items():
                context = browser.new_context()
                page = context.new_page()
                kb: Counter[str] = Counter()
                count: Counter[str] = Counter()

                def finished(request: Any, kb: Counter[str] = kb,
                             count: Counter[str] = count) -> None:
                    # The file's size on disk (served as it is, uncompressed): the
                    # response sizes Chromium reported came short for some requests.
                    kind = _kind(request.url)
                    path = root / request.url.split("?")[0].split("/", 3)[3]
                    if kind != "page" and path.is_file():
                        kb[kind] += path.stat().st_size
                        count[kind] += 1

                page.on("request", finished)
                page.goto(f"{base}/probe.html?b={bundle}")
                page.wait_for_function("window.ready === true")
                started = time.perf_counter()
                results = page.evaluate("word => window.probe(word)", word)
                seconds = time.perf_counter() - started
                page.wait_for_timeout(1000)  # the last requests' events come after
                data = sum(kb[k] for k in ("entry", "metadata", "index chunk", "filter"))
                out[label] = {
                    "word_length": len(word), "results (route map: shards named)": results,
                    "s": round(seconds, 2),
                    "data_kb (entry, metadata, chunks)": round(data / 1024, 1),
                    "index_chunks_loaded": count["index chunk"],
                    "pagefind_code_kb": round((kb["pagefind code"] + kb["wasm"]) / 1024),
                    "by_kind_kb": {k: round(v / 1024, 1) for k, v in sorted(kb.items())}}
                context.close()
            page = browser.new_page()
            page.goto(f"{base}/probe.html?b={bundle}")
            page.wait_for_function("window.ready === true")
            for label, sample in samples.items():
                named = sorted(page.evaluate(
                    "async words => { const out = []; for (const w of words) "
                    "{ out.push(await window.probe(w)); } return out; }", sample))
                if named:
                    out[label] = {
                        "words": len(named), "median": named[len(named) // 2],
                        "p90": named[len(named) * 9 // 10], "max": named[-1],
                        "naming one shard": sum(1 for n in named if n <= 1),
                        "naming every shard": sum(1 for n in named if n == named[-1])}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def query_parts(root: Path, folders: Sequence[str], words: dict[str, str],
                samples: dict[str, list[str]]) -> dict[str, Any]:
    """`query_route` for the route map's parts `folders` under `root/pagefind/`, merged."""
    return query_route(root, words, samples, ",".join(f"/pagefind/{f}/" for f in folders))


def _pick(rng: random.Random, candidates: Sequence[str]) -> str:
    return rng.choice(sorted(candidates)) if candidates else ""


def query_words(shards: Sequence[set[str]], words: Words, seed: int) -> dict[str, str]:
    """A word of one shard and one of 2-5 shards (made-up ones: not the corpus's, whose
    stems are in many shards; and no other word begins with them), and the corpus's
    most frequent word of six letters or more (in every shard of 500 articles)."""
    counts: Counter[str] = Counter()
    for found in shards:
        counts.update(found)
    real = set(words.real)
    plain = re.compile(r"[a-z]{6,12}")
    rng = random.Random(seed)
    every = sorted({EDGES.sub("", w) for w in counts})

    def alone(word: str) -> bool:
        """No other word begins with it (Pagefind matches a query's words as prefixes)."""
        at = bisect.bisect_right(every, word)
        return at == len(every) or not every[at].startswith(word)

    return {
        "one shard": _pick(rng, [w for w, n in counts.items() if n == 1 and w not in real
                                 and plain.fullmatch(w) and alone(w)]),
        "2-5 shards": _pick(rng, [w for w, n in counts.items() if 2 <= n <= 5
                                  and w not in real and plain.fullmatch(w) and alone(w)]),
        "common": next(w for w in words.real if plain.fullmatch(w)),
    }


def sample_words(shards: Sequence[set[str]], words: Words, articles: Sequence[set[str]],
                 seed: int, size: int = 100) -> dict[str, list[str]]:
    """Words to ask the route map for, by the shards it names: the corpus's words seen in
    one of its articles (names, places: a reader's rare words), and made-up words of
    one shard, five letters or more."""
    counts: Counter[str] = Counter()
    for found in articles:
        counts.update(found)
    in_shards: Counter[str] = Counter()
    for found in shards:
        in_shards.update(found)
    plain = re.compile(r"[a-z]{5,}")
    real = set(words.real)
    rng = random.Random(seed)
    once = sorted(w for w, n in counts.items() if n == 1 and plain.fullmatch(w))
    made = sorted(w for w, n in in_shards.items()
                  if n == 1 and w not in real and plain.fullmatch(w))
    return {"sample: corpus words of one article": rng.sample(once, min(size, len(once))),
            "sample: made-up words of one shard": rng.sample(made, min(size, len(made)))}


def _routed_names(manifest: dict[str, Any]) -> list[str]:
    """The full shards the route map's parts of a `shards.json` cover, oldest first."""
    return sorted({name for part in manifest.get("routes", []) for name in part["ids"].values()},
                  key=int)


def synthetic_shards(site: Path, planted: str) -> list[set[str]]:
    """The words files of a built site's full shards (read only), with `planted` added
    to the middle one (synth.py's own words are each in every shard)."""
    from generator.search.routes import WORDS_FILE

    manifest = json.loads((site / "output/pagefind/shards.json").read_text(encoding="utf-8"))
    names = _routed_names(manifest)
    shards = [set(gzip.decompress((site / "output/pagefind" / name / WORDS_FILE)
                                  .read_bytes()).decode("utf-8").split("\n"))
              for name in names]
    assert not any(planted in found for found in shards)
    shards[len(shards) // 2].add(planted)
    return shards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--synthetic", type=Path, action="append", default=[],
                        help="a site built from synth.py (read only); may repeat")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--work", type=Path, help="default: a temporary folder, removed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--orders", type=int, default=50)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--parts", type=int, nargs="*", default=[],
                        help="full shards a route map's part (0: one bundle); step 4")
    parser.add_argument("--rounds", type=int, default=1, help="of step 4")
    parser.add_argument("--skip-whole", action="store_true",
                        help="leave out step 3 (the route map of one bundle) and the rest")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="route-vocabulary-"))
    results: dict[str, Any] = {}
    try:
        results["corpus"], model, articles = measure_corpus(args.corpus, args.orders,
                                                            args.seed)
        print(json.dumps(results["corpus"]), flush=True)
        words = Words(articles, args.seed)
        made = [words(rank) for rank in range(len(words.real) + 1, 2 * len(words.real) + 1)]
        results["labels"] = {"prefix share, corpus words": prefix_share(words.real),
                             "prefix share, as many made-up words": prefix_share(made)}
        shards = model_shards(model, words, max(args.sizes) // SHARD, args.seed)
        results["labels"] |= made_lengths(words, articles)
        print(json.dumps(results["labels"]), flush=True)
        for size in sorted(args.sizes) if args.parts else ():
            some = shards[:size // SHARD]
            chosen = query_words(some, words, args.seed)
            root = work / f"parts-{size}"
            keys = write_words(root / "pagefind", some)
            samples = sample_words(some, words, articles, args.seed)
            for number in range(args.rounds):
                for per in (args.parts if number % 2 == 0 else args.parts[::-1]):
                    found = {"words": chosen, "round": number + 1,
                             **build_parts(root / "pagefind", keys, per)}
                    if not args.no_browser and number == 0:
                        found["queries"] = query_parts(root, found["folders"], chosen,
                                                       samples)
                    results[f"model {size}, parts of {per}, round {number + 1}"] = found
                    print(json.dumps({f"model {size}, parts of {per}": found}), flush=True)
        for size in sorted(args.sizes) if not args.skip_whole else ():
            some = shards[:size // SHARD]
            chosen = query_words(some, words, args.seed)
            root = work / f"model-{size}"
            found: dict[str, Any] = {"words": chosen,
                                     "route": build_route(root / "pagefind", some)}
            if not args.no_browser:
                found["queries"] = query_route(root, chosen,
                                               sample_words(some, words, articles, args.seed))
            results[f"model {size}"] = found
            print(json.dumps({f"model {size}": found}), flush=True)
        if not args.skip_whole:  # step 3's full shard, and the synthetic archives
            drawn = draw(model, words, 1, SHARD, args.seed + 1)
            root = work / "model-shard"
            found = {"words": query_words(drawn, words, args.seed),
                     "shard": build_shard(root / "pagefind", drawn)}
            if not args.no_browser:
                found["queries"] = query_route(root, found["words"], {}, "/pagefind/0/")
            results["model full shard"] = found
            print(json.dumps({"model full shard": found}), flush=True)
            for site in args.synthetic:
                # One of its full shards as the build wrote it, served through a link.
                manifest = json.loads((site / "output/pagefind/shards.json").read_text("utf-8"))
                names = _routed_names(manifest)
                middle = names[len(names) // 2]
                root = work / f"synthetic-shard-{len(names) * SHARD}"
                root.mkdir(parents=True, exist_ok=True)
                (root / "pagefind").unlink(missing_ok=True)
                (root / "pagefind").symlink_to((site / "output/pagefind").resolve())
                chosen = {"common": "pasar", "synth.py's rarest": "banyuindah"}
                found = {"site": str(site), "shard": middle, "words": chosen,
                         **bundle_sizes(site / "output/pagefind" / middle)}
                if not args.no_browser:
                    found["queries"] = query_route(root, chosen, {}, f"/pagefind/{middle}/")
                results[f"synthetic full shard {len(names) * SHARD}"] = found
                print(json.dumps({f"synthetic full shard {len(names) * SHARD}": found}),
                      flush=True)
            for site in args.synthetic:
                planted = "zamrudkelana"
                some = synthetic_shards(site, planted)
                chosen = {"one shard": planted, "common": "pasar"}
                root = work / f"synthetic-{len(some) * SHARD}"
                found = {"site": str(site), "words": chosen,
                         "route": build_route(root / "pagefind", some)}
                if not args.no_browser:
                    found["queries"] = query_route(root, chosen, {})
                results[f"synthetic {len(some) * SHARD}"] = found
                print(json.dumps({f"synthetic {len(some) * SHARD}": found}), flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    main()
