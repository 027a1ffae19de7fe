"""Progress files: round trips, appends, a torn last line, older schemas, and every way a file can be
wrong ends in a ProgressError naming the file and line, never another exception."""

import os
import stat
import tomllib
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.progress import (
    SCHEMA_VERSION, AnswerRecord, Progress, ReviewCard, Settings, UnfinishedQuiz,
)
from quiz.storage import progress_lines
from quiz.storage.progress_file import (
    ProgressError, ProgressFile, ProgressUnavailable, load_progress, save_progress,
)
from quiz.storage.progress_read import read_progress
from tests.progress_strategies import answers, cards, ids, quizzes, titles

progresses = st.builds(Progress, answers=st.lists(answers, max_size=20), unfinished=st.none() | quizzes,
                       reviews=st.dictionaries(ids, cards, max_size=10),
                       settings=st.builds(Settings, theme=st.none() | titles))

WHEN = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def answer(n: int, question: str = "q", quiz: str = "z", score: float = 1.0) -> AnswerRecord:
    return AnswerRecord(question_id=question, quiz_id=quiz, answered_at=WHEN + timedelta(minutes=n),
                        choice=["a"], score=score)


def card(n: int) -> ReviewCard:
    when = WHEN + timedelta(minutes=n)
    return ReviewCard(state=2, stability=1.5 + n, difficulty=5.0, due=when + timedelta(days=2), last_review=when)


def answered(progress: Progress, n: int, question: str = "q", quiz: str = "z") -> None:
    """Record an answer and its question's new card, as the learner does."""
    progress.answers.append(answer(n, question, quiz))
    progress.reviews[question] = card(n)


@settings(max_examples=60, deadline=None)
@given(progress=progresses)
def test_progress_round_trips(tmp_path_factory, progress):
    path = tmp_path_factory.mktemp("p") / "progress.toml"
    save_progress(path, progress)
    assert load_progress(path) == progress
    assert tomllib.loads(path.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


@settings(max_examples=40, deadline=None)
@given(start=progresses, steps=st.lists(st.tuples(st.lists(answers, max_size=3), st.dictionaries(ids, cards, max_size=2),
                                                   st.none() | quizzes, st.none() | titles), max_size=6))
def test_appended_saves_load_as_what_was_saved(tmp_path_factory, start, steps):
    path = tmp_path_factory.mktemp("p") / "progress.toml"
    save_progress(path, start)
    store, progress = ProgressFile.open(path)
    try:
        for new, reviews, quiz, theme in steps:
            progress.answers.extend(new)
            progress.reviews.update(reviews)
            progress.unfinished = quiz
            progress.settings = Settings(theme=theme)
            store.save(progress)
            assert load_progress(path) == progress
    finally:
        store.close()
    assert tomllib.loads(path.read_text(encoding="utf-8"))  # still one valid TOML document


def test_a_save_appends_one_line_per_change(tmp_path):
    path = tmp_path / "progress.toml"
    store, progress = ProgressFile.open(path)
    progress.unfinished = UnfinishedQuiz(quiz_id="z", title="All questions", started_at=WHEN,
                                         question_ids=["q", "r"], seed=3)
    store.save(progress)  # the first save creates the file whole
    answered(progress, 1, "q")
    store.save(progress)
    before = path.read_bytes()
    answered(progress, 2, "r")
    progress.unfinished = None
    progress.settings = Settings(theme="textual-light")
    store.save(progress)
    store.close()
    added = path.read_bytes()[len(before):].decode()
    assert before.decode().splitlines()[0] == "schema_version = 3"
    assert added.splitlines() == [
        'answer.3 = { question_id = "r", quiz_id = "z", answered_at = 2026-11-23T09:02:00Z, choice = ["a"], '
        'score = 1.0, review = { state = 2, stability = 3.5, difficulty = 5.0, due = 2026-11-25T09:02:00Z } }',
        'end.4 = { quiz_id = "z" }',
        'settings.5 = { theme = "textual-light" }']
    assert load_progress(path) == progress


def test_missing_file_is_a_fresh_start(tmp_path):
    assert load_progress(tmp_path / "none.toml") == Progress()


def test_save_leaves_no_temporary_files_and_creates_folders(tmp_path):
    path = tmp_path / "deep" / "er" / "progress.toml"
    save_progress(path, Progress())
    save_progress(path, Progress())
    assert [p.name for p in path.parent.iterdir()] == ["progress.toml"]
    assert path.read_text() == f"schema_version = {SCHEMA_VERSION}\n"


def test_times_keep_their_instant(tmp_path):
    moment = datetime(2026, 5, 1, 12, 30, 15, 250001, tzinfo=UTC)
    progress = Progress(answers=[AnswerRecord(question_id="q", quiz_id="z", answered_at=moment,
                                              choice=["a"], score=1.0)])
    save_progress(tmp_path / "p.toml", progress)
    assert load_progress(tmp_path / "p.toml").answers[0].answered_at == moment


# A torn last line ----------------------------------------------------------------------------------

def written(tmp_path, count: int = 3):
    path = tmp_path / "progress.toml"
    progress = Progress()
    for n in range(count):
        answered(progress, n, f"q{n}")
    store, _ = ProgressFile.open(path)
    store.save(progress)
    store.close()
    return path, progress


def test_every_torn_prefix_of_the_last_line_is_dropped_and_cut_before_the_next_save(tmp_path):
    path, progress = written(tmp_path)
    whole = path.read_bytes()
    last_start = whole.rstrip(b"\n").rfind(b"\n") + 1
    for cut in range(last_start + 1, len(whole) - 1):
        path.write_bytes(whole[:cut])
        loaded = read_progress(path)
        assert loaded.progress.answers == progress.answers[:-1], f"cut at {cut}"
        assert loaded.torn is not None and loaded.length == last_start
    store, again = ProgressFile.open(path)
    answered(again, 9, "q9")
    store.save(again)
    store.close()
    text = path.read_text()
    assert tomllib.loads(text) and load_progress(path) == again
    assert whole[last_start:cut].decode() not in text.splitlines()


def test_a_torn_line_of_zeros_or_half_a_character_is_dropped(tmp_path):
    path, progress = written(tmp_path, 2)
    whole = path.read_bytes()
    path.write_bytes(whole + b"\x00" * 300)
    assert load_progress(path) == progress
    path.write_bytes(whole + 'quiz.9 = { quiz_id = "z", title = "Caf\u00e9'.encode()[:-1])
    assert load_progress(path) == progress


def test_a_whole_last_record_without_its_newline_is_kept_and_the_next_save_adds_it(tmp_path):
    path, progress = written(tmp_path, 2)
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    store, loaded = ProgressFile.open(path)
    assert loaded == progress
    answered(loaded, 5, "q5")
    store.save(loaded)
    store.close()
    assert load_progress(path) == loaded


def test_damage_before_the_last_line_is_reported_with_its_line_and_never_dropped(tmp_path):
    path, _ = written(tmp_path, 3)
    lines = path.read_text().splitlines(keepends=True)
    lines[2] = lines[2].replace("score = 1.0", "score = 7.0")
    path.write_text("".join(lines))
    with pytest.raises(ProgressError, match=rf"^{path}:3: damaged: answer.2.score: Input should be less"):
        load_progress(path)
    lines[2] = lines[2][:40] + "\n"
    path.write_text("".join(lines))
    with pytest.raises(ProgressError, match=rf"^{path}:3: damaged: not valid TOML"):
        load_progress(path)


def test_damage_among_many_answers_is_told_as_for_that_line_alone(tmp_path):
    """Answers are checked thousands at a time; what is wrong is still told for the one line, with
    its own count of problems, and a time that cannot be is told as tomllib tells it."""
    path, _ = written(tmp_path, 40)
    lines = path.read_text().splitlines(keepends=True)
    for edit, expected in [
            (("state = 2", "state = 7"), r"answer.20.review.state: Input should be less than or equal to 3$"),
            (("score = 1.0", "score = 1.5, confidence = \"very\""),
             r"answer.20.score: Input should be less than or equal to 1 \(and 1 more problem\)$"),
            (("score = 1.0", "score = 1.0, colour = \"red\""), r"answer.20.colour: Extra inputs are not permitted$"),
            (("answered_at = 2026-11-23", "answered_at = 2026-02-30"), r"not valid TOML \(invalid date")]:
        damaged = lines.copy()
        damaged[20] = damaged[20].replace(*edit, 1)
        damaged[30] = damaged[30].replace("score = 1.0", "score = 9.0")  # reported only once line 21 is right
        path.write_text("".join(damaged))
        with pytest.raises(ProgressError, match=rf"^{path}:21: damaged: {expected}"):
            load_progress(path)


def test_a_record_number_too_long_to_be_one_is_damage_not_a_crash(tmp_path):
    path, _ = written(tmp_path, 2)
    lines = path.read_text().splitlines(keepends=True)
    lines[2] = lines[2].replace("answer.2 =", f"answer.{'9' * 5000} =")
    path.write_text("".join(lines))
    with pytest.raises(ProgressError, match=rf"^{path}:3: damaged: answer.9+: a record's number is a whole number"):
        load_progress(path)


def test_a_last_line_with_its_newline_that_is_toml_but_wrong_is_damage_not_a_tear(tmp_path):
    path, _ = written(tmp_path, 2)
    path.write_text(path.read_text().replace('quiz_id = "z", answered_at = 2026-11-23T09:01',
                                             'quiz_id = "Z", answered_at = 2026-11-23T09:01'))
    with pytest.raises(ProgressError, match=rf"^{path}:3: damaged: answer.2.quiz_id: String should match"):
        load_progress(path)


def test_records_copied_or_moved_are_reported(tmp_path):
    path, _ = written(tmp_path, 3)
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:3] + [lines[2]] + lines[3:]))
    with pytest.raises(ProgressError, match=rf"^{path}:4: damaged: answer.2: records are numbered upwards"):
        load_progress(path)


def test_the_fast_reader_and_tomllib_load_a_file_alike(tmp_path, monkeypatch):
    path = tmp_path / "progress.toml"
    store, progress = ProgressFile.open(path)
    progress.unfinished = UnfinishedQuiz(quiz_id="z", title='The "other" side', started_at=WHEN,
                                         question_ids=["q0", "q1"], seed=2)
    store.save(progress)
    for n in range(30):
        answered(progress, n, f"q{n % 4}")
        store.save(progress)
    progress.settings = Settings(theme="nord")
    store.save(progress)
    store.close()
    fast = load_progress(path)
    monkeypatch.setattr(progress_lines, "read_fast", lambda line: None)
    monkeypatch.setattr("quiz.storage.progress_read.answer_line", lambda line: None)
    assert load_progress(path) == fast == progress


# Older schemas and versions ------------------------------------------------------------------------

V2 = ('schema_version = 2\n\n[[answers]]\nquestion_id = "q"\nquiz_id = "z"\n'
      'answered_at = 2026-01-01T00:00:00Z\nchoice = ["a"]\nscore = 1.0\n\n'
      '[reviews.q]\nstate = 2\nstability = 3.0\ndifficulty = 5.0\ndue = 2026-01-04T00:00:00Z\n'
      'last_review = 2026-01-01T00:00:00Z\n')


def test_schema_2_loads_and_is_upgraded_only_when_saved(tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text(V2)
    store, progress = ProgressFile.open(path)
    assert len(progress.answers) == 1 and progress.reviews["q"].stability == 3.0
    store.save(progress)  # nothing changed: nothing written
    assert path.read_text() == V2
    answered(progress, 5, "r")
    store.save(progress)
    store.close()
    assert path.read_text().startswith("schema_version = 3\n")
    assert load_progress(path) == progress


def test_damaged_file_is_reported_with_its_line(tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text('schema_version = 1\n\n[[answers]]\nquestion_id = "q"\nquiz_id = "z"\n'
                    'answered_at = 2026-01-01T00:00:00Z\nchoice = ["a"]\nscore = 7\n')
    with pytest.raises(ProgressError) as caught:
        load_progress(path)
    assert f"{path}:8: damaged: answers.0.score" in str(caught.value)


@pytest.mark.parametrize("version, shown", [('"2"', "the text '2'"), ("3.0", "the decimal number 3.0"),
                                             ("true", "true (true or false)"), ("[2]", "a list")])
def test_a_schema_version_of_the_wrong_type_is_reported_and_the_file_never_written(tmp_path, version, shown):
    path = tmp_path / "progress.toml"
    text = V2.replace("schema_version = 2", f"schema_version = {version}")
    path.write_text(text)
    with pytest.raises(ProgressError) as caught:
        ProgressFile.open(path)
    assert str(caught.value) == (f"{path}:1: damaged: schema_version must be a whole number, like "
                                 f"schema_version = 3; this file has {shown}")
    assert path.read_text() == text


def test_bad_toml_and_other_versions_are_reported(tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text("schema_version = [\n")
    with pytest.raises(ProgressError, match=rf"^{path}:2: damaged: not valid TOML \(invalid value\)"):
        load_progress(path)
    path.write_text(f"schema_version = {SCHEMA_VERSION + 1}\n")
    with pytest.raises(ProgressError, match="newer version"):
        ProgressFile.open(path)
    assert path.read_text() == f"schema_version = {SCHEMA_VERSION + 1}\n"
    path.write_text("schema_version = 0\n")
    with pytest.raises(ProgressError, match=rf"^{path}:1: damaged: schema_version 0 was never written"):
        load_progress(path)
    path.write_text('# notes\nend.1 = { quiz_id = "z" }\nschema_version = 3\n')
    with pytest.raises(ProgressError, match="holds one record per line"):
        load_progress(path)


def test_a_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path):
    path, progress = written(tmp_path, 2)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    store, loaded = ProgressFile.open(path)
    assert loaded == progress
    answered(loaded, 7, "q7")
    store.save(loaded)
    store.close()
    assert path.read_bytes().startswith(b"\xef\xbb\xbfschema_version = 3\r\n")
    assert load_progress(path) == loaded
    path.write_bytes(b"\xef\xbb\xbf" + V2.encode())
    assert len(load_progress(path).answers) == 1


def test_hostile_progress_files_are_reported_not_raised(tmp_path):
    path = tmp_path / "progress.toml"
    for text in ("a = " + "[" * 100_000, "schema_version = " + "9" * 5000 + "\n",
                 "schema_version = 3\n" + "answer." + ".x" * 20_000 + " = 1\n" + "end.9 = {}\n",
                 "x" + ".x" * 20_000 + " = 1\n", "schema_version.a" + ".a" * 20_000 + " = 3\n"):
        path.write_text(text)
        with pytest.raises(ProgressError, match=rf"^{path}:\d+: damaged"):
            load_progress(path)


def test_an_empty_file_is_a_fresh_start_written_whole_at_the_first_save(tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text("")
    store, progress = ProgressFile.open(path)
    assert progress == Progress()
    answered(progress, 1)
    store.save(progress)
    store.close()
    assert load_progress(path) == progress


# What the path points at --------------------------------------------------------------------------

def test_a_fifo_a_device_and_a_folder_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    with pytest.raises(ProgressUnavailable, match="is a pipe"):
        load_progress(fifo)  # would wait forever for a writer if opened blocking
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")
    with pytest.raises(ProgressUnavailable, match="is a device, not a regular file"):
        ProgressFile.open(zero)
    (tmp_path / "folder.toml").mkdir()
    with pytest.raises(ProgressUnavailable, match="is a folder"):
        load_progress(tmp_path / "folder.toml")


def test_a_file_too_big_to_be_progress_is_refused_by_what_is_read(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(65 * 2**20)  # sparse: costs no disk
    with pytest.raises(ProgressError, match=rf"^{path}: damaged: is more than 64 MiB, more than any progress file"):
        load_progress(path)


def test_a_rewrite_keeps_the_file_mode_and_a_new_file_gets_the_usual_one(tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text(V2)
    path.chmod(0o640)
    store, progress = ProgressFile.open(path)
    answered(progress, 1, "r")
    store.save(progress)  # the upgrade to schema 3: a rewrite
    store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    umask = os.umask(0o022)
    os.umask(umask)
    fresh = tmp_path / "fresh.toml"
    store, progress = ProgressFile.open(fresh)
    answered(progress, 1)
    store.save(progress)
    store.close()
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
