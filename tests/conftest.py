"""Shared fixtures: the bundled bank, a tiny invented bank, a fixed clock, and an app to drive."""

import errno
import io
import os
import shutil
import subprocess
import sys
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from quiz.locations import bundled_bank, bundled_techniques
from quiz.storage import progress_file as progress_module
from quiz.storage.bank_files import load_bank

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
MORE = FIXTURES / "more" / "questions.toml"
"""A find and a source question on the mini bank's texts: load with MINI."""
CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, which the browser tests drive through Playwright (no `playwright install`)."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
"""Headless in a container, with nothing reaching out to the network on its own."""
BUNDLED_TECHNIQUES = len(tomllib.loads(bundled_techniques().read_text(encoding="utf-8"))["technique"])
"""How many techniques every bank has before its own."""


@pytest.fixture
def mini_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of the mini bank at ./bank, the working folder just above it, as a teacher's."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINI, tmp_path / "bank")
    return tmp_path / "bank"


@pytest.fixture
def full_disk(monkeypatch):
    """While on (`full_disk.full`, at first True), every write to a progress file fails with ENOSPC,
    after writing `partly` bytes of it."""

    class Disk:
        full = True
        partly = 0

    real = progress_module._write_all

    def write(fd, payload):
        if not Disk.full:
            return real(fd, payload)
        if Disk.partly:
            os.write(fd, payload[:Disk.partly])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(progress_module, "_write_all", write)
    return Disk


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file with `new`, as a teacher's edit (`old` must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The number of the line of the file holding `needle` (its n-th occurrence), as TOML counts lines."""
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
            if needle in line][occurrence - 1]


def run_quiz(*args: object, cwd: Path | None = None, env: dict | None = None, input: str | None = None,
             timeout: float = 120) -> subprocess.CompletedProcess:
    """`quiz ARGS` in a process of its own, as a user types it: no terminal, and standard input closed
    unless `input` is given. Whatever goes wrong must be a message, so a traceback fails the test."""
    out = subprocess.run([sys.executable, "-m", "quiz", *map(str, args)], capture_output=True, text=True,
                         cwd=cwd, env=env, input=input, stdin=None if input is not None else subprocess.DEVNULL,
                         timeout=timeout)
    assert "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    return out


def quiz_check(*args: object) -> tuple[int, str]:
    """`quiz check ARGS`: its exit code and what it printed."""
    out = run_quiz("check", *args)
    return out.returncode, out.stdout


class Clock:
    """A clock that starts at a fixed moment and moves one minute each time it is read."""

    def __init__(self, start: datetime = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture(autouse=True, scope="session")
def _user_folders_in_a_temporary_place(tmp_path_factory):
    """Keep what the quiz writes to the user's folders (the cache of checked banks, error logs) out
    of the real home folder, for the tests and the commands they start."""
    import os

    home = tmp_path_factory.mktemp("user")
    saved = {name: os.environ.get(name) for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME")}
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    os.environ["XDG_STATE_HOME"] = str(home / "state")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def bundled():
    result = load_bank([bundled_bank()])
    assert result.bank is not None, "\n".join(map(str, result.errors))
    return result.bank


@pytest.fixture(scope="session")
def mini():
    result = load_bank([MINI])
    assert result.bank is not None, "\n".join(map(str, result.errors))
    return result.bank


@pytest.fixture(scope="session")
def mini_more():
    """The mini bank with a "find" and a "source" question added."""
    result = load_bank([MINI, MORE])
    assert result.bank is not None, "\n".join(map(str, result.errors))
    return result.bank


@pytest.fixture
def progress_file(tmp_path) -> Path:
    return tmp_path / "progress.toml"


@pytest.fixture
def make_app(progress_file):
    """Build the app on a bank with its progress in a temporary file and a fixed clock."""
    from quiz.tui.app import QuizApp

    def build(bank, seed: int = 1, progress: Path | None = None, **options) -> "QuizApp":
        """`options` as QuizApp takes them: `learners=FOLDER` for a class (the name screen first)."""
        return QuizApp(bank, progress or progress_file, seed=seed, clock=Clock(), **options)

    return build


def screen_text(app) -> str:
    """The characters on the app's screen right now, as a learner would read them."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True,
                                                        screen_stack=app._background_screens))
    return console.export_text()


def flat(app) -> str:
    """The screen's text with every run of spaces and line breaks made one space, for finding a
    sentence that wraps."""
    return " ".join(screen_text(app).split())


async def through_feedback(pilot):
    """Press Enter until the feedback gives way to the next screen, as a learner reading it does."""
    screen = pilot.app.screen
    for _ in range(10):
        await pilot.press("enter")
        await pilot.pause()
        if pilot.app.screen is not screen or screen.session.phase.value != "answered":
            return
    raise AssertionError("Enter never moved on from the feedback")
