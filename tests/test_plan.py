"""The plan's and the site's memos change how fast a plan is made, never what it is.

Each example starts from a small archive and applies a random series of the
changes editors make (edit a body or a title, retag, add, delete, move a date,
withdraw, draft, alias), planning after each one twice: from scratch, and
with the memos of the previous step. Both must be equal, field by field and
fingerprint by fingerprint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import parse_config
from generator.content.model import Article
from generator.content.parse import parse_article
from generator.plan.feeds_and_lists import Before, list_counts
from generator.plan.pagination import OrderKey
from generator.plan.planner import Plan, PlanMemo, make_plan, plan_appended
from generator.plan.related import replanned_by_append
from generator.plan.site import Site, make_site
from generator.plan.site_memo import append_site, extend_site, reuse_site, site_memo
from generator.plan.sitemaps import sitemaps_of

# Two sections and two editors' picks, in both configurations below.
EDITORIAL = """
[[sections]]
name = "Kota"
order = 1
[[sections]]
name = "Olahraga"
order = 2
[home]
picks = 2
"""
CONFIG = parse_config("""
title = "Kabar Contoh"
base_url = "https://kabar.example/"
page_size = 2
home_size = 3
[outputs]
search = false

""" + EDITORIAL)
TAGS = ["Kota", "Banjir", "Pemilu", "Sekolah"]
AUTHORS = ["Hmz", "Ulm", "Adi"]
SECTIONS = ["Kota", "Olahraga", ""]
"""Editorial sections (an article of the third has none)."""
NOW = datetime(2024, 12, 31, tzinfo=UTC)


def text(title: str, day: int, tags: list[str], author: str, body: str,
         extra: str = "", year: int = 2024, section: str = "") -> str:
    month, day = 1 + day // 28 % 12, 1 + day % 28
    extra += f"section: {section}\n" if section else ""
    return (f"---\ntitle: {title}\ndate: {year}-{month:02d}-{day:02d}T08:00+07:00\n"
            f"tags: [{', '.join(tags)}]\nauthor: {author}\n{extra}---\n\n{body}\n")


def parse(name: str, source: str) -> Article:
    return parse_article(source, f"content/articles/{name}.md", CONFIG,
                         render=lambda markdown: f"<p>{markdown}</p>").article


def template_key(name: str) -> str:
    return "template:" + name


CHANGES = st.sampled_from(["body", "title", "tags", "add", "add-old", "add-later", "delete",
                           "date", "section", "feature",
                           "withdraw", "draft", "alias", "none"])


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, str], list[tuple[str, int, int]]]:
    start = {f"a{n}": text(f"Berita {n}", n * 3, [TAGS[n % 4]], AUTHORS[n % 3], f"Isi {n}.",
                           section=SECTIONS[n % 3])
             for n in range(draw(st.integers(0, 9)))}
    steps = draw(st.lists(st.tuples(CHANGES, st.integers(0, 99), st.integers(0, 99)),
                          max_size=8))
    return start, steps


def apply(files: dict[str, str], change: str, pick: int, value: int) -> None:
    names = sorted(files)
    name = names[pick % len(names)] if names else None
    if change in ("add", "add-old", "add-later") or name is None:
        day = 300 + value % 36 if change == "add" else value
        # "add-later": dated after NOW, so scheduled.
        files[f"new{len(files)}-{value}"] = text(f"Baru {value}", day, [TAGS[value % 4]],
                                                 AUTHORS[value % 3], "Isi baru.",
                                                 year=2025 if change == "add-later" else 2024,
                                                 section=SECTIONS[value % 3])
    elif change == "delete":
        del files[name]
    else:
        old = files[name]
        replacements = {
            "body": ("\n\n", f"\n\nRalat {value}. "),
            "title": ("title: ", f"title: Ralat {value} "),
            "tags": ("tags: [", f"tags: [{TAGS[value % 4]}, "),
            "date": ("date: 2024-", f"date: 2023-{1 + value % 12:02d}-01T08:00+07:00\nx: "),
            "withdraw": ("---\n\n", "withdrawn: Ditarik redaksi.\n---\n\n"),
            "draft": ("---\n\n", "draft: true\n---\n\n"),
            "alias": ("---\n\n", f"aliases: [/lama/{name}-{value}/]\n---\n\n"),
            # Into another section (or into one, from none); the lead and the picks.
            "section": ("section: Kota\n", "section: Olahraga\n") if "section: Kota" in old
            else ("section: Olahraga\n", "section: Kota\n") if "section: " in old
            else ("---\n\n", "section: Kota\n---\n\n"),
            "feature": ("---\n\n", "featured: true\n---\n\n"),
            "none": ("", ""),
        }
        find, replace_with = replacements[change]
        # (a key already there is not written again: a key twice is an error)
        if change == "none" or f"\n{replace_with.split(':')[0]}:" in old and change in (
                "withdraw", "draft", "alias", "feature"):
            return
        files[name] = old.replace(find, replace_with, 1)


def plan_for(site: Site, previous: PlanMemo | None,
             sealed: Mapping[str, tuple[OrderKey, ...]] | None = None) -> Plan:
    return make_plan(site, template_key, "globals", [], previous, sealed=sealed)


@settings(max_examples=150, deadline=None)
@given(histories(), st.booleans())
def test_memos_give_the_plan_a_fresh_start_gives(
        history: tuple[dict[str, str], list[tuple[str, int, int]]], drafts: bool) -> None:
    files, steps = history
    files = dict(files)
    plan_memo = site_memo_ = None
    sealed: Mapping[str, tuple[OrderKey, ...]] = {}  # (as each build leaves them)
    for change, pick, value in [("none", 0, 0), *steps]:
        apply(files, change, pick, value)
        articles = tuple(parse(name, files[name]) for name in sorted(files))
        site, problems = make_site(CONFIG, articles, (), drafts, now=NOW)
        if problems:  # two articles got the same URL: that build fails
            plan_memo = site_memo_ = None
            continue
        if site_memo_ is not None:
            reused = reuse_site(site_memo_, CONFIG, articles, (), drafts, NOW)
            assert reused is None or reused == site
            extended = extend_site(site_memo_, CONFIG, articles, (), drafts, NOW)
            assert extended is None or extended == site
        fresh = plan_for(site, None, sealed)
        remembered = plan_for(site, plan_memo, sealed)
        assert remembered.pages == fresh.pages
        assert remembered.problems == fresh.problems
        assert remembered.sealed == fresh.sealed and remembered.tails == fresh.tails
        plan_memo, site_memo_ = remembered.memo, site_memo(site, articles, (), drafts)
        sealed = remembered.sealed


def test_an_edited_body_reuses_every_section() -> None:
    files = {f"a{n}": text(f"Berita {n}", n, [TAGS[n % 4]], "Hmz", f"Isi {n}.") for n in range(6)}
    articles = tuple(parse(name, files[name]) for name in sorted(files))
    site, _ = make_site(CONFIG, articles, (), False, now=NOW)
    first = plan_for(site, None)
    assert first.reused == 0
    apply(files, "body", 2, 7)
    edited = tuple(parse(name, files[name]) for name in sorted(files))
    memo = site_memo(site, articles, (), False)
    again = reuse_site(memo, CONFIG, edited, (), False, NOW)
    assert again is not None  # no article moved: the indexes are taken as they were
    second = plan_for(again, first.memo)
    in_sections = [p for p in second.pages
                   if p.kind in ("article", "archive", "tag", "author", "month", "moved")
                   or (p.kind == "atom" and (p.tag or p.author))]
    assert second.reused >= len(in_sections) > len(second.pages) / 2
    edited_index = next(i for i, a in enumerate(again.articles) if a.path.endswith("/a2.md"))
    changed = {q.url for p, q in zip(first.pages, second.pages, strict=True)
               if p.fingerprint != q.fingerprint}
    showing = {q.url for q in second.pages if edited_index in q.deps}
    assert again.articles[edited_index].url in changed
    assert changed == showing
    assert second.pages == plan_for(again, None).pages


def test_a_new_template_or_setting_plans_everything_again() -> None:
    articles = (parse("a", text("Satu", 1, ["Kota"], "Hmz", "Isi.")),)
    site, _ = make_site(CONFIG, articles, (), False, now=NOW)
    first = plan_for(site, None)
    assert make_plan(site, lambda name: "new:" + name, "globals", [], first.memo).reused == 0
    assert make_plan(site, template_key, "other globals", [], first.memo).reused == 0


def test_a_scheduled_article_coming_due_builds_the_site_anew() -> None:
    later = parse("b", text("Nanti", 200, ["Kota"], "Hmz", "Isi."))
    articles = (parse("a", text("Satu", 1, ["Kota"], "Hmz", "Isi.")), later)
    before = datetime(2024, 3, 1, tzinfo=UTC)
    site, _ = make_site(CONFIG, articles, (), False, now=before)
    memo = site_memo(site, articles, (), False)
    assert reuse_site(memo, CONFIG, articles, (), False, datetime(2024, 3, 2, tzinfo=UTC))
    assert reuse_site(memo, CONFIG, articles, (), False, NOW) is None


def test_today_s_news_extends_the_site_without_indexing_it_again() -> None:
    files = {f"a{n}": text(f"Berita {n}", n, [TAGS[n % 4]], AUTHORS[n % 3], "Isi.")
             for n in range(6)}
    articles = tuple(parse(name, files[name]) for name in sorted(files))
    site, _ = make_site(CONFIG, articles, (), False, now=NOW)
    memo = site_memo(site, articles, (), False)
    for name, day, tags in (("z-newest", 200, "Baru"), ("b-newest", 201, TAGS[0])):
        files[name] = text("Terbaru " + name, day, [tags], "Hmz", "Isi.")
        articles = tuple(parse(n, files[n]) for n in sorted(files))
        expected, problems = make_site(CONFIG, articles, (), False, now=NOW)
        assert not problems
        assert extend_site(memo, CONFIG, articles, (), False, NOW) == expected
        memo = site_memo(expected, articles, (), False)
    # An article dated before the newest is not an extension: its place is elsewhere
    files["c-old"] = text("Lama", 2, ["Kota"], "Hmz", "Isi.")
    articles = tuple(parse(n, files[n]) for n in sorted(files))
    assert extend_site(memo, CONFIG, articles, (), False, NOW) is None
    # Nor is a tag spelled another way: make_site must name both files
    del files["c-old"]
    files["d-newest"] = text("Terbaru", 202, ["KOTA"], "Hmz", "Isi.")
    articles = tuple(parse(n, files[n]) for n in sorted(files))
    assert make_site(CONFIG, articles, (), False, now=NOW)[1]
    assert extend_site(memo, CONFIG, articles, (), False, NOW) is None


# Every output on, and sitemaps split in parts of five addresses.
SPLIT = parse_config("""
title = "Kabar Contoh"
base_url = "https://kabar.example/"
page_size = 2
home_size = 3
sitemap_size = 5
[outputs]
search = false

""" + EDITORIAL)


@settings(max_examples=150, deadline=None)
@given(histories(), st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.booleans()),
                             min_size=1, max_size=3))
def test_an_append_plans_every_page_that_changes_as_make_plan_does(
        history: tuple[dict[str, str], list[tuple[str, int, int]]],
        added: list[tuple[int, int, bool]]) -> None:
    # Given an archive after a random history, planned with the pages sealed before it
    # (sealed pages: a deletion or a backdated article leaves them shorter or longer)
    files, steps = history
    files = dict(files)
    first, _ = make_site(SPLIT, tuple(parse(n, files[n]) for n in sorted(files)), (), False,
                         now=NOW)
    sealed = make_plan(first, template_key, "globals", []).sealed
    for change, pick, value in steps:
        apply(files, change, pick, value)
    articles = tuple(parse(name, files[name]) for name in sorted(files))
    site, problems = make_site(SPLIT, articles, (), False, now=NOW)
    if problems or not site.articles:
        return
    before = make_plan(site, template_key, "globals", [], sealed=sealed)
    # When articles dated after every one of them are appended (today's news)
    new = tuple(parse(f"hari-ini-{n}", text(
        f"Hari ini {n}", 0, [TAGS[tag]], AUTHORS[author], f"Isi {n}.",
        extra=f"aliases: [/lama/{n}/]\n" if alias else "", section=SECTIONS[(tag + n) % 3],
    ).replace("date: 2024-01-01T08:00", f"date: 2024-12-30T{10 + n:02d}:00"))
        for n, (tag, author, alias) in enumerate(added))
    appended = append_site(site_memo(site, articles, (), False), SPLIT, site.articles, new,
                           False, NOW)
    whole, problems = make_site(SPLIT, articles + new, (), False, now=NOW)
    if appended is None:
        return  # refused (an alias taken, a tag spelt two ways): the whole way decides
    assert not problems and replace(appended, articles=tuple(appended.articles)) == whole
    new_authors = {a.author.slug for a in whole.authors} - {a.author.slug for a in site.authors}
    if any(b.slug in new_authors for i, a in enumerate(whole.articles)
           if i not in whole.listed for b in a.authors):
        return  # a new author page links a withdrawn article's byline: the quick path
        # refuses it
    # Then the pages planned for the append are make_plan's, and every page that
    # changed is among them
    moves = next((p.links for p in before.pages if p.kind == "redirects"), ())
    old_page = {p.url: p for p in before.pages if p.kind == "article"}
    entries = sitemaps_of(before.pages)
    # (the follow-ups of the earlier pages it plans again, as the quick path reads them)
    kept = {i: old_page[whole.articles[i].url].follow_up
            for i in replanned_by_append(whole, len(site.articles))}
    plan = plan_appended(appended, template_key, "globals",
                         lambda i: appended.articles[i].key,
                         Before(len(site.articles), list_counts(site), moves, entries, kept,
                                tails=before.tails))
    planned = plan.pages
    whole_plan = make_plan(whole, template_key, "globals", [], sealed=before.sealed)
    fresh = {p.output: p for p in whole_plan.pages}
    old = {p.output: p for p in before.pages}
    assert all(fresh[p.output] == p for p in planned)
    assert {o for o, p in fresh.items() if old.get(o) != p} <= {p.output for p in planned}
    # And the pages it filled up are sealed as the whole way seals them
    assert {**before.sealed, **{base: before.sealed.get(base, ()) + keys
                                for base, keys in plan.sealed.items()}} == whole_plan.sealed
    assert {base: whole_plan.tails[base] for base in plan.tails} == plan.tails


def test_a_deleted_or_moved_follow_up_gives_way_to_the_one_before_with_memos() -> None:
    # Given four stories of one tag: each later one picks the two before it
    files = {f"a{n}": text(f"Berita {n}", n, ["Kota"], "Hmz", "Isi.") for n in range(4)}
    for change in ("delete", "date"):
        articles = tuple(parse(name, files[name]) for name in sorted(files))
        site, _ = make_site(CONFIG, articles, (), False, now=NOW)
        first = plan_for(site, None)
        follow = {p.article: p.follow_up for p in first.pages if p.kind == "article"}
        assert follow == {0: 2, 1: 3, 2: 3, 3: None}
        # When the newest is deleted, or moved before them all, the memo's plan is the
        # plan from scratch: the stories it was on show the newest one before it
        changed = dict(files)
        if change == "delete":
            del changed["a3"]
        else:
            changed["a3"] = changed["a3"].replace("date: 2024-", "date: 2023-")
        again = tuple(parse(name, changed[name]) for name in sorted(changed))
        moved, _ = make_site(CONFIG, again, (), False, now=NOW)
        fresh = plan_for(moved, None)
        assert plan_for(moved, first.memo).pages == fresh.pages
        shown = {moved.articles[p.article].path: p.follow_up for p in fresh.pages
                 if p.kind == "article" and p.article is not None}
        assert shown["content/articles/a1.md"] == moved.articles.index(
            next(a for a in moved.articles if a.path == "content/articles/a2.md"))
