"""The reader's pages in a real browser (Debian's Chromium through Playwright): the
"copy link" button, the compact phone masthead, and the page total on old list pages,
each with and without JavaScript.

Skipped when Chromium or Playwright is missing. The demo archive is built once.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from generator.build.pipeline import BuildOptions, build
from tests.test_real_clients import serve

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPO = Path(__file__).resolve().parent.parent
PHONE = {"width": 375, "height": 800}
HEADLINE_WITHIN = 250
"""On a 375 px phone the first headline starts within this many pixels of the top."""

if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo archive, built and served; yields the base URL."""
    site = tmp_path_factory.mktemp("reader") / "demo"
    site.mkdir()
    shutil.copy2(REPO / "site.toml", site / "site.toml")
    for folder in ("content", "themes"):
        shutil.copytree(REPO / folder, site / folder)
    build(BuildOptions(site_dir=site, index_search=False,
                       now=datetime.fromisoformat("2026-09-06T12:00:00+07:00")))
    with serve(site / "output") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def _an_article(page: Any, base: str) -> str:
    page.goto(base + "/")
    href = page.locator(".card-title a").first.get_attribute("href")
    assert href
    return str(href)


def test_copy_link_puts_the_address_on_the_clipboard(demo: str, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo)
    page = context.new_page()
    url = _an_article(page, demo)
    page.goto(demo + url)
    button = page.get_by_role("button", name="Salin tautan")
    # The button shows once its script ran, is reachable by keyboard and has its name
    sync_api.expect(button).to_be_visible()
    button.focus()
    sync_api.expect(button).to_be_focused()
    page.keyboard.press("Enter")
    sync_api.expect(page.locator(".share-status")).to_have_text("Tautan disalin")
    assert page.evaluate("navigator.clipboard.readText()") == \
        "https://warta.example" + url
    # The share links have names that say what they do
    sync_api.expect(page.get_by_role("link", name="Bagikan ke WhatsApp")).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/\?text="))
    context.close()


def test_without_javascript_the_address_is_there_to_select(demo: str, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo + "/")
    href = page.locator(".card-title a").first.get_attribute("href")
    page.goto(demo + str(href))
    sync_api.expect(page.locator(".share-copy")).to_be_hidden()
    field = page.get_by_label("Tautan", exact=True)
    sync_api.expect(field).to_be_visible()
    sync_api.expect(field).to_have_value("https://warta.example" + str(href))
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_first_headline_starts_high_on_a_phone(demo: str, browser: Any,
                                                    javascript: bool) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(demo + "/")
    home = page.locator(".card-title").first.bounding_box()
    assert home is not None and home["y"] < HEADLINE_WITHIN, home
    page.goto(demo + str(page.locator(".card-title a").first.get_attribute("href")))
    article = page.locator("h1.article-title").bounding_box()
    assert article is not None and article["y"] < HEADLINE_WITHIN, article
    # The sections stay reachable: one row that scrolls sideways, every link in it
    row = page.locator(".site-nav ul")
    box = row.bounding_box()
    assert box is not None and box["height"] < 60, box
    assert page.evaluate("(el) => el.scrollWidth > el.clientWidth", row.element_handle())
    last = page.locator(".site-nav a").last
    last.scroll_into_view_if_needed()
    sync_api.expect(last).to_be_in_viewport()
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_old_list_pages_show_the_total_with_javascript_only(demo: str, browser: Any,
                                                           javascript: bool) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(demo + "/arsip/")
    total = re.search(r"Halaman (\d+) dari (\d+)",
                      page.locator(".pagination-position").inner_text())
    assert total and total.group(1) == total.group(2)
    page.goto(demo + "/arsip/page/1/")
    expected = f"Halaman 1 dari {total.group(2)}" if javascript else "Halaman 1"
    sync_api.expect(page.locator(".pagination-position")).to_have_text(expected)
    sync_api.expect(page.get_by_role("link", name="Terbaru")).to_have_attribute(
        "href", "/arsip/")
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_page_below_the_newest_leads_to_the_lists_address(demo: str, browser: Any,
                                                              javascript: bool) -> None:
    # The page below the newest links it by its number, so that it need not change
    # when the list gains a page; the script points those links at the list's address,
    # and without it the number's page forwards there
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(demo + "/arsip/")
    last = int(re.findall(r"\d+", page.locator(".pagination-position").inner_text())[-1])
    assert last > 1
    page.goto(f"{demo}/arsip/page/{last - 1}/")
    newer = page.locator(".pagination-newer a")
    number = page.locator(".pagination-number a", has_text=re.compile(rf"^{last}$"))
    expected = "/arsip/" if javascript else f"/arsip/page/{last}/"
    sync_api.expect(newer).to_have_attribute("href", expected)
    sync_api.expect(number).to_have_attribute("href", expected)
    newer.click()
    page.wait_for_url(demo + "/arsip/")
    sync_api.expect(page.locator(".pagination-position")).to_have_text(
        f"Halaman {last} dari {last}")
    context.close()


SMALL_HEADINGS = ("tags-title", "share-title", "follow-up-title", "related-title",
                  "section-nav-title")
"""The headings below an article's text, styled alike (style.css); a rule whose body an
edit lost once gave the tags' heading the size of a headline and a double rule."""


def test_the_headings_below_an_article_look_alike(demo: str, browser: Any) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        # (an old story with tags, related news and a follow-up)
        page.goto(demo + "/2022/08/kirab-budaya-sumberjaya/")
        looks = page.evaluate("""ids => ids.filter(id => document.getElementById(id))
            .map(id => { const s = getComputedStyle(document.getElementById(id));
                         return [id, s.fontSize, s.textTransform, s.letterSpacing,
                                 s.fontFamily, s.color, s.borderTopStyle, s.marginTop]; })""",
                              list(SMALL_HEADINGS))
    finally:
        page.close()
    assert [look[0] for look in looks] == list(SMALL_HEADINGS)
    assert len({tuple(look[1:]) for look in looks}) == 1, looks
    assert looks[0][2] == "uppercase" and looks[0][6] == "none"


@pytest.mark.parametrize("path", ["/tag/banjir/", "/rubrik/pemerintahan/"])
def test_a_listed_story_s_photo_sits_beside_its_text(demo: str, browser: Any,
                                                       path: str) -> None:
    # (a <picture>'s <source> once took the text's cell: the text went into the
    # thumbnail's narrow column and the photo below it, the list's full width)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(demo + path)
        boxes = page.evaluate("""() => [...document.querySelectorAll('.cards-list .card')]
            .filter(card => card.querySelector('picture'))
            .map(card => [card.querySelector('img').getBoundingClientRect().toJSON(),
                          card.querySelector('.card-text').getBoundingClientRect().toJSON()])""")
    finally:
        page.close()
    assert boxes, "no story with a photo on " + path
    for image, text in boxes:
        assert image["left"] >= text["right"] and abs(image["top"] - text["top"]) < 2
        assert image["width"] < text["width"]


def test_a_video_and_a_youtube_frame_in_a_story_fit_a_phone(
        browser: Any, tmp_path: Path) -> None:
    # Given a story with a reader's phone video and YouTube's embed code (560 x 315,
    # its source here a page of the site: the test has no network)
    site = tmp_path / "site"
    shutil.copytree(REPO / "themes", site / "themes")
    (site / "site.toml").write_text('title = "Kabar"\nbase_url = "https://kabar.example/"\n'
                                    "[outputs]\nsearch = false\n", encoding="utf-8")
    (site / "content/media").mkdir(parents=True)
    (site / "content/media/VID_0001.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (site / "content/articles").mkdir()
    (site / "content/articles/banjir.md").write_text(
        "---\ntitle: Banjir\ndate: 2024-03-01\n---\nAir naik.\n\n"
        "![Banjir di Jalan Cempaka](media/VID_0001.mp4)\n\n"
        '<iframe width="560" height="315" src="/404.html" title="YouTube video player" '
        'frameborder="0" allowfullscreen></iframe>\n', encoding="utf-8")
    build(BuildOptions(site_dir=site, index_search=False,
                       now=datetime.fromisoformat("2024-03-02T12:00:00+07:00")))
    # When a reader opens it on a phone
    with serve(site / "output") as base:
        page = browser.new_page(viewport=PHONE)
        try:
            page.goto(base + "/2024/03/banjir/")
            boxes = page.evaluate("""() => ({
                body: document.querySelector('.article-body').getBoundingClientRect().toJSON(),
                frame: document.querySelector('iframe').getBoundingClientRect().toJSON(),
                video: document.querySelector('video').getBoundingClientRect().toJSON(),
                scroll: document.documentElement.scrollWidth})""")
        finally:
            page.close()
    # Then neither is wider than the text's column, the page does not scroll sideways,
    # and the frame keeps the video's proportions
    for box in (boxes["frame"], boxes["video"]):
        assert box["left"] >= boxes["body"]["left"] and box["right"] <= boxes["body"]["right"]
    assert boxes["scroll"] <= PHONE["width"]
    assert abs(boxes["frame"]["width"] / boxes["frame"]["height"] - 560 / 315) < 0.02


def test_a_photo_in_the_text_shows_its_caption_under_it_across_the_column(
        demo: str, browser: Any) -> None:
    # Given the demo's story with a photo in its text captioned by its title (a
    # browser shows a title only as a mouse's tooltip: never on a phone)
    page = browser.new_page(viewport=PHONE)
    try:
        # When a reader opens it on a phone
        page.goto(demo + "/2025/02/bus-kota-koridor-baru/")
        boxes = page.evaluate("""() => {
            const figure = document.querySelector('.article-body figure');
            const box = e => e.getBoundingClientRect().toJSON();
            return {body: box(document.querySelector('.article-body')),
                    image: box(figure.querySelector('img')),
                    caption: box(figure.querySelector('figcaption')),
                    text: figure.querySelector('figcaption').innerText,
                    title: figure.querySelector('img').getAttribute('title')};
        }""")
    finally:
        page.close()
    # Then the caption is under the photo, and both take the text's column (a figure's
    # own margins, 40 px a side, once narrowed the imported captioned photos)
    assert boxes["text"].startswith("Satu dari 22 halte") and boxes["title"] is None
    assert boxes["caption"]["top"] >= boxes["image"]["bottom"]
    for box in (boxes["image"], boxes["caption"]):
        assert abs(box["left"] - boxes["body"]["left"]) < 1
        assert abs(box["width"] - boxes["body"]["width"]) < 1
