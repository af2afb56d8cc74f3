"""One real browser against a real preview server: edit, break, fix, and watch the page.

Skipped when Debian's Chromium or Playwright is missing. Every wait has a
timeout and ends as soon as the page shows what is expected.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest

from generator.report import Reporter
from generator.serve.command import Preview
from tests.conftest import SiteMaker

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 15_000

if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def preview(site: SiteMaker) -> Iterator[Preview]:
    site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00",
                 body="Air setinggi lutut di los sayur.\n")
    site.article("2024/03/jalan", "Jalan Rusak", "2024-03-02T09:00:00+07:00")
    site.article("2024/03/rancangan", "Rancangan", "2024-03-03T09:00:00+07:00", draft="true")
    out = StringIO()
    server = Preview(site.root, port=0, reporter=Reporter(stream=out, out=out))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_the_page_follows_the_editor(preview: Preview, site: SiteMaker) -> None:
    article = site.root / "content/articles/2024/03/banjir.md"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page()
            page.goto(preview.url + "2024/03/banjir-di-pasar/")
            body = page.locator("main")
            sync_api.expect(body).to_contain_text("Air setinggi lutut", timeout=WAIT_MS)
            # No need to wait for the reload channel to open: the page knows the epoch it
            # was built at, and the channel catches it up on a build it missed.

            # When the editor saves new text, the page shows it by itself
            edit(article, "Air sudah surut sore ini.")
            sync_api.expect(body).to_contain_text("Air sudah surut sore ini.", timeout=WAIT_MS)

            # When the frontmatter breaks, the overlay names the file
            article.write_text("---\ntitle: [tidak ditutup\ndate: 2024-03-01\n---\nTeks\n",
                               encoding="utf-8")
            overlay = page.locator("#warta-overlay")
            sync_api.expect(overlay).to_contain_text("content/articles/2024/03/banjir.md",
                                                     timeout=WAIT_MS)
            sync_api.expect(body).to_contain_text("Air sudah surut sore ini.")

            # When it is fixed, the overlay goes away and the new text is there
            edit(article, "Banjir surut total.")
            sync_api.expect(overlay).to_have_count(0, timeout=WAIT_MS)
            sync_api.expect(body).to_contain_text("Banjir surut total.", timeout=WAIT_MS)

            # And a draft shows its banner
            page.goto(preview.url + "2024/03/rancangan/")
            sync_api.expect(page.locator(".draft-banner")).to_be_visible(timeout=WAIT_MS)

            # A stylesheet change is applied without reloading the page
            page.evaluate("() => { window.stillHere = true; }")
            site.write("static/style.css", "main { color: rgb(1, 2, 3); }\n")
            sync_api.expect(page.locator("main")).to_have_css("color", "rgb(1, 2, 3)",
                                                              timeout=WAIT_MS)
            assert page.evaluate("() => window.stillHere") is True
        finally:
            browser.close()


def edit(article: Path, body: str) -> None:
    article.write_text("---\ntitle: Banjir di Pasar\ndate: 2024-03-01T09:00:00+07:00\n---\n"
                       f"{body}\n", encoding="utf-8")
