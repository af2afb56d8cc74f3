"""Source files become `Article`s and `StaticPage`s.

`parse_article` and `parse_page` are pure: text in, records out, every
problem a `Problem` naming the file and line. Reading files and deciding
what to re-parse is the loader's business (`build/loader.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from generator import urls
from generator.config import SiteConfig
from generator.content import frontmatter, markup, merge_conflicts
from generator.content.embeds import fitted_frames
from generator.content.fields import Fields
from generator.content.figures import captioned
from generator.content.frontmatter import ProblemError, Split, decode, split
from generator.content.headings import repeats_title, under_the_title
from generator.content.image import body_media, media_links, media_players
from generator.content.model import Article, StaticPage, with_key
from generator.content.wiki_links import wiki_problems
from generator.date_format import has_time_of_day
from generator.errors import Problem, Text

Renderer = Callable[[str], str]

SUMMARY_LENGTH = 240


@dataclass(frozen=True)
class Parsed:
    """What parsing one article file gives."""

    article: Article
    """The metadata."""
    body_html: str
    """The rendered body; stored in the cache, not kept for the whole archive."""
    warnings: tuple[Problem, ...]
    """Problems that do not stop the build."""


def parse_article(data: bytes | str, path: str, config: SiteConfig,
                  render: Renderer = markup.render) -> Parsed:
    """Parse one article file; raise ContentProblems listing every error in it."""
    if path.endswith("/_index.md"):  # (read first: its frontmatter may be a list's)
        raise ContentProblems([Problem(path, None, Text(
            "a Hugo section's `_index.md` is no story: it would be published as one, at "
            "an address ending in /index/"), Text(
            "delete it, or make its text a page of content/pages/ named after it "
            "(`berita.md`); Warta's sections are [[sections]] in site.toml"))])
    part, problems = _split(data, path)
    fields = Fields(part, path, config, problems)
    title = fields.text("title", required=True)
    when = fields.moment("date", required=True)
    slug = fields.slug(path)
    body_html, media = _body(part.body, render)
    problems += wiki_problems(part.body, body_html, _first_body_line(part), path)
    body_html = _headline_once(part, path, title, body_html, problems)
    summary = fields.text("summary") or fields.synonym_text("summary")
    if not summary:
        summary = markup.cut(markup.first_paragraph(body_html), SUMMARY_LENGTH)
    draft = fields.boolean("draft")
    if "published" in part.data and part.data["published"] is False:
        draft = True
    updated = fields.moment("updated") or fields.synonym_datetime("updated")
    corrections = fields.corrections()
    if when is not None:
        fields.dated_before(when, updated, corrections)
    article = Article(
        path=path,
        title=title,
        date=when or datetime(1970, 1, 1, tzinfo=config.zone),
        time_known=has_time_of_day(part.data.get("date")),
        slug=slug,
        url=urls.article_url(config.article_url, when, slug) if when and slug else "",
        tags=fields.tags(),
        authors=fields.authors(),
        editors=fields.editors(),
        summary=summary,
        location=fields.text("location"),
        source=fields.text("source"),
        image=fields.image(),
        draft=draft,
        updated=updated,
        corrections=corrections,
        aliases=fields.aliases(),
        withdrawn=fields.withdrawal(),
        section=fields.section(),
        featured=fields.boolean("featured"),
        words=markup.word_count(body_html),
        body_hash=markup.fingerprint(body_html),
        media=media,
        extra=fields.extra(),
    )
    if any(p.is_error for p in problems):
        raise ContentProblems(problems)  # the warnings too: every problem of the file
    return Parsed(with_key(article), body_html, tuple(p for p in problems if not p.is_error))


def parse_page(data: bytes | str, path: str, config: SiteConfig,
               render: Renderer = markup.render) -> tuple[StaticPage, str]:
    """Parse one file of `content/pages/`: a title, an optional slug and a body."""
    part, problems = _split(data, path)
    fields = Fields(part, path, config, problems)
    title = fields.text("title", required=True)
    slug = fields.slug(path)
    body_html, media = _body(part.body, render)
    # (a page's warnings are not kept: its headline said twice is left out all the same)
    problems += [p for p in wiki_problems(part.body, body_html, _first_body_line(part),
                                          path) if p.is_error]
    body_html = under_the_title(body_html, title)
    if any(p.is_error for p in problems):
        raise ContentProblems(problems)
    page = StaticPage(path=path, title=title, slug=slug, url=urls.page_url(slug),
                      body_hash=markup.fingerprint(body_html),
                      summary=markup.cut(markup.first_paragraph(body_html), SUMMARY_LENGTH),
                      media=media)
    return page, body_html


class ContentProblems(Exception):
    """Every error found in one file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def _split(data: bytes | str, path: str) -> tuple[Split, list[Problem]]:
    try:
        text = decode(data, path) if isinstance(data, bytes) else data
        if not text.strip():
            raise ProblemError(Problem(path, None, frontmatter.EMPTY, frontmatter.EMPTY_HINT))
        if (conflict := merge_conflicts.unresolved(text, path)) is not None:
            raise ProblemError(conflict)  # (before YAML or Markdown read git's marks)
        return split(text, path), []
    except ProblemError as error:
        raise ContentProblems([error.problem]) from None


def _body(text: str, render: Renderer) -> tuple[str, tuple[str, ...]]:
    """The HTML of a file's Markdown `text`, its links to content/media/ rooted, its
    videos made players, its captioned photos figures and its frames fitted; and the
    media it shows, read before (a video's file too: it must be in content/media/)."""
    html = media_links(render(text))
    return fitted_frames(captioned(media_players(html))), body_media(html)


def _headline_once(part: Split, path: str, title: str, body_html: str,
                   problems: list[Problem]) -> str:
    """`body_html` under its page's headline (`headings.under_the_title`), with a warning
    when it started with the headline again."""
    if title and repeats_title(body_html, title):
        problems.append(Problem(path, _body_line(part), Text(
            "the text starts with the headline again: left out, the page shows it once"),
            Text("take out the heading that repeats the title"), "warning"))
    return under_the_title(body_html, title)


def _body_line(part: Split) -> int:
    """The file line number of the text's first heading (`#`, `<h1>`), else of its first
    line that is not blank."""
    lines = part.body.split("\n")
    found = next((n for n, line in enumerate(lines)
                  if line.lstrip().startswith(("#", "<h", "<H"))), None)
    if found is None:
        found = next((n for n, line in enumerate(lines) if line.strip()), 0)
    return _first_body_line(part) + found


def _first_body_line(part: Split) -> int:
    """The file line number of the text's first line (after the closing `---`)."""
    return part.first_line + len(part.lines) + 1
