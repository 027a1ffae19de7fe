"""`quiz serve` without a browser: the command each tab runs, the refusals, and that the server itself
never loads Textual. A stand-in replaces textual-serve's Server so nothing listens;
tests/test_serve_e2e.py serves for real."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.cli import main

MINI = Path(__file__).parent / "fixtures" / "mini"

STAND_IN = """
import sys
import textual_serve.server

class Server:
    def __init__(self, command, **options):
        self.command, self.options = command, options

    def serve(self):
        print("textual loaded:", "textual" in sys.modules)
        print("command:", self.command)
        print("options:", self.options)

textual_serve.server.Server = Server
from quiz.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_the_server_runs_each_tab_on_absolute_paths_and_never_loads_textual(tmp_path):
    bank = os.path.relpath(MINI, tmp_path)
    done = subprocess.run([sys.executable, "-c", STAND_IN, "serve", "--learners", "class 3B", "--bank", bank,
                           "--port", "8123"],
                          cwd=tmp_path, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    assert lines["textual loaded"] == "False"
    assert shlex.split(lines["command"]) == [sys.executable, "-m", "quiz", "--learners",
                                             str(tmp_path.resolve() / "class 3B"), "--bank", str(MINI.resolve())]
    assert (tmp_path / "class 3B").is_dir()
    assert "'public_url': 'http://127.0.0.1:8123'" in lines["options"]
    assert "Open http://127.0.0.1:8123 in each learner's browser" in done.stdout
    assert str(tmp_path.resolve() / "class 3B" / "NAME.toml") in done.stdout


@pytest.fixture
def servers(monkeypatch):
    """The Server instances `quiz serve` made (and would have run), in order."""
    import textual_serve.server

    made = []

    class Server:
        def __init__(self, command, **options):
            self.command, self.options = command, options
            made.append(self)

        def serve(self):
            pass

    monkeypatch.setattr(textual_serve.server, "Server", Server)
    return made


def test_learners_folder_is_required(servers, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["serve"])
    assert exit.value.code == 2
    assert "the following arguments are required: --learners" in capsys.readouterr().err
    assert servers == []


def test_the_bundled_bank_is_served_when_no_bank_is_named(servers, tmp_path):
    assert main(["serve", "--learners", str(tmp_path)]) == 0
    assert "--bank" not in shlex.split(servers[0].command)


def test_listening_on_every_network_needs_the_address_browsers_use(servers, tmp_path, capsys):
    assert main(["serve", "--learners", str(tmp_path), "--host", "0.0.0.0"]) == 1
    assert "add --public-url http://ADDRESS:8000" in capsys.readouterr().err
    assert servers == []

    assert main(["serve", "--learners", str(tmp_path), "--host", "0.0.0.0",
                 "--public-url", "http://192.0.2.7:8000/"]) == 0
    assert servers[0].options["public_url"] == "http://192.0.2.7:8000"
    assert servers[0].options["host"] == "0.0.0.0"


def test_a_bank_with_errors_is_reported_before_serving(servers, tmp_path, capsys):
    broken = tmp_path / "broken.toml"
    broken.write_text("[[question]]\nid = 1\n", encoding="utf-8")
    assert main(["serve", "--learners", str(tmp_path / "class"), "--bank", str(broken)]) == 1
    assert "broken.toml:" in capsys.readouterr().err
    assert servers == []


def test_a_learners_path_that_is_a_file_is_refused(servers, tmp_path, capsys):
    taken = tmp_path / "class"
    taken.write_text("not a folder", encoding="utf-8")
    assert main(["serve", "--learners", str(taken / "3B")]) == 1
    assert "cannot use" in capsys.readouterr().err
    assert servers == []


def test_a_port_out_of_range_is_refused(servers, tmp_path, capsys):
    assert main(["serve", "--learners", str(tmp_path), "--port", "70000"]) == 1
    assert "choose one from 1 to 65535" in capsys.readouterr().err
    assert servers == []


# The server's checks, through a websocket client -------------------------------------------------

TAB = r'''
import json, os, sys
out, inp = sys.stdout.buffer, sys.stdin.buffer
out.write(b"__GANGLION__\n")

def send(text):
    data = text.encode()
    out.write(b"D" + len(data).to_bytes(4, "big") + data)
    out.flush()

send(f"size {os.environ['COLUMNS']}x{os.environ['ROWS']}")
while kind := inp.read(1):
    payload = inp.read(int.from_bytes(inp.read(4), "big"))
    if kind == b"M":
        meta = json.loads(payload)
        if meta["type"] == "quit":
            break
        if meta["type"] == "resize":
            send(f"resize {meta['width']}x{meta['height']}")
    else:
        send("typed " + payload.decode())
'''
"""A stand-in for a tab's quiz: speaks textual-serve's protocol and reports what it was told."""


@pytest.fixture
async def serve(tmp_path):
    """Start a QuizServer on loopback with the stand-in tab; yields (url, server)."""
    from aiohttp.test_utils import TestServer

    from quiz.serve import _server_class, allowed_origins

    program = tmp_path / "tab.py"
    program.write_text(TAB, encoding="utf-8")
    started = []

    async def start(max_learners=40, idle_seconds=0.0):
        server = _server_class()(shlex.join([sys.executable, str(program)]), host="127.0.0.1", port=0,
                                 max_learners=max_learners, idle_seconds=idle_seconds)
        test_server = TestServer(await server._make_app(), host="127.0.0.1")
        await test_server.start_server()
        url = f"http://127.0.0.1:{test_server.port}"
        server.public_url = url
        server.origins = allowed_origins("127.0.0.1", test_server.port, None)
        started.append(test_server)
        return url, server

    yield start
    for test_server in started:
        await test_server.close()


async def open_tab(session, url, origin=None, query="width=100&height=30"):
    return await session.ws_connect(f"{url}/ws?{query}", headers={"Origin": origin or url}, heartbeat=None)


async def next_text(tab, timeout=20.0) -> str:
    import asyncio

    message = await asyncio.wait_for(tab.receive(), timeout)
    return message.data.decode() if isinstance(message.data, bytes) else str(message.data)


async def test_a_tab_only_opens_from_the_quizs_own_page(serve):
    import aiohttp

    url, _ = await serve()
    async with aiohttp.ClientSession() as session:
        for origin in ("http://evil.example", "null", url.replace("127.0.0.1", "127.0.0.1.nip.io")):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await open_tab(session, url, origin)
            assert refused.value.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await session.ws_connect(f"{url}/ws")  # no Origin at all: not a browser page
        tab = await open_tab(session, url.replace("127.0.0.1", "localhost"))  # this computer, by name
        assert await next_text(tab) == "size 100x30"
        await tab.close()


def test_the_allowed_origins_are_the_public_url_and_the_servers_own_address():
    from quiz.serve import allowed_origins

    assert allowed_origins("0.0.0.0", 8000, "http://192.0.2.7:8000/") == {"http://192.0.2.7:8000"}
    assert allowed_origins("0.0.0.0", 80, "https://quiz.school.example/") == {"https://quiz.school.example"}
    assert allowed_origins("127.0.0.1", 8000, None) == {"http://127.0.0.1:8000", "http://localhost:8000",
                                                       "http://[::1]:8000"}
    assert allowed_origins("192.0.2.7", 8000, None) == {"http://192.0.2.7:8000"}


async def test_beyond_the_most_learners_a_tab_is_told_the_quiz_is_full(serve):
    import aiohttp

    url, server = await serve(max_learners=2)
    async with aiohttp.ClientSession() as session:
        first, second = await open_tab(session, url), await open_tab(session, url)
        assert await next_text(first) == await next_text(second) == "size 100x30"
        third = await open_tab(session, url)
        assert "The quiz is full: 2 learners are taking it now" in await next_text(third)
        assert len(server.learners) == 2, "no process was started for it"
        await third.close()
        await first.close()
        for _ in range(100):  # the first tab's process ends
            if len(server.learners) < 2:
                break
            import asyncio
            await asyncio.sleep(0.05)
        fourth = await open_tab(session, url)
        assert await next_text(fourth) == "size 100x30"
        await second.close()
        await fourth.close()


async def test_the_terminal_size_a_page_asks_for_is_kept_within_bounds(serve):
    import aiohttp

    url, _ = await serve()
    async with aiohttp.ClientSession() as session:
        tab = await open_tab(session, url, query="width=100000&height=100000")
        assert await next_text(tab) == "size 400x200"
        await tab.send_json(["resize", {"width": -5, "height": "many"}])
        assert await next_text(tab) == "resize 20x24"
        await tab.send_json(["resize", {"width": 10**30, "height": 50}])
        assert await next_text(tab) == "resize 400x50"
        await tab.send_str("not json")  # ignored, the tab goes on
        await tab.send_json(["stdin", "x"])
        assert await next_text(tab) == "typed x"
        await tab.close()


async def test_a_tab_nobody_types_in_is_ended_and_typing_keeps_it(serve):
    import asyncio

    import aiohttp

    url, server = await serve(idle_seconds=1.0)
    async with aiohttp.ClientSession() as session:
        tab = await open_tab(session, url)
        assert await next_text(tab) == "size 100x30"
        for _ in range(4):  # 1.6 s of typing: longer than the idle time, never idle for it
            await asyncio.sleep(0.4)
            await tab.send_json(["stdin", "k"])
            assert await next_text(tab) == "typed k"
        message = await asyncio.wait_for(tab.receive(), 10)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        for _ in range(100):
            if not server.learners:
                break
            await asyncio.sleep(0.05)
        assert not server.learners, "its process was stopped"


def test_serve_options_are_checked(servers, tmp_path, capsys):
    assert main(["serve", "--learners", str(tmp_path), "--max-learners", "0"]) == 1
    assert "--max-learners 0 would turn every learner away" in capsys.readouterr().err
    assert main(["serve", "--learners", str(tmp_path), "--idle-minutes", "-1"]) == 1
    assert "--idle-minutes -1.0 is not a number of minutes" in capsys.readouterr().err
    assert servers == []
    assert main(["serve", "--learners", str(tmp_path), "--max-learners", "25", "--idle-minutes", "10"]) == 0
    assert servers[0].max_learners == 25 and servers[0].idle_seconds == 600
    assert servers[0].origins == {"http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"}
    assert "At most 25 tabs at once; a tab ends after 10 minutes without a key press" in capsys.readouterr().out
