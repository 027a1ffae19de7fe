"""No progress lost: a damaged file is kept unless the learner agrees, a second window cannot clobber
the first, and a save killed at any moment leaves a file that loads with every completed answer."""

import os
import random
import signal
import time
from datetime import UTC, datetime

import pytest

from quiz.domain.progress import AnswerRecord
from quiz.learner import Learner
from quiz.session import Selection
from quiz.storage.progress_file import load_progress, save_progress
from tests.conftest import Clock, screen_text


async def test_damaged_file_is_left_alone_when_the_learner_quits(mini, make_app, progress_file):
    progress_file.write_text("schema_version = 1\nanswers = [oops\n")
    before = progress_file.read_bytes()
    app = make_app(mini)
    async with app.run_test(size=(200, 30)) as pilot:
        text = screen_text(app)
        assert "Your progress file cannot be read" in text
        assert f"{progress_file}:2: damaged: not valid TOML (invalid value)" in text
        await pilot.press("q")
    assert progress_file.read_bytes() == before
    assert sorted(p.name for p in progress_file.parent.iterdir()) == ["progress.toml", "progress.toml.lock"]


async def test_damaged_file_is_moved_aside_only_when_the_learner_agrees(mini, make_app, progress_file):
    progress_file.write_text("schema_version = 1\nanswers = [oops\n")
    before = progress_file.read_bytes()
    app = make_app(mini)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "Choose a quiz" in text
        assert "Your old progress file was kept as" in text
    kept = [p for p in progress_file.parent.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert not progress_file.exists() or load_progress(progress_file).answers == []


def test_second_window_is_read_only_and_never_clobbers_the_first(mini, progress_file):
    first = Learner.open(mini, progress_file, clock=Clock())
    second = Learner.open(mini, progress_file, clock=Clock())
    assert not first.read_only and second.read_only
    session = first.start(Selection(seed=1))
    first.answer(session, sorted(session.current.correct()))
    other = second.start(Selection(seed=2))
    second.answer(other, sorted(other.current.correct()))
    assert [a.quiz_id for a in load_progress(progress_file).answers] == [session.quiz.quiz_id]
    first.close()
    third = Learner.open(mini, progress_file, clock=Clock())
    assert not third.read_only
    third.close()


async def test_second_window_says_it_is_read_only(mini, make_app, progress_file):
    holder = Learner.open(mini, progress_file)
    try:
        app = make_app(mini)
        async with app.run_test(size=(100, 30)):
            assert "Read-only: another quiz window is using this progress file" in screen_text(app)
    finally:
        holder.close()


def _record(n: int) -> AnswerRecord:
    return AnswerRecord(question_id=f"q{n}", quiz_id="kill", choice=["a"], score=1.0,
                        answered_at=datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_in_the_middle_of_saves_loses_nothing_completed(mini, tmp_path):
    """200 times: a child appends answers and saves, reporting each completed save on a pipe; it is
    killed at a random moment. The file must always load, holding every reported answer."""
    path = tmp_path / "progress.toml"
    rng = random.Random(20261123)
    reported = 0
    for _ in range(200):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: keep saving until killed
            os.close(read_end)
            progress = load_progress(path)
            while True:
                progress.answers.append(_record(len(progress.answers)))
                save_progress(path, progress)
                os.write(write_end, b"%d\n" % len(progress.answers))
        os.close(write_end)
        time.sleep(rng.uniform(0.0, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_end, "rb") as pipe:
            counts = [int(line) for line in pipe.read().split()]
        if counts:
            reported = counts[-1]
        saved = load_progress(path)  # must never raise
        assert len(saved.answers) >= reported
        assert len(saved.answers) <= reported + 1  # at most the one in flight beyond what was reported
        assert [a.question_id for a in saved.answers] == [f"q{n}" for n in range(len(saved.answers))]
        reported = len(saved.answers)
    assert reported > 50, "the children should have completed many saves"
    Learner.open(mini, path).close()  # the next window tidies temporaries of killed saves
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.toml", "progress.toml.lock"]
