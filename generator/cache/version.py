"""Which cache can be trusted: the key a cache must have been written with.

A cache written by another Warta release or schema, another Python, records of
another shape, or another Python-Markdown release (whose output the cached
bodies are) is thrown away whole and rebuilt, never read.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from pathlib import Path

from generator import __version__
from generator.content.model import Article, Author, Correction, Image, StaticPage, Tag, shape_of
from generator.content.source_record import SourceRecord
from generator.errors import Problem

# Bump when the shape of what is stored changes. (10: the sources' fingerprints stored
# as lines, `fingerprints.fingerprint_line`. 11: a planned page is stored with its
# articles named by path, `plan.page.stored`, not by their places. 12: the sitemap's
# parts stored as `plan.sitemaps.sitemap_parts` cuts them, which an append merges into.
# 13: the fronts' sitemap entries in parts of their own, `plan.sitemaps.fronts`. 14: list
# pages link one number newer, `plan.pagination.NEWER`: a cache of 13 holds list pages
# with two, and a build that finds nothing else changed would keep them. 15: a list's
# tail keeps its newest sealed page's boundary, `plan.pagination.Tail.bound`. 16: the
# register names every list, `plan.list_addresses`: the redirects and notices a
# cache of 15 planned leave the numbered pages of an ended list out.
# 17: a memo's long tuples in parts, `cache.memo_parts` (its tables). 18: a list's
# older pages left out of the sitemaps, `plan.sitemaps.numbered`, and linking the newest
# by its number: a cache of 17 holds sitemap parts with them. 19: the register names
# the indexes a setting switches, `plan.list_addresses.index_addresses`: a cache of 18
# would take the quick path, which only appends, and leave their lines out. 20: a gone
# tag or author address an alias now names redirects, `plan.list_addresses.revived`:
# a cache of 19 would take the quick path and keep the notice a fresh checkout drops;
# and the redirect from `/arsip/tahun/` to the archive takes the archive's title.
# 21: the overfilled list pages' warning names the largest by its numbered address
# among equals, `build.list_pages.overfull`: a cache of 20 keeps the warning a fresh
# checkout words otherwise, and the quick path now carries it on. 22: a withdrawn story
# publishes no photo, `photos.model.article_photos`: a cache of 21 holds a photo memo
# counting its photos as shown, which the quick path would keep publishing. 23:
# `withdrawn: false` keeps a story published, `fields.Fields.withdrawal`: a cache of 22
# holds its record withdrawn, "False" its reason, for the same bytes. 24: true or
# false where text is read is an error, `fields.Fields.text`: a cache of 23 holds the
# record of `location: false` with "False" as its dateline. 25: `updated` or a
# correction dated before the article warns, `fields.Fields.dated_before`: a cache of
# 24 holds the records without the warning. 26: `withdrawn: 0` or `"false"` keeps a
# story published, as `withdrawn: no` does: a cache of 25 holds it withdrawn. 27: an
# alias written as this site's full address is kept as its path,
# `fields.Fields.aliases`: a cache of 26 may hold such a file's error. 28: `title:`
# with no value is "empty" at its line, not "missing": a cache of 27 holds the old
# error of such a file (and so may one of 25 or 26 for a UTF-16 file or a tab in the
# frontmatter, whose errors changed in between without a bump). 29: a time written
# with a dot (`07.30`) or a zone's name (`WIB`) is read as Indonesian datelines mean it,
# `content.dates.to_datetime`: a cache of 28 holds `07.30` as 07:00 and 0.3 seconds, and
# an unreadable date's error without the date it most likely meant. 30: a key written
# twice in the frontmatter is an error, `frontmatter.split`: a cache of 29 holds such a
# file's record made from the last of its lines. 31: an address written as `slug:` is
# an error, `fields.Fields.slug`: a cache of 30 holds its record with the address made
# into one slug. 32: a link to a file of content/media/ written as an image's path is
# (`media/x.pdf`) is made root-relative, `content.image.media_links`: a cache of 31
# holds such a body with the link read from the article's own address. 33: a HEIC,
# AVIF or TIFF photo is published as its derivatives, `photos.model.DERIVED`: a cache of
# 32 holds its photo memo's entry as a file published as it is. 34: a degree after an
# author's name stays with it, `bylines.with_degrees`: a cache of 33 holds `S.H.` as an
# author of its own. 35: the author's page leaves the degrees out of its slug,
# `bylines.author_slug`: a cache of 34 holds the slug with them. 36: degrees are known
# words (`bylines.is_degree`: `M. Iqbal` is a reporter), a slug with one slash is a slug,
# an HTML link's single-quoted `media/…` is rooted, a TIFF is published as it is: a
# cache of 35 holds the records and the photo memo as they were. 37: degrees are dotted
# pieces degrees are made of (`A.Md.Keb.`, `Sp.A(K)`), `<a href = "media/…">` is rooted,
# a JPEG whose original is published is not drafted: a cache of 36 holds them as
# they were. 38: the author's page leaves titles before the name out of its slug
# (`Dr.`, `Prof.`): a cache of 37 holds the slug with them. 39: a byline naming two
# (`Budi dan Ani`, `Budi/Ani`) is two authors, a role pasted before a name (`Penulis:`)
# or in brackets after it (`(Kontributor)`) is not part of it, `bylines.people_in`: a
# cache of 38 holds them as one author; a no-break space after a key (`title:\u00a0…`) is
# a space, `frontmatter.split`: a cache of 38 holds such a file's YAML error; a link to
# a file of content/media/ with a space in its name is written `%20`, and `%20` in a
# photo's path names the file's space, `content.image`: a cache of 38 holds the link with
# the space, and the photo as missing; a correction written as a dated note
# (`- 2025-01-06: …`) or not in a list is read, `fields.Fields.corrections`: a cache of 38
# holds its error; `caption:` beside `image:` is the image's, `content.image.read_image`:
# a cache of 38 holds the image without it; a video shown as an image is a player,
# `content.image.media_videos`: a cache of 38 holds the body with its `<img>`; a hashtag
# YAML would read as a comment is an error, `frontmatter.split`, and `"#banjir"` the tag
# `banjir`: a cache of 38 holds the line cut short; an `<iframe>` is fitted,
# `content.embeds`: a cache of 38 holds it as pasted. 40: a cache of 39 was written
# while this stop's parse changes were being made, by a commit without the later ones.
# 41: a text starting with its headline leaves it out, and its `<h1>`s are `<h2>`s,
# `content.headings`: a cache of 40 holds the body as rendered. 42: a list's entry YAML
# read as a mapping or as nothing says so, `name_lists.NameLists._names`: a cache of 41
# holds such a file's error as it was worded. 43: a heading holding a photo or a link is
# never left out as the headline's, `<h1-card>` is no heading, a hashtag after a comment
# in a block list is found: a cache of 42 holds them as read before. 44: a hashtag in an
# indented key (`image:`'s `caption:`) is found, `frontmatter_typos.hashtag_problem`: a
# cache of 43 holds the caption cut short. 45: a photo with a caption (its title, or
# an italic line under it) on a paragraph of its own is a figure, `content.figures`; a
# conflict git left in a file is an error, `content.merge_conflicts`: a cache of 44
# holds the body without the figure, the file parsed with the marks. 46: a pilgrim's
# `H.` or `Hj.` before a name of two words is not part of its author's page's address,
# `bylines.author_slug`: caches of 45 were written by this stop's earlier commits. 47:
# an apostrophe within a word is left out of a slug (`Jum'at` -> `jumat`, as `Jum’at`
# was), `slugs.slugify`: a cache of 46 holds a tag's, an author's or a file's slug with
# a hyphen there. 48: a key glued to its value (`title:Banjir`) is named, an open quote
# on the last line is the quote's, `frontmatter.split`; an italic line beside a photo or
# a `Baca juga` is no caption, `content.figures`: caches of 47 were written by this
# stop's earlier commits. 49: a `.jfif` or `.bmp` photo is published as its derivatives,
# `photos.model.DERIVED`: a cache of 48 holds its photo memo's entry as a file published
# as it is. 50: a recording shown as an image is a player, `content.image.media_players`
# (`media_videos` before): a cache of 49 holds the body with its `<img>`. 51: Obsidian's
# `![[embed]]` is an error and its `[[link]]` a warning, `content.wiki_links`: a cache
# of 50 holds such a file as parsed without them. 52: a recording as `image:` is a
# warning, `content.image.read_image`; Obsidian's marks in code or a comment are left
# alone, `content.wiki_links`; a glued key is looked for up to YAML's error, and in a
# key YAML read with a colon, `frontmatter.split`: caches of 51 were written by this
# stop's earlier commits. 53: a Hugo section's `_index.md` is an error, `parse`, and a
# page bundle's `index.md` takes its folder's name, `fields.slug_of_file`: a cache of
# 52 holds them as stories called `index`. 54: not in a year's or a month's folder
# (`2024/05/index.md` stays `index`), `fields.slug_of_file`: a cache of 53 was written by
# this stop's commit before. 55: Obsidian's marks are looked for in what Markdown made
# of the text, `content.wiki_links`: a cache of 54 holds them as a copy of Markdown's
# code rules found them.)
SCHEMA = 55
# The records' shape is part of the key, so a cache written before a field
# was added to a record is never trusted.
_SHAPE = shape_of(SourceRecord, Article, StaticPage, Tag, Author, Image, Correction, Problem)
VERSION_KEY = (f"warta {__version__} schema {SCHEMA} python {sys.version_info[:2]} "
               f"{hashlib.sha1(_SHAPE.encode()).hexdigest()[:12]}")


def version_key() -> str:
    """`VERSION_KEY` and the installed Python-Markdown's version: what a cache must have
    been written with to be trusted."""
    # The cached bodies are Python-Markdown's output, and a body is reused while its
    # source's bytes hash the same, whatever `SiteConfig.content_key` says: only a new
    # cache makes another release render every body again. Read from the package's
    # metadata, so that a build whose bodies all come from the cache never imports
    # Markdown.
    return f"{VERSION_KEY} markdown {markdown_version()}"


def markdown_version() -> str:
    """The installed Python-Markdown's version, from the name of its dist-info folder
    beside the package; importlib.metadata only when that is not found (it imports
    zipfile, email and calendar: 10 to 30 ms of every build, an edit's tenth)."""
    spec = importlib.util.find_spec("markdown")
    if spec is not None and spec.origin:
        prefix = "markdown-"
        with os.scandir(Path(spec.origin).parent.parent) as entries:
            for entry in entries:
                name = entry.name.lower()
                if name.startswith(prefix) and name.endswith(".dist-info"):
                    return entry.name[len(prefix):-len(".dist-info")]
    from importlib import metadata

    return metadata.version("markdown")
