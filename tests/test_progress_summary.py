"""A returning learner's start reads only what their last session did not summarise: and whatever
happened to the file since, it reads exactly what reading the whole file reads, damage included."""

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.domain.progress import AnswerRecord, Progress, Settings
from quiz.domain.stats import learner_stats
from quiz.learner import Learner
from quiz.menu import quiz_menu
from quiz.session import Phase, Selection
from quiz.storage import progress_summary
from quiz.storage.progress_file import ProgressError, ProgressFile, save_progress
from quiz.storage.progress_lines import answer_fields, fields_of, record_line
from quiz.storage.progress_read import read_progress
from tests.conftest import Clock
from tests.progress_strategies import answers, cards, ids, quizzes, titles

progresses = st.builds(Progress, answers=st.lists(answers, max_size=12), unfinished=st.none() | quizzes,
                       reviews=st.dictionaries(ids, cards, max_size=6),
                       settings=st.builds(Settings, theme=st.none() | titles))
steps = st.lists(st.tuples(st.lists(answers, max_size=3), st.dictionaries(ids, cards, max_size=2),
                           st.none() | quizzes), max_size=4)


def outcome(path: Path, **options) -> tuple:
    """What reading the file gives, or the message it is refused with."""
    try:
        loaded = read_progress(path, **options)
    except ProgressError as error:
        return ("refused", str(error))
    progress = loaded.progress
    assert loaded.digest().hexdigest() == hashlib.sha256(path.read_bytes()[:loaded.length]).hexdigest()
    return (list(progress.answers), progress.reviews, progress.unfinished, progress.settings,
            loaded.length, loaded.last_number, loaded.needs_newline, loaded.torn)


@st.composite
def tails(draw, first_number: int) -> bytes:
    """What may follow a summarised file: records saved by a session that could not close, lines
    edited or damaged by hand, blank lines, Windows line ends, a torn last line."""
    number, lines = first_number, []
    for _ in range(draw(st.integers(0, 4))):
        number += draw(st.integers(1, 3))
        kind = draw(st.sampled_from(["answer", "answer", "quiz", "end", "settings", "review", "blank", "junk"]))
        if kind == "answer":
            line = record_line(kind, number, answer_fields(draw(answers), draw(st.none() | cards)))
        elif kind == "quiz":
            line = record_line(kind, number, fields_of(draw(quizzes)))
        elif kind == "end":
            line = record_line(kind, number, {"quiz_id": draw(ids)})
        elif kind == "settings":
            line = record_line(kind, number, fields_of(Settings(theme=draw(st.none() | titles))))
        elif kind == "review":
            line = record_line(kind, number, {"question_id": draw(ids), **fields_of(draw(cards))})
        elif kind == "blank":
            line = draw(st.sampled_from(["\n", "# a note\n", "   \n"]))
        else:
            line = draw(st.sampled_from(["answer.1 = { }\n", "not toml\n", f"answer.{number} = {{ score = 2 }}\n",
                                         "schema_version = 3\n"]))
        if draw(st.booleans()) and line.endswith("\n"):
            line = line[:-1] + "\r\n"
        lines.append(line)
    data = "".join(lines).encode("utf-8")
    if data and draw(st.booleans()):  # killed while writing the last line
        data = data[:draw(st.integers(1, len(data)))]
    return data


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=progresses, session=steps, data=st.data())
def test_a_summarised_file_reads_as_the_whole_file_reads_whatever_was_added_or_changed(tmp_path_factory, start,
                                                                                      session, data):
    folder = tmp_path_factory.mktemp("p")
    path = folder / "progress.toml"
    save_progress(path, start)
    store, progress = ProgressFile.open(path)
    for new, reviews, quiz in session:
        progress.answers.extend(new)
        progress.reviews.update(reviews)
        progress.unfinished = quiz
        store.save(progress)
    store.close(progress)
    remembered = progress_summary.recall(path.resolve())
    assert remembered is not None and remembered.length == path.stat().st_size

    saved = path.read_bytes()
    tail = data.draw(tails(read_progress(path).last_number))
    changed = bytearray(saved + tail)
    if data.draw(st.booleans()):  # edited by hand where the summary describes it
        at = data.draw(st.integers(0, len(saved) - 1))
        changed[at:at + 1] = data.draw(st.sampled_from([b"", b"x", b"9", b'"', b"\n", b" "]))
    path.write_bytes(bytes(changed))

    assert outcome(path, remembered=remembered) == outcome(path)


def answer(n: int, question: str, quiz: str = "z", score: float = 1.0) -> AnswerRecord:
    return AnswerRecord(question_id=question, quiz_id=quiz, choice=["a"], score=score,
                        answered_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC) + timedelta(minutes=n))


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def returning(tmp_path, mini, clock):
    """A learner with three quizzes done and a fourth begun, whose last session closed."""
    path = tmp_path / "progress.toml"
    learner = Learner.open(mini, path, clock)
    for round in range(4):
        session = learner.start(Selection(seed=1))
        while session.phase is not Phase.FINISHED and len(session.answers) < (3 if round == 3 else session.total):
            question = session.current
            learner.answer(session, sorted(question.correct())[:1], words=[0] if question.marks_words else [])
            session.advance()
    learner.close()
    return path


def test_a_returning_learner_starts_without_reading_their_answers_and_sees_what_a_full_reading_shows(
        returning, mini, clock, tmp_path, monkeypatch):
    fresh = Learner.open(mini, returning, clock)
    assert not fresh.progress.answers.read_all
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "no summaries"))
    copy = tmp_path / "copy.toml"
    copy.write_bytes(returning.read_bytes())
    whole = Learner.open(mini, copy, clock)
    assert whole.progress.answers.read_all
    try:
        assert fresh.totals() == whole.totals() and fresh.totals().answered == len(whole.progress.answers)
        assert quiz_menu(fresh) == quiz_menu(whole)
        resumed, again = fresh.unfinished(), whole.unfinished()
        assert resumed is not None and resumed.answers == again.answers and resumed.current == again.current
        assert not fresh.progress.answers.read_all, "the home screen and the menu read no answer"
        question = resumed.current
        fresh.answer(resumed, sorted(question.correct())[:1], words=[0] if question.marks_words else [])
        now = clock()
        assert learner_stats(mini, fresh.progress, now) is not None and fresh.progress.answers.read_all
    finally:
        fresh.close()
        whole.close()
    assert read_progress(returning).progress.answers == fresh.progress.answers


def test_a_file_edited_behind_the_quizs_back_is_read_whole_and_its_damage_told_at_its_line(returning, mini, clock):
    lines = returning.read_text().splitlines(keepends=True)
    lines[5] = lines[5].replace("score = ", "score = 7", 1)
    returning.write_text("".join(lines))
    with pytest.raises(ProgressError, match=rf"{returning}:6: damaged: answer\.\d+\.score"):
        Learner.open(mini, returning, clock)


@pytest.mark.parametrize("entry", [b"", b"{", b"[]", b'{"format": 1}', {"count": 1}, {"latest": "2026-11-23T09:00:00"},
                                   {"scores": [[1.5, 1]]}, {"last_number": -2}])
def test_a_summary_that_cannot_be_used_is_ignored(returning, mini, clock, entry):
    summary = progress_summary.entry_for(returning.resolve())
    if isinstance(entry, dict):  # well formed, but a count that does not add up, a time without its zone...
        document = json.loads(summary.read_bytes())
        document.update({key: document[key] + value if key == "count" else value for key, value in entry.items()})
        entry = json.dumps(document).encode()
    summary.write_bytes(entry)
    learner = Learner.open(mini, returning, clock)
    try:
        assert learner.progress.answers.read_all
        assert learner.totals().answered == len(read_progress(returning).progress.answers) > 0
    finally:
        learner.close()
    assert progress_summary.recall(returning.resolve()) is not None, "closing wrote a good one again"


def test_no_summary_is_kept_when_the_cache_folder_cannot_be_written(returning, mini, clock, tmp_path, monkeypatch):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    learner = Learner.open(mini, returning, clock)
    learner.close()
    assert progress_summary.recall(returning.resolve()) is None


def test_an_older_file_gets_its_summary_once_it_is_rewritten_and_none_before(tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text('schema_version = 2\n\n[[answers]]\nquestion_id = "q"\nquiz_id = "z"\n'
                    'answered_at = 2026-01-01T00:00:00Z\nchoice = ["a"]\nscore = 1.0\n')
    store, progress = ProgressFile.open(path)
    store.close(progress)
    assert progress_summary.recall(path.resolve()) is None, "a file still of schema 2 is not summarised"
    store, progress = ProgressFile.open(path)
    progress.answers.append(answer(5, "r", score=0.5))
    store.save(progress)  # the upgrade: the whole file rewritten as schema 3
    store.close(progress)
    remembered = progress_summary.recall(path.resolve())
    assert remembered is not None and remembered.length == path.stat().st_size
    loaded = read_progress(path, remembered=remembered)
    assert not loaded.progress.answers.read_all and loaded.progress.answers.summary().tally().marks == 1.5
    assert outcome(path, remembered=remembered) == outcome(path)


def test_a_session_that_saved_nothing_leaves_the_summary_as_it_was(returning, mini, clock):
    entry = progress_summary.entry_for(returning.resolve())
    entry.write_bytes(entry.read_bytes() + b"\n")  # the same summary, told apart by its last byte
    learner = Learner.open(mini, returning, clock)
    learner.totals(), quiz_menu(learner)
    learner.close()
    assert entry.read_bytes().endswith(b"\n"), "nothing new to summarise: not written again"
    learner = Learner.open(mini, returning, clock)
    session = learner.unfinished()
    question = session.current
    learner.answer(session, sorted(question.correct())[:1], words=[0] if question.marks_words else [])
    learner.close()
    assert not entry.read_bytes().endswith(b"\n")
    assert progress_summary.recall(returning.resolve()).length == returning.stat().st_size
