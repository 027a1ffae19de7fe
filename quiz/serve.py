"""`quiz serve`: the quiz in the browsers of a class, through textual-serve.

textual-serve starts one process per browser tab from a shell command string, so each tab runs its own
`quiz --learners DIR`: it asks the learner's name and keeps their progress in DIR/NAME.toml, exactly as
on a shared computer. This module only builds that command and starts the web server; the server
itself never imports Textual (each tab's process does), and textual-serve is imported only to serve.
"""

import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

TITLE = "Media literacy quiz"
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}
"""Addresses that listen on every network but that no browser can open."""


def tab_command(learners: Path, banks: Sequence[Path] = ()) -> str:
    """The shell command each browser tab runs: this Python and this quiz, with absolute paths so the
    tabs do not depend on the folder the server was started from, quoted for the shell."""
    argv = [sys.executable, "-m", "quiz", "--learners", str(learners.resolve())]
    for bank in banks:
        argv += ["--bank", str(bank.resolve())]
    return shlex.join(argv)


def browser_url(host: str, port: int, public_url: str | None) -> str | None:
    """The address learners open: `public_url` if given, else the one textual-serve derives from host
    and port; None when the host is a wildcard, which browsers cannot reach."""
    if public_url:
        return public_url.rstrip("/")
    if host in WILDCARD_HOSTS:
        return None
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def run(learners: Path, banks: Sequence[Path], host: str, port: int, public_url: str | None) -> int:
    """Serve the quiz until Ctrl+C; 1 after a clear message when it cannot."""
    if not 1 <= port <= 65535:
        print(f"quiz serve: --port {port} is not a port; choose one from 1 to 65535 (default 8000).",
              file=sys.stderr)
        return 1
    url = browser_url(host, port, public_url)
    if url is None:
        print(f"quiz serve: --host {host or repr(host)} listens on every network, but browsers need this "
              f"computer's address: add --public-url http://ADDRESS:{port} (ADDRESS as the learners' "
              "computers reach this one, e.g. one that `hostname -I` prints).", file=sys.stderr)
        return 1
    try:
        learners.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"quiz serve: cannot use {learners} for progress files: {error.strerror or error}. "
              "Choose another --learners DIR.", file=sys.stderr)
        return 1

    print(f"Open {url} in each learner's browser; every tab asks a name and runs its own quiz.\n"
          f"Progress files go to {learners.resolve() / 'NAME.toml'}. Ctrl+C stops the server.",
          flush=True)
    server = _server_class()(tab_command(learners, banks), host=host, port=port, title=TITLE,
                             public_url=url)
    try:
        server.serve()
    except OSError as error:
        print(f"quiz serve: cannot listen on {host}:{port}: {error.strerror or error}. "
              "Choose another --port, or stop the program using it.", file=sys.stderr)
        return 1
    return 0


def _server_class():
    """textual-serve's Server, made to end open tabs when stopped. By itself it leaves their connections
    open, so Ctrl+C waits out aiohttp's one-minute shutdown timeout while any learner has a tab open;
    ending a tab tells its quiz to quit, and every answer is already saved."""
    import asyncio

    from textual_serve.server import Server

    class QuizServer(Server):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.tabs: set[asyncio.Task] = set()

        async def handle_websocket(self, request):
            tab = asyncio.current_task()
            self.tabs.add(tab)
            try:
                return await super().handle_websocket(request)
            finally:
                self.tabs.discard(tab)

        async def on_shutdown(self, app) -> None:
            for tab in self.tabs:
                tab.cancel()

    return QuizServer
