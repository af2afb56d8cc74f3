"""What the preview tells the browser after a build, and the script that listens.

The `reload` message names pages by URL rather than output file, so that a tab
can compare it with its own `location.pathname` and reload only when its page
changed. Feeds, sitemaps and the like change on almost every edit, but no tab
shows them: they are left out, or every tab would reload on every save (issue
19, item 10). The format is documented in docs/serve.md ("Reloading").
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from typing import TypedDict

from generator.errors import Problem
from generator.messages import Messages

EVENTS_PATH = "/_warta/events"
# Shared by every page of the theme: a change there concerns every tab.
STATIC_PREFIX = "static/"
MEDIA_PREFIX = "media/"
PAGE_SUFFIXES = (".html", ".htm")
STYLESHEET_SUFFIX = ".css"


class ReloadMessage(TypedDict):
    """The data of a `reload` event."""

    epoch: str
    all: bool
    pages: list[str]
    assets: list[str]


def page_url(path: str) -> str:
    """The URL a page is compared by: `2024/x/index.html` and `/2024/x/` are both
    `/2024/x/`. The script normalises `location.pathname` the same way (after
    percent-decoding it), in `pageUrl`."""
    url = "/" + path.lstrip("/")
    if url == "/index.html" or url.endswith("/index.html"):
        return url[: -len("index.html")]
    return url


def reload_message(epoch: str, changed: Iterable[str] | None) -> ReloadMessage:
    """The `reload` event for output files `changed` (written or removed, relative to
    the preview folder); None when they cannot be known (another server process, or
    builds older than the history): then every tab reloads."""
    if changed is None:
        return {"epoch": epoch, "all": True, "pages": [], "assets": []}
    pages: set[str] = set()
    assets: set[str] = set()
    shared = False
    for path in changed:
        if path.endswith(PAGE_SUFFIXES):
            pages.add(page_url(path))
        elif path.startswith(STATIC_PREFIX) and not path.endswith(STYLESHEET_SUFFIX):
            # A script, font or logo of the theme: every page uses it, and unlike a
            # stylesheet it cannot be swapped in place.
            shared = True
        elif path.startswith((STATIC_PREFIX, MEDIA_PREFIX)):
            assets.add(page_url(path))
    return {"epoch": epoch, "all": shared, "pages": sorted(pages), "assets": sorted(assets)}


# Injected into every HTML page ------------------------------------------------

# In English here; the overlay says them in the site's language (generator/locale/).
OVERLAY_TITLE = "Build failed: the preview shows the last good build"
CLOSE_LABEL = "Close this message until the next build"
_OVERLAY_STYLE = ("position:fixed;inset:0;z-index:2147483647;overflow:auto;"
                  "background:rgba(20,20,20,.93);color:#fff;"
                  "font:15px/1.5 ui-monospace,monospace;padding:2em")
_CLOSE_STYLE = ("float:right;font:inherit;font-size:1.5em;line-height:1;padding:.2em .5em;"
                "color:#fff;background:transparent;border:2px solid #fff;border-radius:4px;"
                "cursor:pointer")

_SCRIPT = """<script id="warta-reload">(() => {
  const me = %(state)s;
  const shown = me.notFound ? [pageUrl(location.pathname), "/404.html"]
                            : [pageUrl(location.pathname)];
  // The same normalisation as generator/serve/reload.py's page_url.
  function pageUrl(path) {
    try { path = decodeURIComponent(path); } catch (e) { /* keep it as sent */ }
    return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
  }
  function showProblems(problems) {
    hideProblems();
    const box = document.createElement("div");
    box.id = "warta-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = %(overlayStyle)s;
    const close = document.createElement("button");
    close.type = "button";
    close.id = "warta-overlay-close";
    close.setAttribute("aria-label", %(closeLabel)s);
    close.style.cssText = %(closeStyle)s;
    close.textContent = "\\u00d7";
    box.appendChild(close);
    const title = document.createElement("h2");
    title.textContent = %(title)s;
    box.appendChild(title);
    const list = document.createElement("ul");
    for (const p of problems) {
      const item = document.createElement("li");
      item.textContent = p.text;
      list.appendChild(item);
    }
    box.appendChild(list);
    document.body.appendChild(box);
  }
  function hideProblems() {
    const old = document.getElementById("warta-overlay");
    if (old) old.remove();
  }
  // Delegated, so that the overlay the server put in the page closes the same way.
  document.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest("#warta-overlay-close")) hideProblems();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && document.getElementById("warta-overlay")) hideProblems();
  });
  function uses(url) {
    for (const el of document.querySelectorAll("[src],[srcset],[poster]")) {
      const refs = [el.getAttribute("src"), el.getAttribute("poster")];
      for (const c of (el.getAttribute("srcset") || "").split(",")) {
        refs.push(c.trim().split(/\\s+/)[0]);
      }
      for (const r of refs) {
        if (r && pageUrl(new URL(r, location.href).pathname) === url) return true;
      }
    }
    return false;
  }
  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("warta", Date.now());
      link.href = url.toString();
    }
  }
  const events = new EventSource(%(events)s + "?since=" + encodeURIComponent(me.epoch));
  events.addEventListener("error", (e) => {
    if (e.data) showProblems(JSON.parse(e.data).problems);
  });
  events.addEventListener("reload", (e) => {
    const data = JSON.parse(e.data);
    hideProblems();
    if (data.all || shown.some((u) => data.pages.includes(u)) || data.assets.some(uses)) {
      location.reload();
    } else if (data.assets.some((u) => u.endsWith(".css"))) {
      swapStylesheets();
    }
  });
  window.addEventListener("beforeunload", () => events.close());
})();</script>
"""


def script(epoch: str, not_found: bool = False, words: Messages | None = None) -> str:
    """The reload script for a page built at `epoch`; `not_found` when the page is the
    site's 404 page standing in for a missing one (it also reloads when that changes).
    `words` translates the overlay's title and button (default: English)."""
    _ = words or Messages()
    state = json.dumps({"epoch": epoch, "notFound": not_found})
    # JSON inside a <script> element: `</script>` in a value must not end the element.
    state = state.replace("<", "\\u003c")
    return _SCRIPT % {"state": state, "events": json.dumps(EVENTS_PATH),
                      "overlayStyle": json.dumps(_OVERLAY_STYLE),
                      "closeStyle": json.dumps(_CLOSE_STYLE),
                      "closeLabel": _json(_(CLOSE_LABEL)), "title": _json(_(OVERLAY_TITLE))}


def _json(text: str) -> str:
    # Inside a <script> element: `</script>` in a translation must not end it.
    return json.dumps(text).replace("<", "\\u003c")


def overlay(problems: Sequence[Problem], words: Messages | None = None) -> str:
    """The error overlay as HTML, for pages loaded while the build is failing (the
    script builds the same one for pages already open); `words` as for `script`."""
    _ = words or Messages()
    items = "".join(f"<li>{html.escape(p.text(_.translate))}</li>" for p in problems)
    return (f'<div id="warta-overlay" role="alert" style="{_OVERLAY_STYLE}">'
            f'<button type="button" id="warta-overlay-close" '
            f'aria-label="{html.escape(_(CLOSE_LABEL))}" '
            f'style="{_CLOSE_STYLE}">&times;</button>'
            f"<h2>{html.escape(_(OVERLAY_TITLE))}</h2><ul>{items}</ul></div>\n")
