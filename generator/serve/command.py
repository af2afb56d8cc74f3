"""`warta serve`: the assembly of the preview server, and the click command that starts it.

`Preview` puts together the parts that know nothing of each other: the
watcher (`serve/watch.py`), the build thread and its shared state (`serve/preview.py`) and
the HTTP server (`serve/http.py`). The command itself is a thin door.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import signal
import sys
import threading
import webbrowser
from pathlib import Path

import click

from generator.build.memos import BuildMemory
from generator.build.pipeline import BuildOptions, build
from generator.messages import Messages
from generator.report import Reporter
from generator.serve.http import (
    AddressInUseError,
    PreviewHTTPServer,
    free_port_hint,
    is_loopback,
)
from generator.serve.preview import (
    PREVIEW_DIR,
    BuildFunction,
    BuildThread,
    PreviewState,
    SearchIndexer,
    theme_dir,
)
from generator.serve.watch import Change, Watcher, watch_roots
from generator.site_folder import site_option


class Preview:
    """The whole preview server: bind, first build, then watch, rebuild and serve."""

    def __init__(self, site_dir: Path, host: str = "127.0.0.1", port: int = 8000,
                 drafts: bool = True, reporter: Reporter | None = None, quiet: float = 0.1,
                 first_jobs: int = 1, build_function: BuildFunction | None = None,
                 watch: bool = True) -> None:
        """Bind the port at once (AddressInUseError when taken); nothing runs until start()."""
        if build_function is None:
            # The records and the memos of the site and its plan stay in memory between
            # rebuilds instead of being read back from the cache after every save.
            build_function = functools.partial(build, memory=BuildMemory())
        self.site_dir = site_dir
        self.reporter = reporter or Reporter(messages=Messages(site_dir))
        # Never output/: a preview with drafts must not end up published.
        # Search is indexed by `SearchIndexer` after each reload, not inside the build.
        self.options = BuildOptions(site_dir=site_dir, output_dir=site_dir / PREVIEW_DIR,
                                    drafts=drafts, jobs=1, index_search=False,
                                    trust_output=True,
                                    # A preview publishes nothing: `warta build` keeps
                                    # the register of published addresses.
                                    keep_register=False)
        self.indexer = SearchIndexer(site_dir, self.options.output, self.reporter)
        self.first_jobs = first_jobs
        self.state = PreviewState(self.options.output, Messages(site_dir))
        self.builder = BuildThread(self.options, self.state, self.reporter, build_function,
                                   self.indexer)
        self.quiet = quiet
        self.watch = watch
        self.watcher: Watcher | None = None
        self.server = PreviewHTTPServer((host, port), self.state)
        self._server_thread = threading.Thread(target=self.server.serve_forever,
                                               kwargs={"poll_interval": 0.2},
                                               name="warta-http", daemon=True)

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> None:
        """First build (in this thread, so Ctrl-C works), then the other threads."""
        # Parsing a whole archive is worth worker processes; rebuilds parse a file or two.
        first = BuildThread(
            dataclasses.replace(self.options, jobs=self.first_jobs),
            self.state, self.reporter, self.builder.build_function, self.indexer)
        result = first.rebuild(None)
        self.builder.start()
        self._server_thread.start()
        if self.watch:
            watcher = Watcher(watch_roots(self.site_dir, theme_dir(self.site_dir)),
                              self.builder.submit, quiet=self.quiet)
            watcher.start()
            self.watcher = watcher
            if result is None or result.seconds > self.quiet:
                # Saves made during a long first build had no watcher to see them.
                self.builder.submit(Change((), frozenset()))

    def stop(self) -> None:
        """End the watcher, the build thread, the reload channels and the server; free the port."""
        if self.watcher is not None:
            self.watcher.stop()
        self.state.stop()
        self.builder.stop()
        self.indexer.wait(5.0)
        if self._server_thread.is_alive():
            self.server.shutdown()
            self._server_thread.join(5.0)
        self.server.server_close()

    def __enter__(self) -> Preview:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.option("--bind", "host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes drafts to the network.")
@click.option("--drafts/--no-drafts", default=True, show_default=True,
              help="Show articles with `draft: true` (with a DRAFT banner).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@site_option
def serve_command(port: int, host: str, drafts: bool, open_browser: bool,
                  site_dir: Path) -> None:
    """Preview the site while editing: rebuild on every save and reload the browser."""
    if not (site_dir / "site.toml").is_file():
        click.echo(f"No site.toml in {site_dir}: pass --site with the site folder.", err=True)
        sys.exit(2)
    _ = Messages(site_dir)
    if not is_loopback(host):
        click.echo(_("Warning: listening on {host}: other machines on the network can see "
                     "the preview, drafts included.", host=host), err=True)
    try:
        preview = Preview(site_dir, host=host, port=port, drafts=drafts,
                          first_jobs=os.cpu_count() or 1)
    except AddressInUseError as error:
        other = free_port_hint(host, port)
        suggestion = f"--port {other}" if other else _("another --port")
        click.echo(_("Port {port} is in use on {host} (another `warta serve`?). Try "
                     "{suggestion}, or --port 0 to pick a free one.", port=error.port,
                     host=host, suggestion=suggestion), err=True)
        sys.exit(2)
    # `kill` (a terminal closing, a process manager) stops as cleanly as Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        click.echo(_("Building the preview..."))
        preview.start()
        click.echo(_("Serving {site} at {url} (Ctrl-C to stop)", site=site_dir,
                     url=preview.url))
        if open_browser:
            webbrowser.open(preview.url)
        # Sleep until Ctrl-C: the work happens in the watcher, build and HTTP threads.
        threading.Event().wait()
    except KeyboardInterrupt:
        click.echo("\n" + _("Stopping the preview."))
    finally:
        preview.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
