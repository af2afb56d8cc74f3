"""The `warta` command: thin doors into the pipeline.

Exit codes: 0 success, 1 content or config errors, 2 usage errors.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click

from generator import __version__
from generator.build.lock_files import changed_on_ci, lock_stamps, on_ci
from generator.build.pipeline import BuildOptions, build, build_now
from generator.errors import WartaError
from generator.messages import Messages
from generator.report import Reporter
from generator.site_folder import site_option

NOW_OPTION = click.option(
    "--now", "now_text", metavar="DATETIME",
    help="Build as if it were this moment, e.g. 2018-09-27T08:00+07:00 (default: "
         "SOURCE_DATE_EPOCH, else the clock); later articles are scheduled.")


def _jobs(value: int | None) -> int:
    return value if value and value > 0 else (os.cpu_count() or 1)


class _Commands(click.Group):
    """Imports the `serve` and `import` commands only when they are used.

    They pull in watchdog, feedparser and nh3; `warta build`, run after every
    edit, should not pay for loading them.
    """

    LAZY = {
        "import": ("generator.importers.command", "import_command"),
        "serve": ("generator.serve.command", "serve_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            module, name = self.LAZY[cmd_name]
            command = getattr(importlib.import_module(module), name)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


def run() -> None:
    """The program's entry point (`warta`, `python -m generator`): `main`, then exit
    without tearing the interpreter down.

    A build leaves a million small objects behind; freeing them one by one and
    collecting them at shutdown took a quarter of a no-change build at 10,000
    articles. Everything that must reach the disk has been written and closed
    by then; only the standard streams are flushed here. (Tests call `main`.)
    """
    code: int | str | None = 0
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warta")
def main() -> None:
    """Warta: build a local news archive into a static website."""


@main.command("build")
@site_option
@click.option("--output", "output_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the website (default: <site>/output).")
@click.option("--drafts", is_flag=True, help="Include articles with `draft: true`.")
@click.option("--jobs", "-j", type=int, default=None,
              help="Processes that parse and render a big build (default: number of cores).")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
@click.option("--verbose", "-v", is_flag=True, help="List every file written or removed.")
@NOW_OPTION
@click.option("--rebalance-pages", is_flag=True,
              help="Paginate every list afresh, unsealing its full pages (after a bulk "
                   "import; old page addresses then show other articles).")
def build_command(site_dir: Path, output_dir: Path | None, drafts: bool, jobs: int | None,
                  quiet: bool, verbose: bool, now_text: str | None,
                  rebalance_pages: bool) -> None:
    """Build the site into the output folder (only what changed is rewritten)."""
    _ = Messages(site_dir)
    reporter = Reporter(quiet=quiet, verbose=verbose, messages=_)
    options = BuildOptions(site_dir=site_dir, output_dir=output_dir, drafts=drafts,
                           jobs=_jobs(jobs), now=_now(now_text),
                           rebalance_pages=rebalance_pages)
    locks = lock_stamps(site_dir) if on_ci(os.environ) else None
    try:
        result = build(options, progress=reporter.progress)
    except WartaError as error:
        reporter.problems(error.problems)
        count = sum(p.is_error for p in error.problems)
        click.echo(_("Build failed: {count} problem(s); output left unchanged.", count=count),
                   err=True)
        sys.exit(1)
    reporter.summary(result, str(options.output))
    reporter.problems(changed_on_ci(locks, site_dir))
    if result.next_due:
        reporter.line(_("Next scheduled article is due at {when}: build again then.",
                        when=result.next_due.isoformat()))


def _now(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(f"{text!r} is not an ISO 8601 date and time, e.g. "
                                 "2018-09-27T08:00+07:00", param_hint="--now") from None
    if moment.tzinfo is None:
        raise click.BadParameter("give the time zone offset, e.g. 2018-09-27T08:00+07:00",
                                 param_hint="--now")
    return moment


@main.command("check")
@site_option
@click.option("--drafts", is_flag=True, help="Check drafts too.")
def check_command(site_dir: Path, drafts: bool) -> None:
    """Validate the content, settings and templates; write no website files."""
    _ = Messages(site_dir)
    reporter = Reporter(messages=_)
    options = BuildOptions(site_dir=site_dir, drafts=drafts, jobs=_jobs(None), dry_run=True)
    try:
        result = build(options)
    except WartaError as error:
        reporter.problems(error.problems)
        click.echo(_("{count} problem(s) found.", count=sum(p.is_error for p in error.problems)),
                   err=True)
        sys.exit(1)
    # Links to pages of the site that it does not answer (a typo in an address), and
    # files beside the stories that are never read (`banjir.markdown`).
    from generator.build.links import check_links
    from generator.build.unread import unread_files
    from generator.config import load_config
    linked = check_links(site_dir, options.output, result, load_config(site_dir), drafts)
    result = replace(result, warnings=(*unread_files(site_dir), *result.warnings, *linked))
    reporter.problems(result.warnings)
    # What the next build will do to published addresses, before it is published.
    from generator.build.article_changes import ArticleChanges
    reporter.articles(ArticleChanges(), result.addresses)
    click.echo(_("OK: {articles} articles, {warnings} warning(s).", articles=result.articles,
                 warnings=len(result.warnings)))


@main.command("new")
@site_option
@click.argument("title")
def new_command(site_dir: Path, title: str) -> None:
    """Create an article file for TITLE dated now; print its path. Never overwrites."""
    # Imported here, as `list` does below: `warta build`, run after every edit, should
    # not pay for the modules of the other commands.
    from generator.content.new_article import create_article
    try:
        path = create_article(site_dir, title, datetime.now().astimezone())
    except WartaError as error:
        Reporter(messages=Messages(site_dir)).problems(error.problems)
        sys.exit(1)
    # As the editor can open it from where they stand: relative when it is below.
    here = Path.cwd().resolve()
    absolute = path.resolve()
    click.echo(str(absolute.relative_to(here)) if absolute.is_relative_to(here) else absolute)


@main.command("list")
@site_option
@click.option("--drafts", is_flag=True, help="Drafts (`draft: true`).")
@click.option("--scheduled", is_flag=True, help="Articles dated after now (see --now).")
@click.option("--withdrawn", is_flag=True, help="Withdrawn articles.")
@click.option("--tag", default="", metavar="TAG", help="Only articles with this tag.")
@click.option("--author", default="", metavar="AUTHOR",
              help="Only articles by this author (initials or name).")
@click.option("--json", "json_output", is_flag=True,
              help="A JSON array of {date, status, url, file, title}.")
@NOW_OPTION
def list_command(site_dir: Path, drafts: bool, scheduled: bool, withdrawn: bool, tag: str,
                 author: str, json_output: bool, now_text: str | None) -> None:
    """List the articles, newest first: date, status, URL and file.

    Status is published, draft, scheduled or withdrawn. --drafts, --scheduled and
    --withdrawn keep those statuses (any of them); without them every article is listed.
    Writes no website files.
    """
    from generator.build.listing import Filters, as_json, line, list_articles
    statuses = frozenset(name for name, wanted in (
        ("draft", drafts), ("scheduled", scheduled), ("withdrawn", withdrawn)) if wanted)
    now = build_now(BuildOptions(site_dir=site_dir, now=_now(now_text)))
    _ = Messages(site_dir)
    reporter = Reporter(messages=_)
    try:
        listing = list_articles(site_dir, now, Filters(statuses, tag.strip(), author.strip()),
                                _jobs(None))
    except WartaError as error:
        reporter.problems(error.problems)
        sys.exit(1)
    if json_output:
        click.echo(as_json(listing.entries))
    elif listing.entries:
        click.echo("\n".join(line(entry, _) for entry in listing.entries))
    else:
        click.echo(_("No articles match."), err=True)
    errors = [p for p in listing.problems if p.is_error]
    if errors:
        reporter.problems(errors)
        click.echo(_("{count} file(s) with errors are not listed: `warta check` tells more.",
                     count=len({p.path for p in errors})), err=True)
        sys.exit(1)
