"""The vocabulary of real news articles, measured, and a model of an archive's shards
fitted to it (benchmarks/route_vocabulary.py, steps 1 and 2: see its docstring)."""

from __future__ import annotations

import json
import math
import random
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    return draw(model, words, SHARD, shards, seed)


def draw(model: Zipf, words: Words, articles: int, draws: int, seed: int) -> list[set[str]]:
    """The distinct words of `articles` articles, `draws` times, drawn from the model."""
    bins = model.bins(articles)
    rng = random.Random(seed)
    drawn = []
    for _ in range(draws):
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


EDGES = re.compile(r"^\W+|\W+$")


def prefix_share(vocabulary: Sequence[str]) -> float:
    """The share of the words of five letters or more (punctuation at their edges taken
    off, as Pagefind does) that begin another word of `vocabulary`: a query for them
    also finds the other (Pagefind matches a query's words as prefixes)."""
    every = sorted({EDGES.sub("", w) for w in vocabulary} - {""})
    long = [i for i, w in enumerate(every) if len(w) >= 5]
    begun = sum(1 for i in long if i + 1 < len(every) and every[i + 1].startswith(every[i]))
    return round(begun / len(long), 3)


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


def made_lengths(words: Words, articles: Sequence[set[str]]) -> dict[str, float]:
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
