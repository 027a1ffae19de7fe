"""`quiz serve` end to end, as a learner meets it: a real server on loopback, headless Chromium, a name
typed into the page, a quiz started and one question answered with the keyboard; the learner's
progress file must record that answer.

The page is a terminal emulator drawn in a canvas, so the test types keys and reads the terminal output
the server streams to the page (as tmux's capture-pane would) only to know when a screen is up; what
was recorded is read from the progress file. Needs the `browser` extra (Playwright's Python package) and
Debian's chromium at /usr/bin/chromium; skips without them. Set QUIZ_BROWSER_SCREENSHOT=PATH to keep a
screenshot of the answered question (docs/browser.png is one).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from quiz.domain.models import KINDS
from quiz.storage.progress_file import load_progress
from quiz.storage.progress_lock import ProgressLock
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, MINI, MORE

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright is not installed: pip install -e '.[browser]' to run the browser test")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"no browser at {CHROMIUM}: apt-get install chromium to run it")

REPO = Path(__file__).parent.parent
START = 15.0
"""Seconds the server may take to answer HTTP."""
BROWSING = 35.0
"""Seconds everything in the browser may take, launch to last save: about 4 here, 8 on a busy machine.
With START and the server's stop, a test that hangs fails within about a minute."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=[[MINI]], ids=["mini"])
def served(tmp_path, request):
    """`quiz serve` on a free loopback port, serving the banks given as the fixture's param (the mini
    bank by default): yields (url, learners folder, server process); always stopped afterwards, killed
    if it will not stop."""
    learners, log = tmp_path / "class", tmp_path / "serve.log"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "quiz", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--learners", str(learners), *(arg for bank in request.param for arg in ("--bank", str(bank)))],
            cwd=REPO, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START
        while True:
            if server.poll() is not None:
                pytest.fail(f"quiz serve exited with {server.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"quiz serve did not answer at {url} within {START:.0f} s:\n{log.read_text()}")
            time.sleep(0.2)
        yield url, learners, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


class TerminalStream:
    """What the server has sent the page's terminal so far: enough to tell which screen is up."""

    def __init__(self, page, deadline: float) -> None:
        self.page = page
        self.deadline = deadline
        self.received = bytearray()
        self.seen = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload: str | bytes) -> None:
        self.received += payload if isinstance(payload, bytes) else payload.encode()

    def wait_for(self, *texts: str) -> str:
        """Wait until one of `texts` appears in output newer than the last one waited for."""
        while time.monotonic() < self.deadline:
            for text in texts:
                found = self.received.find(text.encode(), self.seen)
                if found >= 0:
                    self.seen = found + len(text)
                    return text
            self.page.wait_for_timeout(100)  # lets Playwright deliver the frames meanwhile
        pytest.fail(f"the browser did not show any of {texts} in time ({BROWSING:.0f} s in all)")


def wait_for_answers(path: Path, count: int, deadline: float):
    while time.monotonic() < deadline:
        if path.exists() and len((progress := load_progress(path)).answers) >= count:
            return progress
        time.sleep(0.1)
    pytest.fail(f"{path} did not record {count} answer(s) in time ({BROWSING:.0f} s in all)")


def lock_frees(path: Path, seconds: float = 5.0) -> bool:
    """Whether the lock on a progress file is free, or frees within `seconds`, as its window ends."""
    lock, deadline = ProgressLock(path), time.monotonic() + seconds
    while not lock.acquire():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    lock.release()
    return True


@contextmanager
def learner_page(url: str, deadline: float):
    """A fresh headless Chromium page on the quiz at `url`, showing the name screen: yields (page, the
    stream of what its terminal was sent); the browser is closed afterwards."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             timeout=BROWSING * 1000)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            page.set_default_timeout(max(deadline - time.monotonic(), 1) * 1000)
            # Only the quiz server may be reached: nothing else is fetched by a learner's page either.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
                       else route.abort())
            screen = TerminalStream(page, deadline)
            page.goto(url)
            screen.wait_for("Who is taking the quiz?")
            yield page, screen
        finally:
            browser.close()


def test_a_learner_answers_in_the_browser_and_their_file_records_it(served, mini):
    url, learners, server = served
    deadline = time.monotonic() + BROWSING
    with learner_page(url, deadline) as (page, screen):
        # As a learner does: click somewhere on the page (not on the name box), then type.
        page.mouse.click(900, 600)
        page.keyboard.type("Ada Lovelace")
        page.keyboard.press("Enter")
        screen.wait_for("Choose a quiz")
        page.keyboard.press("Enter")  # the first quiz in the list: all questions
        screen.wait_for("Choose one", "Tick all that apply", "Mark words")
        page.keyboard.press("1")
        page.keyboard.press("Enter")
        progress = wait_for_answers(learners / "ada-lovelace.toml", 1, deadline)
        screen.wait_for("Press Enter for the next question")
        if shot := os.environ.get("QUIZ_BROWSER_SCREENSHOT"):
            page.wait_for_timeout(500)  # the last frame reaches the canvas
            page.screenshot(path=shot)
        # The teacher presses Ctrl+C with the tab still open: the server stops at once, and so
        # does the tab's quiz, letting go of the learner's file.
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0

    [answer] = progress.answers
    question = mini.questions[answer.question_id]
    assert progress.unfinished is not None and progress.unfinished.question_ids[0] == question.id
    assert len(answer.choice) == 1 and answer.choice[0] in question.option_keys()
    assert sorted(p.name for p in learners.glob("*.toml")) == ["ada-lovelace.toml"]
    assert lock_frees(learners / "ada-lovelace.toml"), "the tab's quiz still holds the learner's file"


@pytest.mark.parametrize("served", [[MINI, MORE]], ids=["mini+more"], indirect=True)
def test_a_learner_types_at_once_and_marks_words_in_the_browser(served, mini_more):
    """The page takes the keyboard as it loads: typing the name needs no click. Then a "find it in the
    text" question is answered by marking words with the keyboard, as in the terminal."""
    url, learners, server = served
    question = mini_more.questions["letter-find-label"]
    key = sorted(question.key_words())
    menu = [*"All questions, letter only, reply only".split(", "), *KINDS]
    deadline = time.monotonic() + BROWSING
    with learner_page(url, deadline) as (page, screen):
        page.wait_for_timeout(300)  # the page gives the terminal the keyboard once it is drawn
        page.keyboard.type("Grace")  # no click first
        page.keyboard.press("Enter")
        screen.wait_for("Choose a quiz")
        for _ in range(menu.index("find")):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        screen.wait_for("Mark words")
        page.wait_for_timeout(300)
        for _ in range(key[0]):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Space")
        for _ in key[1:]:
            page.keyboard.press("Shift+ArrowRight")
        page.keyboard.press("Enter")
        progress = wait_for_answers(learners / "grace.toml", 1, deadline)
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0
    [answer] = progress.answers
    assert (answer.question_id, answer.words, answer.score) == ("letter-find-label", key, 1.0)
