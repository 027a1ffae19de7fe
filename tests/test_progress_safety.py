"""No progress lost: a damaged file is kept unless the learner agrees, a second window cannot clobber
the first, a save killed at any moment leaves a file that loads with every completed answer, a failed
save keeps the answer until it can be written, and a path that cannot be used says why."""

import errno
import os
import random
import re
import shutil
import signal
import stat
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.domain.progress import AnswerRecord
from quiz.learner import Learner, SaveFailed
from quiz.session import Selection
from quiz.storage import progress_file as progress_module
from quiz.storage.progress_file import (
    ProgressError, ProgressFile, ProgressUnavailable, load_progress, save_progress,
)
from quiz.storage.progress_lock import ProgressLock
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
    assert second.read_only_reason == ("another quiz window is using this progress file, so answers given "
                                       "here are not saved. Close the other window, then start this one again.")
    session = first.start(Selection(seed=1))
    first.answer(session, sorted(session.current.correct()))
    other = second.start(Selection(seed=2))
    second.answer(other, sorted(other.current.correct()))
    assert not second.unsaved, "a read-only window has nothing waiting to be saved"
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


# Symlinks, modes, read-only files and folders ----------------------------------------------------

def answer_one(learner: Learner, seed: int = 1):
    session = learner.start(Selection(seed=seed))
    return learner.answer(session, sorted(session.current.correct()))


def test_a_symlinked_progress_file_is_written_through_the_link_and_locked_on_the_target(mini, tmp_path):
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "alice.toml"
    target.write_text('schema_version = 2\n')  # the first save rewrites it (an upgrade to schema 3)
    target.chmod(0o640)
    link = tmp_path / "progress.toml"
    link.symlink_to(target)
    learner = Learner.open(mini, link, clock=Clock())
    assert not learner.read_only
    through_target = Learner.open(mini, target, clock=Clock())
    assert through_target.read_only, "one lock for the link and its target"
    through_target.close()
    first = answer_one(learner)
    second = answer_one(learner, seed=2)  # an append this time
    learner.close()
    assert link.is_symlink() and link.resolve() == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert load_progress(target).answers == [first, second]
    assert sorted(p.name for p in synced.iterdir()) == ["alice.toml", "alice.toml.lock"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.toml", "synced"]


def test_a_read_only_progress_file_makes_a_read_only_learner_and_stays_as_it_is(mini, progress_file):
    save_progress(progress_file, load_progress(progress_file))
    progress_file.chmod(0o444)
    before = progress_file.read_bytes()
    learner = Learner.open(mini, progress_file, clock=Clock())
    assert learner.read_only and learner.read_only_reason.startswith(
        "the progress file is read-only, so answers given here are not saved. Make it writable")
    answer_one(learner)
    learner.save_settings(theme="textual-light")
    lock = ProgressLock(progress_file)
    assert lock.acquire(), "a window that cannot write holds no lock"
    lock.release()
    learner.close()
    assert progress_file.read_bytes() == before
    assert stat.S_IMODE(progress_file.stat().st_mode) == 0o444


def test_a_folder_where_nothing_can_be_written(mini, tmp_path, monkeypatch):
    def refused(self):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(ProgressLock, "acquire", refused)
    missing = tmp_path / "new.toml"
    with pytest.raises(ProgressUnavailable) as caught:
        Learner.open(mini, missing)
    assert str(caught.value) == f"{missing}: cannot save progress in {tmp_path}: permission denied"
    assert not missing.exists()
    existing = tmp_path / "old.toml"
    save_progress(existing, load_progress(missing))
    learner = Learner.open(mini, existing)
    assert learner.read_only
    assert learner.read_only_reason.startswith(
        f"the folder {tmp_path} cannot be written to (permission denied), so answers given here are not saved")
    learner.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and POSIX permissions")
def test_a_really_read_only_folder(mini):
    """In a folder this user may not write in: the existing file opens read-only, a new one cannot be
    made, and a file this user may not read cannot be used. As root (who may read and write anything)
    the check runs in a child process as the user nobody."""
    folder = Path(tempfile.mkdtemp(prefix="quiz-read-only-"))  # in /tmp, which any user can reach
    try:
        save_progress(folder / "bob.toml", load_progress(folder / "none.toml"))
        (folder / "bob.toml").chmod(0o644)
        save_progress(folder / "dave.toml", load_progress(folder / "none.toml"))
        (folder / "dave.toml").chmod(0o000)
        lock = ProgressLock(folder / "warm.toml")  # import what locking needs before changing user
        lock.acquire()
        lock.release()
        (folder / "warm.toml.lock").unlink()
        folder.chmod(0o755 if os.geteuid() == 0 else 0o555)

        def attempt() -> str:
            learner = Learner.open(mini, folder / "bob.toml")
            said = learner.read_only_reason.split(",")[0] + "\n"
            learner.close()
            for name in ("carol.toml", "dave.toml"):
                try:
                    Learner.open(mini, folder / name)
                except ProgressUnavailable as error:
                    said += f"{error}\n"
            return said

        if os.geteuid() != 0:
            said = attempt()
        else:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                try:
                    os.setgid(65534)
                    os.setuid(65534)
                    os.write(write_end, attempt().encode())
                finally:
                    os._exit(0)
            os.close(write_end)
            os.waitpid(pid, 0)
            with os.fdopen(read_end) as pipe:
                said = pipe.read()
        assert said == (f"the folder {folder} cannot be written to (permission denied)\n"
                        f"{folder / 'carol.toml'}: cannot save progress in {folder}: permission denied\n"
                        f"{folder / 'dave.toml'}: cannot read: permission denied\n")
        assert sorted(p.name for p in folder.iterdir()) == ["bob.toml", "dave.toml"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_progress_path_that_cannot_be_used_says_why(mini, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    with pytest.raises(ProgressUnavailable, match=re.escape(f"{blocker} is a file, not a folder")):
        Learner.open(mini, blocker / "progress.toml")
    with pytest.raises(ProgressUnavailable, match="cannot make its folder .*: a file is in the way"):
        Learner.open(mini, blocker / "deeper" / "progress.toml")
    os.mkfifo(tmp_path / "fifo.toml")
    with pytest.raises(ProgressUnavailable, match="is a pipe"):
        Learner.open(mini, tmp_path / "fifo.toml")
    assert blocker.read_text() == "not a folder"
    assert issubclass(ProgressUnavailable, ProgressError), "older interfaces still catch it"


# Saves that fail ----------------------------------------------------------------------------------

def test_a_full_disk_keeps_the_answer_and_the_next_save_writes_it(mini, progress_file, full_disk):
    full_disk.full = False
    learner = Learner.open(mini, progress_file, clock=Clock())
    session = learner.start(Selection(seed=1))
    full_disk.full = True
    with pytest.raises(SaveFailed) as caught:
        learner.answer(session, sorted(session.current.correct()), "sure")
    assert str(caught.value) == "Could not save your answer: no space left on device"
    kept = caught.value.record
    assert kept is session.answers[-1] and kept in learner.progress.answers
    assert learner.unsaved and learner.unsaved_answers == 1
    assert load_progress(progress_file).answers == []
    session.advance()
    full_disk.full = False
    second = learner.answer(session, sorted(session.current.correct()))
    assert not learner.unsaved and learner.unsaved_answers == 0
    assert load_progress(progress_file).answers == [kept, second]
    learner.close()


def test_flush_retries_and_says_so_when_it_still_cannot(mini, progress_file, full_disk):
    full_disk.full = False
    learner = Learner.open(mini, progress_file, clock=Clock())
    session = learner.start(Selection(seed=1))
    full_disk.full = True
    with pytest.raises(SaveFailed):
        learner.answer(session, sorted(session.current.correct()))
    with pytest.raises(SaveFailed, match="^Could not save your progress: no space left on device$"):
        learner.flush()
    full_disk.full = False
    learner.flush()
    assert not learner.unsaved
    assert len(load_progress(progress_file).answers) == 1
    learner.flush()  # nothing to do
    learner.close()


def test_a_save_cut_off_half_way_leaves_no_torn_line_once_retried(mini, progress_file, full_disk):
    full_disk.full = False
    learner = Learner.open(mini, progress_file, clock=Clock())
    session = learner.start(Selection(seed=1))
    full_disk.full, full_disk.partly = True, 40
    with pytest.raises(SaveFailed):
        learner.answer(session, sorted(session.current.correct()))
    assert load_progress(progress_file).answers == [], "the half-written line was cut off"
    full_disk.full = False
    learner.flush()
    learner.close()
    text = progress_file.read_text()
    assert load_progress(progress_file).answers == learner.progress.answers
    assert all(line.endswith("}") or line == "schema_version = 3" for line in text.splitlines())


def test_a_failed_upgrade_leaves_the_old_file_and_no_temporary(mini, progress_file, full_disk):
    progress_file.write_text("schema_version = 2\n")
    learner = Learner.open(mini, progress_file, clock=Clock())
    with pytest.raises(SaveFailed, match="no space left on device"):
        learner.start(Selection(seed=1))
    assert progress_file.read_text() == "schema_version = 2\n"
    assert sorted(p.name for p in progress_file.parent.iterdir()) == ["progress.toml", "progress.toml.lock"]
    learner.close()


@pytest.mark.parametrize("code, words", [(errno.EACCES, "permission denied"),
                                         (errno.EROFS, "the disk is read-only"),
                                         (errno.EDQUOT, "your disk quota is used up")])
def test_save_failures_are_told_in_plain_words(mini, progress_file, monkeypatch, code, words):
    learner = Learner.open(mini, progress_file, clock=Clock())
    session = learner.start(Selection(seed=1))

    def refuse(fd, payload):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(progress_module, "_write_all", refuse)
    with pytest.raises(SaveFailed, match=f"^Could not save your answer: {words}$"):
        learner.answer(session, sorted(session.current.correct()))
    learner.close()


# Settings ----------------------------------------------------------------------------------------

def test_settings_are_kept_for_next_time_and_the_last_one_wins(mini, progress_file):
    learner = Learner.open(mini, progress_file, clock=Clock())
    assert learner.settings.theme is None
    learner.save_settings(theme="textual-light")
    learner.save_settings(theme="nord")
    with pytest.raises(ValueError, match="unknown setting: colour"):
        learner.save_settings(colour="red")
    learner.close()
    assert progress_file.read_text().count("settings.") == 2
    again = Learner.open(mini, progress_file, clock=Clock())
    assert again.settings.theme == "nord"
    again.close()


# Killed in the middle ------------------------------------------------------------------------------

def _record(n: int) -> AnswerRecord:
    return AnswerRecord(question_id=f"q{n}", quiz_id="kill", choice=["a"], score=1.0,
                        answered_at=datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_in_the_middle_of_saves_loses_nothing_completed(mini, tmp_path):
    """200 times: a child opens the file as a window does and saves answer after answer (the first
    child upgrades a schema 2 file by a rewrite, the others append), reporting each completed save on
    a pipe; it is killed at a random moment. The file must always load, holding every reported answer."""
    path = tmp_path / "progress.toml"
    path.write_text('schema_version = 2\n\n[[answers]]\nquestion_id = "q0"\nquiz_id = "kill"\n'
                    'answered_at = 2026-01-01T00:00:00Z\nchoice = ["a"]\nscore = 1.0\n')
    rng = random.Random(20261123)
    reported = 1
    for _ in range(200):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: keep saving until killed
            os.close(read_end)
            store, progress = ProgressFile.open(path)
            while True:
                progress.answers.append(_record(len(progress.answers)))
                store.save(progress)
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
    assert path.read_text().startswith("schema_version = 3\n")
    Learner.open(mini, path).close()  # the next window tidies temporaries of killed saves
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.toml", "progress.toml.lock"]


# Damaged files, at random --------------------------------------------------------------------------

def _real_files(mini, folder) -> dict[str, bytes]:
    """Progress files as the quiz writes them: schema 3 after a few answers, and schema 1 and 2."""
    path = folder / "seed.toml"
    learner = Learner.open(mini, path, clock=Clock())
    session = learner.start(Selection(seed=3))
    for _ in range(3):
        learner.answer(session, sorted(session.current.correct()), "unsure")
        session.advance()
    learner.save_settings(theme="textual-light")
    learner.start(Selection(seed=4, count=2))
    learner.close()
    v2 = ('schema_version = 2\n\n[[answers]]\nquestion_id = "letter-puppet"\nquiz_id = "old"\n'
          'answered_at = 2026-01-01T10:00:00Z\nchoice = ["bandwagon"]\nscore = 0.0\nconfidence = "sure"\n\n'
          '[unfinished]\nquiz_id = "old"\ntitle = "All questions"\nstarted_at = 2026-01-01T09:59:00Z\n'
          'question_ids = ["letter-puppet", "pair-everyone"]\nseed = 5\n\n'
          '[reviews.letter-puppet]\nstate = 3\nstability = 0.4\ndifficulty = 7.5\n'
          'due = 2026-01-02T10:00:00Z\nlast_review = 2026-01-01T10:00:00Z\n')
    v1 = ('[[answers]]\nquestion_id = "pair-everyone"\nquiz_id = "old"\n'
          'answered_at = 2026-01-01T10:01:00Z\nchoice = ["exaggeration"]\nscore = 1.0\n')
    return {"v3": path.read_bytes(), "v2": v2.encode(), "v1": v1.encode()}


REPLACEMENTS = ['"1"', "1", "1.5", "-3", "true", "[]", "{}", '""', '"x\\u0007"', "2026-13-01T00:00:00Z",
                '"' + "é" * 300 + '"', "nan", "inf", '"\\"]}"', "9" * 30, "[[1]]", '{ a = 1 }']


@st.composite
def damaged(draw, files):
    lines = files[draw(st.sampled_from(sorted(files)))].decode().split("\n")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete line", "copy line", "swap lines", "value", "character",
                                       "cut line"]))
        line = lines[at]
        if action == "delete line":
            del lines[at]
        elif action == "copy line":
            lines.insert(draw(st.integers(0, len(lines))), line)
        elif action == "swap lines":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], line
        elif action == "value":
            values = list(re.finditer(r'(?<== )("[^"]*"|[^,}\]]+)', line))
            if values:
                value = draw(st.sampled_from(values))
                lines[at] = line[:value.start()] + draw(st.sampled_from(REPLACEMENTS)) + line[value.end():]
        elif action == "character" and line:
            spot = draw(st.integers(0, len(line) - 1))
            lines[at] = line[:spot] + draw(st.sampled_from(list('"{}[],=.\\#\x00') + [""])) + line[spot + 1:]
        elif line:
            lines[at] = line[:draw(st.integers(0, len(line) - 1))]
        if not lines:
            lines = [""]
    return "\n".join(lines).encode()


@pytest.fixture(scope="module")
def seeds(mini, tmp_path_factory):
    return _real_files(mini, tmp_path_factory.mktemp("seeds"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_file_loads_or_is_reported_with_its_line_and_never_written(mini, seeds, tmp_path, data):
    text = data.draw(damaged(seeds))
    path = tmp_path / "progress.toml"
    path.write_bytes(text)
    try:
        learner = Learner.open(mini, path, clock=Clock())
    except ProgressError as error:
        message = str(error)
        assert message.startswith(f"{path}:") and (
            re.match(rf"{re.escape(str(path))}:\d+: damaged: ", message)
            or "written by a newer version" in message), message
        assert path.read_bytes() == text, "a file that cannot be loaded is never written"
        return
    learner.totals(), learner.unfinished(), learner.due()  # what the first screen shows works
    learner.close()
    assert path.read_bytes() == text, "opening alone never writes"
