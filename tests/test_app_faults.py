"""The full-screen app on I/O faults and unexpected errors: a clear message, nothing lost that can be
kept, a non-zero exit, and never a traceback on a learner's screen."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from quiz.storage.progress_file import load_progress
from tests.conftest import MINI, flat, screen_text
from tests.test_app import RIGHT, answer

REPO = Path(__file__).resolve().parent.parent


async def test_a_full_disk_keeps_the_answer_says_so_and_retries(mini, make_app, progress_file, full_disk):
    full_disk.full = False
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # All questions
        await pilot.pause()
        first = app.screen.question.id
        full_disk.full = True
        await answer(pilot, RIGHT[first])
        text = screen_text(app)
        assert "Could not save your answer: no space left on device. Your answers are kept" in " ".join(text.split())
        assert "Right." in text, "the feedback is shown as usual"
        assert app.learner.unsaved_answers == 1
        full_disk.full = False
        await pilot.press("enter")
        await pilot.pause()
        second = app.screen.question.id
        await answer(pilot, RIGHT[second])
    saved = load_progress(progress_file)
    assert [a.question_id for a in saved.answers] == [first, second], "the kept answer was saved with the next"


async def test_quitting_with_unsaved_answers_asks_and_exits_non_zero(mini, make_app, full_disk):
    full_disk.full = False
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        full_disk.full = True
        await answer(pilot, RIGHT[app.screen.question.id])
        await pilot.press("ctrl+q")
        await pilot.pause()
        text = flat(app)
        assert "Your last answers are not saved" in text and "no space left on device. 1 answer" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running, "Esc stays"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1


async def test_a_progress_path_that_cannot_be_used_ends_with_a_message_and_exit_1(mini, make_app, tmp_path, capsys):

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    app = make_app(mini, progress=blocker / "progress.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    told = capsys.readouterr()
    assert "Cannot use the progress file" in told.out + told.err
    assert blocker.read_text() == "a file where a folder should be"


def test_an_unexpected_error_is_logged_not_shown_and_exits_1(tmp_path):
    """A bug raised inside the running app: the learner reads one plain line, the details go to the log
    file in the user log folder, and the exit status is 1."""
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from quiz.storage.bank_files import load_bank
        from quiz.tui.app import QuizApp
        from quiz.tui.screens.home import HomeScreen

        def broken(self):
            raise RuntimeError("a bug")

        HomeScreen.on_mount = broken
        app = QuizApp(load_bank([{str(MINI)!r}]).bank, Path({str(tmp_path / 'p.toml')!r}), seed=1)
        app.run(headless=True)
        sys.exit(app.return_code)
    """)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                         timeout=60, env=env)
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert "The quiz stopped on an unexpected error." in out.stdout + out.stderr
    (log,) = (tmp_path / "state").rglob("errors.log")
    assert "RuntimeError: a bug" in log.read_text()
