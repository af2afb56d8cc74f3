"""Pages become HTML: one Jinja2 environment, autoescape on.

The template context is documented in docs/templates.md; keep the two in
step.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import date_format, urls
from generator.config import SiteConfig
from generator.content.model import Article
from generator.errors import Problem, TemplateError, Text
from generator.photos.model import as_shown, config_photo, config_photos
from generator.plan.feeds_and_lists import month_title
from generator.plan.planner import Page
from generator.plan.site import Site
from generator.render import jsonld, sections, template_sources
from generator.render.memo_tag import MemoExtension
from generator.render.photos import PICTURE_TEMPLATE, announced, body_pictures, feed_images
from generator.render.theme import ThemeFiles

CARD_TEMPLATE = "_card.html"
# Cards kept per renderer: 20,000 cover a 10,000-article archive whole and cost
# about 20 MB in each process that renders.
CARD_MEMO = 20_000
# Page kinds whose title is a UI string, translated at render time; and the pages
# whose redirects take their title (`/arsip/tahun/` switched off leads to the archive).
_TRANSLATED_TITLES = {"archive", "tags", "404", "years", "search"}
_TRANSLATED_TARGETS = {urls.ARCHIVE}
# A feed with no entries still needs an `updated`; never the build clock.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Renderer:
    """Renders planned pages of one site with one theme."""

    def __init__(self, theme: ThemeFiles, site: Site, site_dir: Path) -> None:
        self.site = site
        self.site_dir = site_dir
        self.strings = dict(theme.strings) if theme.strings is not None \
            else template_sources.load_strings(theme)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
            # HTML and XML escape; plain text and JSON (robots.txt, _redirects,
            # feed.json) are written as they are, JSON escaped by json.dumps.
            autoescape=jinja2.select_autoescape(("html", "htm", "xml"), ("txt", "json"),
                                                default_for_string=True, default=True),
            extensions=["jinja2.ext.i18n", MemoExtension],
            # Compiled templates are kept between builds: compiling them costs
            # more than rendering the few pages a one-article edit touches.
            bytecode_cache=template_sources.bytecode_cache(site_dir),
            keep_trailing_newline=True,
            # A renderer lives for one build, in which templates do not change: no
            # `stat` of every template for every page.
            auto_reload=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.install_gettext_callables(  # type: ignore[attr-defined]
            self.gettext, self.ngettext, newstyle=True)
        # `_()` is called a dozen times on every page; Jinja's own goes through three
        # context calls and formats the string each time (a fifth of rendering).
        self.env.globals["_"] = self._translate
        self._translated: dict[tuple[str, bool], str] = {}
        locale = site.config.language  # (date_format gives Babel its spelling)
        self.env.filters["datetime"] = lambda d, time=True: date_format.shown(d, locale, time)
        self.env.filters["date"] = lambda d: date_format.long_date(d, locale)
        self.env.filters["isodate"] = date_format.iso
        self.env.filters["rfc822"] = _rfc822
        self.env.filters["absolute"] = site.config.absolute
        nav_urls = self._nav_urls = frozenset(
            [t.tag.url for t in site.nav_tags] + [s.url for s in site.config.sections])
        self.env.globals.update(
            site=site.config,
            # Tags only, no counts: every page shows the navigation, and a count
            # in it would make each new article re-render the whole site.
            nav_tags=[t.tag for t in site.nav_tags],
            # The editorial sections of site.toml, in menu order: the menu when set.
            nav_sections=list(site.config.sections),
            # Whether the page is one the navigation links to: site templates written
            # before `nav_current` key their masthead's memo by it.
            nav_urls=nav_urls,
            # One rule for the link a masthead marks current and the key it is kept by
            # with `memo`: two copies could disagree, serving a page another's masthead.
            nav_current=lambda page: _nav_current(page, nav_urls),
            # Pages of content/pages/ ("Tentang"), linked from every page's footer: what
            # every page is keyed on of them (`globals_key`), no more.
            static_pages=[_PageLink(p.title, p.url, p.slug) for p in site.pages],
            archive_url=urls.ARCHIVE,
            tags_url=urls.TAGS,
            years_url=urls.YEARS,
            search_url=urls.SEARCH,
            author_slugs=frozenset(a.author.slug for a in site.authors)
            if site.config.outputs.author_pages else frozenset(),
            static=lambda path: "/static/" + path.lstrip("/"),
            card=self._card,
            # Photos (issue 16): a site photo by URL, and the one a page announces.
            photo=site.photos.get,
            config_photo=lambda src: config_photo(src, site.photos),
            shared_image=lambda article: _absolute(site.config, announced(article,
                                                                          site.photos)),
        )
        # Teasers by article and arguments: an article is listed on five pages on
        # average (archive, home, each of its tags), and its card was two thirds of
        # rendering them. Bounded, for archives of 100,000 articles.
        self._cards: dict[tuple[object, ...], str] = {}
        self._keys: dict[str, str] = {}
        self._tags = {t.tag.slug: t.tag for t in site.tags}
        self._authors = {a.author.slug: a.author for a in site.authors}
        self._sections = {s.slug: s for s in site.config.sections}

    # UI strings --------------------------------------------------------

    def gettext(self, message: str) -> str:
        return self.strings.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)

    @jinja2.pass_context
    def _translate(self, context: jinja2.runtime.Context, message: str,
                   **variables: Any) -> str:
        """`_()` as Jinja's newstyle gettext has it, each plain message worked out once."""
        autoescape = context.eval_ctx.autoescape
        if not variables:
            done = self._translated.get((message, autoescape))
            if done is None:
                done = self._translated[(message, autoescape)] = self._format(
                    message, autoescape, {})
            return done
        return self._format(message, autoescape, variables)

    def _format(self, message: str, autoescape: bool, variables: dict[str, Any]) -> str:
        # Always a format string, even without variables, and escaped when the
        # template is: what `jinja2.ext` does.
        text = self.gettext(message)
        return (Markup(text) if autoescape else text) % variables

    def _card(self, article: Article, *args: Any, **kwargs: Any) -> str:
        """The `card` macro of `_card.html` for `article`, rendered once per build.

        The macro sees the site-wide globals only, never the page's context: what a
        card shows is the article's, whichever page lists it.
        """
        key = (article.path, args, *sorted(kwargs.items()))
        try:
            done = self._cards.get(key)
        except TypeError:  # an argument that cannot be a key: render it each time
            return self._card_macro(article, *args, **kwargs)
        if done is None:
            if len(self._cards) >= CARD_MEMO:
                self._cards.clear()
            done = self._cards[key] = self._card_macro(article, *args, **kwargs)
        return done

    def _picture_macro(self, *args: Any, **kwargs: Any) -> str:
        macro = self.env.get_template(PICTURE_TEMPLATE).module.picture  # type: ignore[attr-defined]
        return Markup(macro(*args, **kwargs))

    def _card_macro(self, *args: Any, **kwargs: Any) -> str:
        macro = self.env.get_template(CARD_TEMPLATE).module.card  # type: ignore[attr-defined]
        return Markup(macro(*args, **kwargs))  # already safe: not escaped again

    # Fingerprints ------------------------------------------------------

    def template_key(self, name: str) -> str:
        """Hash of a template and every template it extends, includes or imports."""
        if name not in self._keys:
            self._keys[name] = hashlib.sha1(
                "".join(sorted(self._sources(name, set()))).encode("utf-8")).hexdigest()
        return self._keys[name]

    def _sources(self, name: str, seen: set[str]) -> list[str]:
        if name in seen:
            return []
        seen.add(name)
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            return [f"missing:{name}"]
        found = [f"{filename}\0{source}"]
        children = template_sources.references(source)
        if children is not None and template_sources.CARD_CALL.search(source):
            children.append(CARD_TEMPLATE)
        if children is None:
            # A reference computed at render time: depend on every template.
            children = self.env.list_templates()
        for child in children:
            found += self._sources(child, seen)
        return found

    def globals_key(self) -> str:
        """Hash of what every page shows: settings, navigation, UI strings."""
        nav = [t.tag for t in self.site.nav_tags]
        pages = [(p.title, p.url) for p in self.site.pages]
        # Photos (issue 16): the portraits and the logo that site.toml names.
        photos = [p.key for url in config_photos(self.site.config)
                  if (p := self.site.photos.get(url))]
        return hashlib.sha1(repr((self.site.config.fingerprint, self.site.config.title, nav,
                                  pages, sorted(self.strings.items()), *photos)
                                 ).encode()).hexdigest()

    # Rendering ---------------------------------------------------------

    def render(self, page: Page, body_of: Callable[[str], str]) -> str:
        """The HTML of `page`; `body_of(path)` gives a source's rendered body."""
        site = self.site
        title = (self.gettext(page.title) if page.kind in _TRANSLATED_TITLES or (
            page.kind == "moved" and page.links and page.links[0][1] in _TRANSLATED_TARGETS)
            else page.title)
        view = _PageView(page, title)
        context: dict[str, Any] = {
            "page": view,
            # Worked out here, not by the template calling `nav_current`: a call from a
            # template costs Jinja's checks of the callable on every page.
            "current_nav": _nav_current(page, self._nav_urls),
            "articles": [site.articles[i] for i in page.items],
        }
        if page.kind == "article":
            assert page.article is not None
            context.update(self._article_context(page, site.articles[page.article], body_of))
        elif page.kind == "redirect":
            assert page.article is not None
            context["article"] = site.articles[page.article]
        if page.static_page is not None:
            static = site.pages[page.static_page]
            context["static_page"] = static
            context["body"] = Markup(body_pictures(body_of(static.path), static, site.photos,
                                                   self._picture_macro))
        if page.tag and page.kind == "tag":
            context["tag"] = self._tags[page.tag]
        if page.section and page.kind == "section":
            context["section"] = self._sections[page.section]
        if page.kind == "home":
            context.update(sections.home_context(site, page))
        if page.author and page.kind == "author":
            author = self._authors[page.author]
            context["author"] = author
            context["author_info"] = site.config.author(author.key)
        if page.kind == "tags":
            # Indexes without counts (issue 18): a count would make every addition
            # rewrite the tag index and its year's pages; they change only when a tag
            # or a month first appears.
            context["tags"] = [_Listed(t.tag.name, t.tag.slug, t.tag.url)
                               for t in sorted(site.tags, key=lambda t: t.tag.name.lower())]
        if page.kind in ("year", "years"):
            context["months"] = [_Listed(month_title(m.year, m.month, site.config.language),
                                         str(m.year), urls.month_url(m.year, m.month))
                                 for m in site.months if page.year in (None, m.year)]
            context["years"] = sorted({m.year for m in site.months}, reverse=True)
        if page.kind in ("atom", "rss", "jsonfeed", "newssitemap"):
            context.update(self._feed_context(page, body_of))
        try:
            return self.env.get_template(page.template).render(context)
        except jinja2.TemplateSyntaxError as error:
            raise template_sources.template_error(error, self.site_dir) from None
        except jinja2.TemplateNotFound as error:
            missing = Problem(f"templates/{error.name}", None, Text("template not found"),
                              Text("add it to the theme or the site's templates/"))
            raise TemplateError([missing]) from None
        except Exception as error:  # noqa: BLE001 - any failure inside a template
            problem = template_sources.runtime_problem(error, page, self.site_dir)
            raise TemplateError([problem]) from None


    def _article_context(self, page: Page, article: Article,
                         body_of: Callable[[str], str]) -> dict[str, Any]:
        site = self.site
        config = site.config
        older, newer = page.neighbours
        article = as_shown(article)  # (withdrawn: no photo for any template to show)
        data = jsonld.article_data(config, article, page.canonical, site.photos)
        month = None
        if config.outputs.date_archives and not article.withdrawn:
            month = urls.month_url(article.date.year, article.date.month)
        return {
            "article": article,
            # A withdrawn article's body is never printed, so never read.
            "body": Markup("") if article.withdrawn else Markup(body_pictures(
                body_of(article.path), article, site.photos, self._picture_macro)),
            "older": site.articles[older] if older is not None else None,
            "newer": site.articles[newer] if newer is not None else None,
            "related": [site.articles[i] for i in page.related],
            # Related news forwards (plan/related.py): none on a withdrawn article's page.
            "follow_up": site.articles[page.follow_up] if page.follow_up is not None else None,
            "month_url": month,
            "structured_data": Markup(jsonld.script_json(data)),
            **sections.article_context(site, page, article, self.gettext("Home")),
        }

    def _feed_context(self, page: Page, body_of: Callable[[str], str]) -> dict[str, Any]:
        config = self.site.config
        chosen = [self.site.articles[i] for i in page.items]
        if page.kind == "newssitemap":
            return {"publisher": config.publisher or config.title}
        # Plain str, not Markup: autoescape turns the HTML into escaped text,
        # which is what Atom `type="html"` and RSS `content:encoded` expect.
        photos = self.site.photos
        entries = [(a, feed_images(body_of(a.path), a, photos, config.absolute))
                   for a in chosen]
        home = jsonld.list_home(page.tag, page.author, page.section)
        title = config.title if page.url in (urls.FEED, urls.RSS, urls.JSON_FEED) \
            else f"{page.title} · {config.title}"
        if page.kind == "jsonfeed":
            return {"feed_json": Markup(jsonld.json_feed(config, title, page.url, home,
                                                             entries, self.site.photos))}
        return {
            "entries": [_Entry(a, body, jsonld.tag_uri(config, a)) for a, body in entries],
            "feed_title": title,
            "feed_home": config.absolute(home),
            "feed_id": config.absolute(page.url),
            "feed_updated": max((a.modified for a in chosen), default=_EPOCH),
        }


class _Entry:
    """A feed entry: the article, its body HTML as plain text, and its permanent id."""

    __slots__ = ("article", "body", "id")

    def __init__(self, article: Article, body: str, entry_id: str) -> None:
        self.article, self.body, self.id = article, body, entry_id


class _Listed:
    """A tag of the tag index, or a month of the date indexes."""

    __slots__ = ("name", "slug", "url")

    def __init__(self, name: str, slug: str, url: str) -> None:
        self.name, self.slug, self.url = name, slug, url

    @property
    def count(self) -> jinja2.StrictUndefined:
        # A site template written when the indexes showed counts would otherwise print
        # nothing, silently: printing it stops the build at the template's line, while
        # `is defined` and `|default` still work for a theme made for both.
        return jinja2.StrictUndefined(
            hint="the tag and date indexes have no `count` since 2026-12 (a count would "
                 "rewrite them with every article): remove it from this template")


class _PageLink:
    """A static page as every page sees it: its title and address, which every page is
    keyed on (`Renderer.globals_key`). Its text is its own page's: shown on others, an
    edit of it would leave them stale (build/edited.py `with_static_pages`)."""

    __slots__ = ("slug", "title", "url")

    def __init__(self, title: str, url: str, slug: str) -> None:
        self.title, self.url, self.slug = title, url, slug

    def __getattr__(self, name: str) -> jinja2.StrictUndefined:
        # (Printing it stops the build at the template's line, rather than a page
        # showing an old text.)
        return jinja2.StrictUndefined(
            hint=f"`static_pages` give each page's title, url and slug: its `{name}` is "
                 "shown on its own page only (shown on others, an edit of the page would "
                 "leave them stale)")


class _PageView:
    """The `page` templates see: the planned page with its title translated."""

    def __init__(self, page: Page, title: str) -> None:
        self._page = page
        self.title = title

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


def _nav_current(page: Page | _PageView, nav_urls: frozenset[str]) -> str:
    """The navigation item `page` is: "home", "archive" or "tags" on those pages, its URL
    where a navigation tag links to it, or "" where none is current."""
    if page.kind in ("home", "archive", "tags"):
        return str(page.kind)
    return str(page.url) if page.url in nav_urls else ""


def _rfc822(moment: datetime) -> str:
    """RSS's date format, e.g. `Wed, 26 Sep 2018 10:00:00 +0700`."""
    from email.utils import format_datetime  # only feeds need it: 4 ms of every start

    return format_datetime(moment)


def _absolute(config: SiteConfig, url: str) -> str:
    """A root-relative URL made absolute; an http(s) URL or "" as it is."""
    return config.absolute(url) if url.startswith("/") else url
