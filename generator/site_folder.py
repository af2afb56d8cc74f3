"""Which site a command works on: the folder holding `site.toml`, found as git finds
its repository.

Every command (`build`, `check`, `list`, `new`, `serve`, `import`) looks for
`site.toml` in the current folder, then in each parent folder, and works on the
first folder that has one. Run inside `content/articles/`, it works on the site
above; outside any site, it refuses (exit code 2) rather than make a site where
the editor happens to stand.

`--site DIR` names the site instead, as it always has: DIR is used as given (a
folder without `site.toml` is built with the default settings), except when DIR
has no `site.toml` but lies inside a site that has one, such as that site's
`content/`: then the command refuses and names the site.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.config import CONFIG_NAME

F = TypeVar("F", bound=Callable[..., Any])


class NoSiteError(Exception):
    """No site to work on; the message says where to run warta instead."""


def find_site(start: Path) -> Path | None:
    """The nearest folder from `start` (itself, then its parents) that holds `site.toml`."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    return None


def site_folder(given: Path | None, cwd: Path | None = None) -> Path:
    """The site a command works on: `given` (`--site`), else the folder found from `cwd`
    (default: the current folder). Raise NoSiteError when there is none."""
    if given is not None:
        if (given / CONFIG_NAME).is_file():
            return given
        if not given.is_dir():
            raise NoSiteError(f"--site {given}: no such folder")
        above = find_site(given.resolve().parent)
        if above is not None:
            raise NoSiteError(
                f"{given.resolve()} is inside the site {above} but is not a site itself "
                f"(no {CONFIG_NAME}) \u2014 pass --site {above}, or leave --site out")
        return given
    here = (cwd or Path.cwd()).resolve()
    found = find_site(here)
    if found is None:
        raise NoSiteError(
            f"no {CONFIG_NAME} here or in any parent folder of {here} \u2014 run warta in "
            f"your site's folder (or pass --site DIR), or create one: a folder with a "
            f"{CONFIG_NAME} holding at least `title = \"Nama Situs\"` "
            "(docs/configuration.md lists every key)")
    return found


class NoSiteUsage(click.ClickException):
    """NoSiteError as click reports it: the message on stderr, exit code 2."""

    exit_code = 2


def _resolve(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    try:
        return site_folder(value)
    except NoSiteError as error:
        raise NoSiteUsage(str(error)) from None


def site_option(command: F) -> F:
    """The `--site DIR` option of every command; the command receives the site folder,
    found when the option is left out (see `site_folder`)."""
    option = click.option(
        "--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        callback=_resolve,
        help=f"The site folder (default: the nearest folder with {CONFIG_NAME}, here or "
             "above).")
    return option(command)
