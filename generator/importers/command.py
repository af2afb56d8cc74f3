"""`warta import`: files in, articles out, one report line per inferred field.

Exit codes: 0 every input imported, 1 some input or item refused, 2 usage errors.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import click

from generator import urls
from generator.config import SiteConfig, load_config
from generator.errors import WartaError
from generator.importers.feeds import NotFeedError, mtime, parse_feed
from generator.importers.imported import Imported, Rejected
from generator.importers.markdown_file import Outcome, index_site, write_record
from generator.importers.rawtext import RawTextError, parse_raw
from generator.importers.review import csv_row, csv_text, field_lines
from generator.importers.tags import unify_spelling
from generator.importers.wp_media import MediaFolder, copy_media, media_folder
from generator.importers.wxr import NotWxrError, parse_wxr
from generator.messages import Messages
from generator.site_folder import site_option

SUFFIXES = {".txt", ".xml", ".rss", ".atom"}


@dataclass(frozen=True)
class Batch:
    """What one input file gives."""

    items: tuple[Imported, ...]
    """Records to write."""
    rejected: tuple[Rejected, ...]
    """The file itself or items in it that could not be imported."""
    notes: tuple[str, ...] = ()
    """File-level notes (attachments, skipped item types)."""


def detect_format(data: bytes) -> str:
    """`wxr`, `feed` or `text`, judged by content."""
    head = data[:4000].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return "text"
    # A Blogger export is Atom, but importing it as a feed would turn its
    # settings and templates into articles: the WXR reader refuses it by name.
    if re.search(r"xmlns:wp=\"https?://wordpress\.org/export/", head) or re.search(
            r"schemas\.google\.com/blogger|<generator[^>]*>Blogger<", head):
        return "wxr"
    if re.search(r"<(rss|feed|rdf:RDF)\b", head):
        return "feed"
    return "text"


def read_input(path: Path, fmt: str, config: SiteConfig, published: date | None,
               media: MediaFolder | None = None) -> Batch:
    """One input file as records; never raises for bad input."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return Batch((), (Rejected(origin, f"cannot read: {error.strerror}"),))
    if not data.strip():
        return Batch((), (Rejected(origin, "the file is empty"),))
    zone = config.zone
    modified = mtime(path.stat().st_mtime, zone)
    kind = detect_format(data) if fmt == "auto" else fmt
    try:
        if kind == "wxr":
            result = parse_wxr(data, origin, zone, media)
            return Batch(result.items, result.rejected, result.notes)
        if kind == "feed":
            feed = parse_feed(data, origin, zone, modified)
            return Batch(feed.items, feed.rejected)
        if b"\x00" in data:
            raise RawTextError("a binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise RawTextError(f"not UTF-8 text (byte {error.start})") from None
        record = parse_raw(text, origin, zone=zone, fallback=modified,
                           fallback_how="the file's modification time",
                           known_tags=config.known_tags, published=published)
        return Batch((record,), ())
    except (NotWxrError, NotFeedError, RawTextError) as error:
        return Batch((), (Rejected(origin, str(error)),))


def collect(paths: tuple[Path, ...]) -> list[Path]:
    """Files named, and every importable file inside folders named, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file()
                            and p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    return found


def distinct_ids(items: tuple[Imported, ...]) -> list[Imported]:
    """Items whose source_id repeats in one file get `#2`, `#3`: each keeps its own file."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        if item.source_id:
            seen[item.source_id] = seen.get(item.source_id, 0) + 1
            if seen[item.source_id] > 1:
                item = replace(item, source_id=f"{item.source_id}#{seen[item.source_id]}")
        out.append(item)
    return out


def own_url_removed(item: Imported, config: SiteConfig) -> tuple[str, ...]:
    """Aliases minus the article's own new URL (same permalink pattern as WordPress):
    a redirect written there would replace the article itself."""
    own = urls.article_url(config.article_url, item.date, item.slug).rstrip("/")
    return tuple(a for a in item.aliases if a.rstrip("/") != own)


def report_lines(record: Imported, outcome: Outcome,
                 messages: Messages | None = None) -> list[str]:
    """The report for one record: the path, then one line per inferred field with
    where it came from and how sure it is (the `--report` CSV holds the same, in
    English; the console's words are the site's language with `messages`)."""
    _ = messages or Messages()
    lines = [f"{outcome.path}: {status_word(outcome.status, _)}  ({record.origin})"]
    for line in field_lines(record):
        if line.field == "title":
            continue
        name = line.field.removeprefix("image.")
        how = f" ({record.date_how})" if line.field == "date" else ""
        lines.append(f"  {name}: {line.value or '-'}{how}  [{line.source}, {line.confidence}]")
    if record.draft:
        lines.append("  draft: " + _("yes"))
    if record.aliases:
        lines.append(f"  aliases: {', '.join(record.aliases)}")
    lines += ["  " + _("dropped: {note}", note=note) for note in record.notes]
    lines += [f"  {_('warning')}: {warning}" for warning in record.warnings]
    return lines


def status_word(status: str, messages: Messages) -> str:
    """An outcome's status (written, updated, unchanged, refused, dry run) as said."""
    _ = messages
    return {"written": _("written"), "updated": _("updated"), "unchanged": _("unchanged"),
            "refused": _("refused"), "dry run": _("dry run")}.get(status, status)


@click.command("import")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "wxr", "feed"]),
              default="auto", show_default=True, help="How to read the inputs.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date hint (YYYY-MM-DD) for texts without a year or date.")
@click.option("--dry-run", is_flag=True, help="Print what would be written; write nothing.")
@click.option("--update", is_flag=True, help="Overwrite files whose content differs.")
@click.option("--media", "media_dir", type=click.Path(exists=True, file_okay=False,
                                                     path_type=Path), default=None,
              help="A copy of WordPress's wp-content/uploads/: featured and body photos of a "
              "WXR export found there are copied into content/media/.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write a CSV with one row per article: each guessed field, "
              "where it came from and how sure it is.")
@site_option
def import_command(paths: tuple[Path, ...], fmt: str, published: datetime | None,
                   dry_run: bool, update: bool, media_dir: Path | None,
                   report_path: Path | None, site_dir: Path) -> None:
    """Import raw texts, WordPress exports and feeds as articles under content/."""
    _ = Messages(site_dir)
    try:
        config = load_config(site_dir)
    except WartaError as error:
        for problem in error.problems:
            click.echo(problem.text(_.translate), err=True)
        sys.exit(2)
    hint = published.date() if published else None
    site = index_site(site_dir)
    refused: list[str] = []
    rows: list[list[str]] = []
    imported = 0
    media = media_folder(media_dir) if media_dir else None
    for path in collect(paths):
        batch = read_input(path, fmt, config, hint, media)
        for note in batch.notes:
            click.echo(f"{path}: {note}")
        for item in distinct_ids(batch.items):
            record = replace(item, tags=unify_spelling(item.tags, site.tag_spellings),
                             aliases=own_url_removed(item, config))
            outcome = write_record(site_dir, record, update=update, dry_run=dry_run,
                                   known_ids=site.source_ids)
            click.echo("\n".join(report_lines(record, outcome, _)))
            rows.append(csv_row(record, outcome.path, outcome.status))
            if outcome.status == "refused":
                refused.append(_("{origin}: {path} exists with different content (use "
                                 "--update to replace it)", origin=record.origin,
                                 path=outcome.path))
                continue
            imported += 1
            for target, status in copy_media(site_dir, record.media, update=update,
                                             dry_run=dry_run):
                click.echo("  " + _("photo: {path}: {status}", path=target,
                                    status=status_word(status, _)))
                if status == "refused":
                    refused.append(_("{origin}: {path} exists with a different photo (use "
                                     "--update to replace it)", origin=record.origin,
                                     path=target))
        refused += [f"{r.origin}: {r.reason}" for r in batch.rejected]
    for line in refused:
        click.echo(line, err=True)
    if report_path is not None:
        try:
            report_path.write_text(csv_text(rows), encoding="utf-8")
        except OSError as error:
            click.echo(_("{path}: cannot write the report: {reason}", path=report_path,
                         reason=error.strerror), err=True)
            sys.exit(2)
        click.echo(_("report: {path} ({count} articles)", path=report_path, count=len(rows)))
    summary = (_("would import {imported}, refused {refused}", imported=imported,
                 refused=len(refused)) if dry_run else
               _("imported {imported}, refused {refused}", imported=imported,
                 refused=len(refused)))
    click.echo(summary)
    if refused:
        sys.exit(1)
