"""The route map's size with a real newsroom's vocabulary (issue 17).

    .venv/bin/python benchmarks/route_vocabulary.py [--corpus DIR] [--synthetic SITE]
        [--sizes 10000 100000] [--work DIR] [--seed N] [--no-browser]

1. Measured: how the vocabulary of real Indonesian news articles grows with their
   number (`--corpus`, default ../shared/corpus-real/articles: its `.txt` files,
   each title plus body, the caption and the reporter/editor credit left out as the
   search records leave them out), tokenised as the route map does (`words_of` in
   generator/search/routes.py: lower-cased, split at white space). Distinct words
   V(n) after n articles, averaged over random orders; a Heaps' law fit
   V(n) = K * n**beta; the new words each further article brings.
2. Modelled: each word r (by rank) is in an article with probability
   p_r = min(1, c * r**-alpha), independently of the other articles (a Zipf law
   over document frequencies, which gives Heaps' law with beta = 1/alpha), with
   c and alpha fitted to the measured V(n). A full shard of 500 articles then holds
   word r with probability 1 - (1 - p_r)**500; every shard of an archive of N
   articles is drawn so. The ranks the corpus has are labelled with its own words
   (most frequent first); the rarer ranks with words made by a character model of
   the corpus's words seen in one article only (names, places, numbers).
3. Measured on the model: the route map Pagefind writes for those shards, through
   the project's own code (words files by `words_of`, records by `route_records`,
   the bundle by `bundles._index_shard` and its Pagefind service), its bytes on disk,
   and what a first query loads from it, in Debian's Chromium (as search_query.py):
   for a word of one shard, a word of a few shards and a word of every shard. The
   same for the synthetic archive's route map (`--synthetic`: a site built from
   synth.py, read only: its shards' words files are copied, one made-up word
   planted in one shard).

Nothing of the corpus is written outside `--work` (a temporary folder by default);
the report holds counts only.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import json
import math
import os
import random
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus-real" / "articles"
SHARD = 500
"""Articles in a full shard (the default `shard_size`)."""


# 1. The corpus: measured -------------------------------------------------------------

def _credits(folder: Path) -> dict[str, set[str]]:
    """File name -> the paragraphs the search record leaves out (caption, credit), from
    the `.jsonl` beside the `.txt` files."""
    left_out: dict[str, set[str]] = {}
    for jsonl in folder.glob("*.jsonl"):
        for line in jsonl.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if "file" in item:
                left_out[item["file"]] = {str(item.get(key) or "").strip()
                                          for key in ("caption", "reporter_editor")} - {""}
    return left_out


def corpus_sources(corpus: Path) -> dict[str, list[set[str]]]:
    """Source (folder) -> the distinct words of each of its articles (title and body), as
    `words_of` splits them."""
    sources = {}
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        left_out = _credits(folder)
        articles = []
        for path in sorted(folder.glob("*.txt")):
            paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n")]
            skip = left_out.get(path.name, set())
            kept = [p for p in paragraphs if p and p not in skip]
            articles.append(set(" ".join(kept).lower().split()))
        sources[folder.name] = articles
    return sources


def corpus_articles(corpus: Path) -> list[set[str]]:
    """The distinct words of each article of every source."""
    return [words for articles in corpus_sources(corpus).values() for words in articles]


def growth(articles: Sequence[set[str]], orders: int, seed: int) -> list[float]:
    """Mean distinct words after n = 1..len(articles) articles, over random orders."""
    total = [0.0] * len(articles)
    rng = random.Random(seed)
    for _ in range(orders):
        order = list(articles)
        rng.shuffle(order)
        seen: set[str] = set()
        for n, words in enumerate(order):
            seen |= words
            total[n] += len(seen)
    return [t / orders for t in total]


def heaps_fit(curve: Sequence[float], start: int) -> tuple[float, float]:
    """(K, beta) of V(n) = K * n**beta, least squares on the logarithms, n >= start."""
    xs = [math.log(n) for n in range(start, len(curve) + 1)]
    ys = [math.log(curve[n - 1]) for n in range(start, len(curve) + 1)]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    beta = (sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
            / sum((x - mx) ** 2 for x in xs))
    return math.exp(my - beta * mx), beta


# 2. The model ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Zipf:
    """Word r (1, 2, ...) is in an article with probability min(1, c * (r + b)**-alpha)
    (Zipf-Mandelbrot), independently of the other articles."""

    c: float
    """The scale."""
    alpha: float
    """The exponent (Heaps' beta is 1/alpha for large archives)."""
    b: float
    """The shift, which flattens the most frequent words' chances."""

    def p(self, rank: float) -> float:
        """The chance that word `rank` is in a given article."""
        return min(1.0, self.c * (rank + self.b) ** -self.alpha)

    def bins(self, articles: int, exact: int = 300, factor: float = 1.04
             ) -> list[tuple[int, int, float]]:
        """(first rank, end rank, chance per word of being among `articles` articles'
        words) of the ranks in bins: one rank each up to `exact`, then growing by
        `factor`, up to where fewer than 0.01 words of the rest are expected."""
        out: list[tuple[int, int, float]] = []
        rank = 1
        while True:
            end = rank + 1 if rank <= exact else max(rank + 1, int(rank * factor))
            p = self.p(math.sqrt(rank * end) if end > rank + 1 else rank)
            out.append((rank, end, 1.0 - (1.0 - p) ** articles))
            rank = end
            if rank > exact and (self.tail(rank, articles) < 0.01 or rank > 10**13):
                return out

    def tail(self, rank: int, articles: int) -> float:
        """About how many words of rank >= `rank` are among `articles` articles'."""
        if self.p(rank) >= 1.0:
            return math.inf
        return articles * self.c * (rank + self.b) ** (1 - self.alpha) / (self.alpha - 1)

    def vocabulary(self, articles: int) -> float:
        """Expected distinct words of `articles` articles."""
        bins = self.bins(articles)
        return (sum((end - rank) * q for rank, end, q in bins)
                + self.tail(bins[-1][1], articles))


def zipf_fit(curve: Sequence[float]) -> Zipf:
    """The model closest to the measured V(n) (squared log error at n spaced evenly on
    a log scale), by a grid search over alpha, log c and log(1 + b), refined."""
    points = sorted({round(len(curve) ** (k / 9)) for k in range(10)})

    def error(model: Zipf) -> float:
        return sum((math.log(model.vocabulary(n)) - math.log(curve[n - 1])) ** 2
                   for n in points)

    centre = (1.5, math.log(100.0), math.log(11.0))
    spans = (0.5, 4.0, 4.0)
    best = Zipf(100.0, 1.5, 10.0)
    for _ in range(5):
        candidates = [Zipf(math.exp(centre[1] + spans[1] * j / 4),
                           max(1.1, centre[0] + spans[0] * i / 4),
                           max(0.0, math.exp(centre[2] + spans[2] * k / 4) - 1))
                      for i in range(-4, 5) for j in range(-4, 5) for k in range(-4, 5)]
        best = min(candidates, key=error)
        centre = (best.alpha, math.log(best.c), math.log(1 + best.b))
        spans = (spans[0] / 3, spans[1] / 3, spans[2] / 3)
    return best


def _binomial(rng: random.Random, n: int, q: float) -> int:
    """A draw of Binomial(n, q): exact for small n, else Poisson or normal."""
    if n <= 64:
        return sum(rng.random() < q for _ in range(n))
    mean = n * q
    if mean < 30:
        limit, k, product = math.exp(-mean), 0, rng.random()
        while product > limit:
            k += 1
            product *= rng.random()
        return min(k, n)
    return max(0, min(n, round(rng.gauss(mean, math.sqrt(mean * (1 - q))))))


class Words:
    """Rank -> word: the corpus's words, most frequent first (ties in a random order),
    then words made by a character model (order 3) of the words found in one article,
    each unlike every other."""

    def __init__(self, articles: Sequence[set[str]], seed: int) -> None:
        counts: Counter[str] = Counter()
        for words in articles:
            counts.update(words)
        rng = random.Random(seed)
        real = sorted(counts)
        rng.shuffle(real)
        real.sort(key=lambda word: -counts[word])
        self.real = real
        self.seed = seed
        chains: dict[str, Counter[str]] = {}
        for word in (w for w, n in counts.items() if n == 1):
            padded = "^^^" + word + "$"
            for i in range(3, len(padded)):
                chains.setdefault(padded[i - 3:i], Counter())[padded[i]] += 1
        # Sorted: a set's order changes from run to run (hash randomisation).
        self.chains = {state: (sorted(nexts), _cumulative([nexts[c] for c in sorted(nexts)]))
                       for state, nexts in chains.items()}
        self.made: dict[int, str] = {}
        self.used = {"", *real}

    def __call__(self, rank: int) -> str:
        if rank <= len(self.real):
            return self.real[rank - 1]
        word = self.made.get(rank)
        if word is None:
            # A word made again is drawn again: each rank is a word of its own, or the
            # vocabulary would be smaller than the model's (half of it at 100,000).
            rng = random.Random(self.seed * 1_000_003 + rank)
            while word is None or word in self.used:
                word, state = "", "^^^"
                while len(word) < 30:
                    chars, weights = self.chains[state]
                    char = rng.choices(chars, cum_weights=weights)[0]
                    if char == "$":
                        break
                    word += char
                    state = state[1:] + char
            self.used.add(word)
            self.made[rank] = word
        return word


def _cumulative(values: list[int]) -> list[int]:
    total, out = 0, []
    for value in values:
        total += value
        out.append(total)
    return out


def model_shards(model: Zipf, words: Words, shards: int, seed: int) -> list[set[str]]:
    """The distinct words of each of `shards` full shards, drawn from the model."""
    bins = model.bins(SHARD)
    rng = random.Random(seed)
    drawn = []
    for _ in range(shards):
        found: set[str] = set()
        for rank, end, q in bins:
            if end == rank + 1:
                if rng.random() < q:
                    found.add(words(rank))
                continue
            for chosen in rng.sample(range(rank, end), _binomial(rng, end - rank, q)):
                found.add(words(chosen))
        found.discard("")
        drawn.append(found)
    return drawn


# 3. The route map: built by the project's code, and queried ------------------------------

def build_route(index: Path, shards: Sequence[set[str]]) -> dict[str, Any]:
    """`_build_route` in a forked process, so that its peak memory is Pagefind's alone."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=lambda: queue.put(_build_route(index, shards)))
    process.start()
    found: dict[str, Any] = queue.get()
    process.join()
    return found


def _build_route(index: Path, shards: Sequence[set[str]]) -> dict[str, Any]:
    """Write each shard's words file as a build does, then the route map from them;
    its files' bytes, and Pagefind's time and peak memory."""
    import threading

    from generator.search.bundles import Shard, _index_shard
    from generator.search.records import SearchRecord
    from generator.search.routes import ROUTE, WORDS_FILE, route_records, words_of
    from generator.search.service import Service, executable

    shutil.rmtree(index, ignore_errors=True)
    names = [str(n * SHARD) for n in range(len(shards))]
    for name, found in zip(names, shards, strict=True):
        (index / name).mkdir(parents=True)
        record = SearchRecord(url=name, title="", date="", sort="", image="", filters={},
                              content=" ".join(found))
        (index / name / WORDS_FILE).write_bytes(words_of([record]))
    records = route_records(index, names)
    assert records is not None
    binary = executable()
    assert binary is not None
    peak = [0]
    done = threading.Event()
    watcher = threading.Thread(target=_watch_pagefind, args=(peak, done))
    watcher.start()
    started = time.perf_counter()
    try:
        with Service(binary) as service:
            _index_shard(service, Shard(-1, "model", tuple(records), ROUTE), "id", index,
                         "vocabulary", words=False)
    finally:
        seconds = time.perf_counter() - started
        done.set()
        watcher.join()
    route = index / ROUTE
    files = [p for p in route.rglob("*") if p.is_file() and p.name != ".warta-shard"]
    chunks = sorted(p.stat().st_size for p in (route / "index").iterdir())
    return {
        "shards": len(shards),
        "words_per_shard": round(sum(map(len, shards)) / len(shards)),
        "distinct_words": len(set().union(*shards)),
        "words_files_kb": round(sum((index / n / WORDS_FILE).stat().st_size
                                    for n in names) / 1024),
        "pagefind_s": round(seconds, 1),
        "pagefind_peak_rss_mb": peak[0] // 1024,
        "route_total_kb": round(sum(p.stat().st_size for p in files) / 1024),
        "fragments_kb": round(sum(p.stat().st_size for p in (route / "fragment").iterdir())
                              / 1024),
        "index_chunks": len(chunks),
        "index_kb": round(sum(chunks) / 1024),
        "chunk_kb_median_max": [round(chunks[len(chunks) // 2] / 1024, 1),
                                round(chunks[-1] / 1024, 1)],
        "metadata_kb": round(sum(p.stat().st_size for p in route.glob("*.pf_meta")) / 1024, 1),
        "entry_kb": round((route / "pagefind-entry.json").stat().st_size / 1024, 1),
    }


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
window.probe = async (word) => {
  const pagefind = await import("/pagefind/rute/pagefind.js");
  await pagefind.options({ basePath: "/pagefind/rute/" });
  const found = await pagefind.search(word);
  return found.results.length;
};
window.ready = true;
</script>"""


def query_route(root: Path, words: dict[str, str],
                samples: dict[str, list[str]]) -> dict[str, Any]:
    """What a fresh page loads to ask the route map under `root/pagefind/rute/` for
    each word of `words` (label -> word), in Debian's Chromium; a fresh browser
    context (empty cache) for each. Then, on one page, how many shards the route map
    names for each word of each list of `samples`."""
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
                    kind = _kind(request.url)
                    if kind != "page":
                        kb[kind] += request.sizes()["responseBodySize"]
                        count[kind] += 1

                page.on("requestfinished", finished)
                page.goto(f"{base}/probe.html")
                page.wait_for_function("window.ready === true")
                started = time.perf_counter()
                results = page.evaluate("word => window.probe(word)", word)
                seconds = time.perf_counter() - started
                page.wait_for_timeout(1000)  # the last requests' events come after
                data = sum(kb[k] for k in ("entry", "metadata", "index chunk", "filter"))
                out[label] = {
                    "word_length": len(word), "shards_named": results,
                    "s": round(seconds, 2),
                    "route_data_kb": round(data / 1024, 1),
                    "index_chunks_loaded": count["index chunk"],
                    "pagefind_code_kb": round((kb["pagefind code"] + kb["wasm"]) / 1024),
                    "by_kind_kb": {k: round(v / 1024, 1) for k, v in sorted(kb.items())}}
                context.close()
            page = browser.new_page()
            page.goto(f"{base}/probe.html")
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


def _pick(rng: random.Random, candidates: Sequence[str]) -> str:
    return rng.choice(sorted(candidates)) if candidates else ""


_EDGES = re.compile(r"^\W+|\W+$")


def prefix_share(vocabulary: Sequence[str]) -> float:
    """The share of the words of five letters or more (punctuation at their edges taken
    off, as Pagefind does) that begin another word of `vocabulary`: a query for them
    also finds the other (Pagefind matches a query's words as prefixes)."""
    every = sorted({_EDGES.sub("", w) for w in vocabulary} - {""})
    long = [i for i, w in enumerate(every) if len(w) >= 5]
    begun = sum(1 for i in long if i + 1 < len(every) and every[i + 1].startswith(every[i]))
    return round(begun / len(long), 3)


def query_words(shards: Sequence[set[str]], words: Words, seed: int) -> dict[str, str]:
    """A word of one shard and one of 2-5 shards (made-up ones: not the corpus's, whose
    stems are in many shards; and no other word begins with them), and the corpus's
    most frequent word of six letters or more (in every shard)."""
    counts: Counter[str] = Counter()
    for found in shards:
        counts.update(found)
    real = set(words.real)
    plain = re.compile(r"[a-z]{6,12}")
    rng = random.Random(seed)
    every = sorted({_EDGES.sub("", w) for w in counts})

    def alone(word: str) -> bool:
        """No other word begins with it (Pagefind matches a query's words as prefixes)."""
        at = bisect.bisect_right(every, word)
        return at == len(every) or not every[at].startswith(word)

    return {
        "one shard": _pick(rng, [w for w, n in counts.items() if n == 1 and w not in real
                                 and plain.fullmatch(w) and alone(w)]),
        "2-5 shards": _pick(rng, [w for w, n in counts.items() if 2 <= n <= 5
                                  and w not in real and plain.fullmatch(w) and alone(w)]),
        "every shard": next(w for w in words.real if plain.fullmatch(w)
                            and counts[w] == len(shards)),
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


def synthetic_shards(site: Path, planted: str) -> list[set[str]]:
    """The words files of a built site's full shards (read only), with `planted` added
    to the middle one (synth.py's own words are each in every shard)."""
    from generator.search.routes import WORDS_FILE

    manifest = json.loads((site / "output/pagefind/shards.json").read_text(encoding="utf-8"))
    names = sorted(set(manifest.get("routes", {}).values()), key=int)
    shards = [set(gzip.decompress((site / "output/pagefind" / name / WORDS_FILE)
                                  .read_bytes()).decode("utf-8").split("\n"))
              for name in names]
    assert not any(planted in found for found in shards)
    shards[len(shards) // 2].add(planted)
    return shards


def measure_corpus(corpus: Path, orders: int, seed: int) -> tuple[dict[str, Any], Zipf,
                                                                 list[set[str]]]:
    articles = corpus_articles(corpus)
    curve = growth(articles, orders, seed)
    n = len(articles)
    counts: Counter[str] = Counter()
    for words in articles:
        counts.update(words)
    k_all, beta_all = heaps_fit(curve, 1)
    k_late, beta_late = heaps_fit(curve, 50)
    started = time.perf_counter()
    model = zipf_fit(curve)
    fit_s = time.perf_counter() - started
    points = sorted({1, 10, 50, 100, 200, n})
    report = {
        "articles": n,
        "distinct_words_per_article_mean": round(sum(map(len, articles)) / n, 1),
        "vocabulary": len(counts),
        "words_in_one_article_share": round(sum(1 for c in counts.values() if c == 1)
                                            / len(counts), 3),
        "V(n) measured": {p: round(curve[p - 1]) for p in points},
        "heaps n>=1": {"K": round(k_all, 1), "beta": round(beta_all, 3)},
        "heaps n>=50": {"K": round(k_late, 1), "beta": round(beta_late, 3)},
        "new words per article, measured (last 50 articles)":
            round((curve[-1] - curve[-51]) / 50, 1),
        "by source": {name: _source_growth(some, curve, orders, seed)
                      for name, some in corpus_sources(corpus).items()},
        "model": {"c": round(model.c, 1), "alpha": round(model.alpha, 4),
                  "b": round(model.b, 1), "fit_s": round(fit_s, 1)},
        "V(n) model": {p: round(model.vocabulary(p)) for p in [*points, SHARD, 10_000,
                                                                100_000]},
        "V(n) heaps n>=50": {p: round(k_late * p ** beta_late)
                             for p in (SHARD, 10_000, 100_000)},
        "new words per article, model": {
            p: round((model.vocabulary(p + 100) - model.vocabulary(p)) / 100, 1)
            for p in (n, 10_000, 100_000)},
    }
    return report, model, articles


def _lengths(words: Words, articles: Sequence[set[str]]) -> dict[str, float]:
    """Mean length of the made-up words drawn so far, and of the corpus's words seen in
    one article (the kind they imitate)."""
    counts: Counter[str] = Counter()
    for found in articles:
        counts.update(found)
    once = [w for w, n in counts.items() if n == 1]
    made = list(words.made.values())
    return {"made-up words": len(made),
            "made-up words' mean length": round(sum(map(len, made)) / max(len(made), 1), 1),
            "corpus one-article words' mean length": round(sum(map(len, once)) / len(once), 1)}


def _source_growth(articles: Sequence[set[str]], mixed: Sequence[float], orders: int,
                   seed: int) -> dict[str, float]:
    """One source's V(n) at its own number of articles, the three sources' at the same n,
    and its own Heaps' fit (n >= 20)."""
    curve = growth(articles, orders, seed)
    k, beta = heaps_fit(curve, 20)
    return {"articles": len(articles), "V(n)": round(curve[-1]),
            "V(n) of the mixed corpus": round(mixed[len(articles) - 1]),
            "K": round(k, 1), "beta": round(beta, 3)}


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
        results["labels"] |= _lengths(words, articles)
        print(json.dumps(results["labels"]), flush=True)
        for size in sorted(args.sizes):
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
        for site in args.synthetic:
            planted = "zamrudkelana"
            some = synthetic_shards(site, planted)
            chosen = {"one shard": planted, "every shard": "pasar"}
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
