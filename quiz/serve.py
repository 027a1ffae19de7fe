"""`quiz serve`: the quiz in the browsers of a class, through textual-serve.

textual-serve starts one process per browser tab from a shell command string, so each tab runs its own
`quiz --learners DIR`: it asks the learner's name and keeps their progress in DIR/NAME.toml, exactly as
on a shared computer. This module builds that command and starts the web server; the server itself
never imports Textual (each tab's process does), and textual-serve is imported only to serve.

textual-serve alone trusts every connection. Here the server:
- accepts a tab's websocket only from a page this server serves (its address, `--public-url`'s, and on
  this computer alone its loopback names): otherwise any web page open in the teacher's browser could
  start quizzes under any name;
- starts at most `--max-learners` tabs at once (each is a process of about 50 MB); the next tab is told
  that the class is full instead;
- clamps the terminal size a tab asks for (100,000 columns kept a process busy and over 1 GB);
- ends a tab nobody has typed in for `--idle-minutes` (its answers are saved as they are given).
"""

import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

TITLE = "Media literacy quiz"
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}
"""Addresses that listen on every network but that no browser can open."""
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
MAX_LEARNERS = 40
"""Tabs at once by default: a class, with room for a few reloads (about 2 GB of memory in all)."""
IDLE_MINUTES = 30
"""Minutes without a key press before a tab ends by default: longer than reading an article."""
COLUMNS = (20, 400)
ROWS = (8, 200)
"""The terminal sizes a tab may ask for; larger or smaller requests are brought within these."""
FULL_SECONDS = 600
"""How long a tab turned away stays open to show why, before the page offers to try again."""


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


def origin_of(url: str) -> str:
    """The origin a browser sends for a page at `url`: scheme, host and port, the default port left out."""
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    shown = f"[{host}]" if ":" in host else host
    port = parts.port
    if port is None or (scheme, port) in {("http", 80), ("https", 443)}:
        return f"{scheme}://{shown}"
    return f"{scheme}://{shown}:{port}"


def allowed_origins(host: str, port: int, public_url: str | None) -> frozenset[str]:
    """The pages allowed to open a tab: the address learners are given, the server's own address, and,
    when it listens on this computer only, the other names of this computer."""
    origins = set()
    if public_url:
        origins.add(origin_of(public_url))
    if host not in WILDCARD_HOSTS:
        origins.add(origin_of(browser_url(host, port, None)))
    if host in LOOPBACK_HOSTS:
        origins |= {origin_of(f"http://{name}:{port}") for name in ("localhost", "127.0.0.1", "[::1]")}
    return frozenset(origins)


def clamp(value: object, bounds: tuple[int, int], default: int) -> int:
    """A terminal dimension a browser asked for, as a whole number within `bounds`."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        number = default
    return min(max(number, bounds[0]), bounds[1])


def run(learners: Path, banks: Sequence[Path], host: str, port: int, public_url: str | None,
        max_learners: int = MAX_LEARNERS, idle_minutes: float = IDLE_MINUTES) -> int:
    """Serve the quiz until Ctrl+C; 1 after a clear message when it cannot."""
    if not 1 <= port <= 65535:
        print(f"quiz serve: --port {port} is not a port; choose one from 1 to 65535 (default 8000).",
              file=sys.stderr)
        return 1
    if max_learners < 1:
        print(f"quiz serve: --max-learners {max_learners} would turn every learner away; give 1 or more "
              f"(default {MAX_LEARNERS}).", file=sys.stderr)
        return 1
    if not idle_minutes >= 0:  # also refuses nan
        print(f"quiz serve: --idle-minutes {idle_minutes} is not a number of minutes; give 0 to keep idle "
              f"tabs open, or more (default {IDLE_MINUTES}).", file=sys.stderr)
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

    idle = f"after {idle_minutes:g} minutes without a key press" if idle_minutes else "never when idle"
    print(f"Open {url} in each learner's browser; every tab asks a name and runs its own quiz.\n"
          f"Progress files go to {learners.resolve() / 'NAME.toml'}. At most {max_learners} tabs at "
          f"once; a tab ends {idle}. Ctrl+C stops the server.", flush=True)
    server = _server_class()(tab_command(learners, banks), host=host, port=port, title=TITLE,
                             public_url=url, max_learners=max_learners, idle_seconds=idle_minutes * 60,
                             origins=allowed_origins(host, port, public_url))
    try:
        server.serve()
    except OSError as error:
        print(f"quiz serve: cannot listen on {host}:{port}: {error.strerror or error}. "
              "Choose another --port, or stop the program using it.", file=sys.stderr)
        return 1
    return 0


def full_message(max_learners: int) -> bytes:
    """What a tab turned away shows, written to the page's terminal."""
    return ("\r\n  The quiz is full: {0} learners are taking it now, the most this server allows.\r\n"
            "  Reload this page in a while, or ask your teacher.\r\n").format(max_learners).encode()


def _server_class():
    """textual-serve's Server with the checks above, and made to end open tabs when stopped: by itself
    it leaves their connections open, so Ctrl+C waits out aiohttp's one-minute shutdown timeout while
    any learner has a tab open; ending a tab tells its quiz to quit, and every answer is already saved.

    The websocket handler is textual-serve's own (1.1), with the checks added: its parts are not
    separately replaceable."""
    import asyncio
    import logging
    import time

    from aiohttp import WSMsgType, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    log = logging.getLogger("textual-serve")

    class QuizServer(Server):
        def __init__(self, *args, max_learners: int = MAX_LEARNERS, idle_seconds: float = IDLE_MINUTES * 60,
                     origins: frozenset[str] = frozenset(), **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.max_learners = max_learners
            self.idle_seconds = idle_seconds
            """0 keeps idle tabs open."""
            self.origins = origins
            self.tabs: set[asyncio.Task] = set()
            self.learners: set[AppService] = set()

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            origin = request.headers.get("Origin")
            if origin is None or origin.lower() not in self.origins:
                log.warning("Refused a tab from a page at %s: learners open %s", origin or "no page",
                            self.public_url)
                return web.Response(status=403, text="This quiz only runs in its own page.\n")
            tab = asyncio.current_task()
            self.tabs.add(tab)
            websocket = web.WebSocketResponse(heartbeat=15)
            try:
                await websocket.prepare(request)
                if len(self.learners) >= self.max_learners:
                    await self._turn_away(websocket)
                else:
                    await self._run_tab(request, websocket)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # a tab's trouble must not stop the server
                log.exception(error)
            finally:
                self.tabs.discard(tab)
            return websocket

        async def _turn_away(self, websocket: web.WebSocketResponse) -> None:
            """Show why, and hold the connection open: when it closes, the page covers the terminal."""
            await websocket.send_bytes(full_message(self.max_learners))
            try:
                async with asyncio.timeout(FULL_SECONDS):
                    async for _ in websocket:
                        pass
            except TimeoutError:
                pass
            await websocket.close()

        async def _run_tab(self, request: web.Request, websocket: web.WebSocketResponse) -> None:
            width = clamp(request.query.get("width"), COLUMNS, 80)
            height = clamp(request.query.get("height"), ROWS, 24)
            service = AppService(self.command, write_bytes=websocket.send_bytes,
                                 write_str=websocket.send_str, close=websocket.close,
                                 download_manager=self.download_manager, debug=self.debug)
            self.learners.add(service)
            try:
                await service.start(width, height)
                await self._relay(websocket, service)
            finally:  # stop the process even when the server is stopping (this task cancelled)
                stopping = asyncio.ensure_future(self._stop(service))
                try:
                    await asyncio.shield(stopping)
                except asyncio.CancelledError:
                    await stopping
                    raise

        async def _stop(self, service: AppService) -> None:
            try:
                await service.stop()
                await self._ended(service)
            finally:
                self.learners.discard(service)  # only once its process is gone: memory is what it counts

        async def _ended(self, service: AppService) -> None:
            """Wait for the tab's process to exit (killed if it will not), then close its pipes:
            neither textual-serve nor asyncio's Process does, and a transport left open warns."""
            process = service._process
            if process is None:
                return
            try:
                async with asyncio.timeout(10):
                    await process.wait()
            except TimeoutError:
                process.kill()
                await process.wait()
            process._transport.close()

        async def _relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
            """Pass the page's keys and sizes to the tab's process until the page goes, or nobody has
            typed for `idle_seconds`."""
            last_input = time.monotonic()
            while True:
                wait = None
                if self.idle_seconds:
                    wait = self.idle_seconds - (time.monotonic() - last_input)
                    if wait <= 0:
                        log.info("Ended a tab left idle for %g minutes", self.idle_seconds / 60)
                        await websocket.close()
                        return
                try:
                    async with asyncio.timeout(wait):
                        message = await websocket.receive()
                except TimeoutError:
                    continue
                if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                    return
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    kind, data = json.loads(message.data)
                except (ValueError, TypeError):
                    continue
                if kind == "stdin" and isinstance(data, str):
                    last_input = time.monotonic()
                    await service.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    last_input = time.monotonic()
                    await service.set_terminal_size(clamp(data.get("width"), COLUMNS, 80),
                                                    clamp(data.get("height"), ROWS, 24))
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await service.blur()
                elif kind == "focus":
                    await service.focus()

        async def on_shutdown(self, app) -> None:
            tabs = list(self.tabs)
            for tab in tabs:
                tab.cancel()
            await asyncio.gather(*tabs, return_exceptions=True)

    return QuizServer
