"""`warta new`: a correctly named article file with frontmatter, never overwriting."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import frontmatter

from generator.config import load_config
from generator.content.folders import ARTICLES
from generator.errors import ContentError, Problem, Text, display_path
from generator.slugs import slugify

# The keys an editor may add, commented out with examples. Each line, uncommented as
# it is, still parses: no value holds `: ` or `#`. `section` is offered only when
# site.toml lists sections: the first is the example, all are named above it.
_OPTIONAL = """\
# Baris berikut boleh diisi: hapus tanda # di depannya, lalu ganti contohnya.
# editors: [Inisial editor]
# summary: Ringkasan satu atau dua kalimat (tanpa ini, paragraf pertama yang dipakai)
# location: Kota tempat peristiwa terjadi
# source: Media asal berita, bila bukan media ini
# image:
#   src: media/{when:%Y}/{when:%m}/{slug}.jpg
#   alt: Apa yang tampak di foto, untuk pembaca yang tidak dapat melihatnya
#   caption: Keterangan foto
#   credit: Nama fotografer, atau Istimewa
# Untuk menerbitkan artikel ini, hapus baris `draft: true` di bawah.
"""


def article_text(title: str, when: datetime, sections: tuple[str, ...] = ()) -> str:
    """The text of a new article: frontmatter for `title` at `when`, the optional keys
    as commented examples (`section` with the names of `sections`, site.toml's), and a
    body to replace."""
    post = frontmatter.Post(
        "Tulis paragraf pembuka di sini.\n",
        title=title,
        date=when.isoformat(timespec="seconds"),
        tags=[],
        authors=[],
    )
    head, body = str(frontmatter.dumps(post, sort_keys=False)).rsplit("\n---\n", 1)
    optional = _OPTIONAL.format(when=when, slug=slugify(title))
    if sections and all(": " not in name and "#" not in name for name in sections):
        first, rest = optional.split("\n", 1)
        optional = (f"{first}\n# (rubrik: {', '.join(sections)})\n"
                    f"# section: {sections[0]}\n{rest}")
    return f"{head}\n{optional}draft: true\n---\n{body}\n"


def create_article(site_dir: Path, title: str, now: datetime) -> Path:
    """Write a new draft article for `title`; raise ContentError rather than overwrite."""
    config = load_config(site_dir)
    when = now.astimezone(config.zone).replace(microsecond=0)
    slug = slugify(title)
    if not slug:
        raise ContentError([Problem("(title)", None, Text("the title {title} gives no URL slug",
                                                          title=repr(title)),
                                    Text("use a title with letters or digits"))])
    path = site_dir / ARTICLES / f"{when:%Y}" / f"{when:%m}" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(article_text(title, when, tuple(s.name for s in config.sections)))
    except FileExistsError:
        raise ContentError([Problem(display_path(path, site_dir), None,
                                    Text("the file already exists"),
                                    Text("choose another title or edit that file"))]) from None
    return path
