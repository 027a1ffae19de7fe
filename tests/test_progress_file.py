"""Progress TOML: round-trips exactly, saves atomically, and a damaged file is reported, never replaced."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.progress import SCHEMA_VERSION, AnswerRecord, Progress, ReviewCard, UnfinishedQuiz
from quiz.storage.progress_file import ProgressError, load_progress, save_progress

ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                       timezones=st.just(UTC))
records = st.builds(AnswerRecord, question_id=ids, quiz_id=ids, answered_at=moments,
                    choice=st.lists(ids, min_size=1, max_size=5),
                    score=st.floats(min_value=0, max_value=1, allow_nan=False),
                    confidence=st.sampled_from([None, "sure", "unsure"]))
cards = st.builds(ReviewCard, state=st.integers(1, 3), stability=st.floats(0.01, 1e5),
                  difficulty=st.floats(1, 10), due=moments, last_review=moments)
titles = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60)
unfinished = st.builds(UnfinishedQuiz, quiz_id=ids, title=titles, started_at=moments,
                       question_ids=st.lists(ids, min_size=1, max_size=10), seed=st.integers(0, 2**31))
progresses = st.builds(Progress, answers=st.lists(records, max_size=20), unfinished=st.none() | unfinished,
                       reviews=st.dictionaries(ids, cards, max_size=10))


@settings(max_examples=60, deadline=None)
@given(progress=progresses)
def test_progress_round_trips(tmp_path_factory, progress):
    path = tmp_path_factory.mktemp("p") / "progress.toml"
    save_progress(path, progress)
    assert load_progress(path) == progress


def test_missing_file_is_a_fresh_start(tmp_path):
    assert load_progress(tmp_path / "none.toml") == Progress()


def test_save_leaves_no_temporary_files_and_creates_folders(tmp_path):
    path = tmp_path / "deep" / "er" / "progress.toml"
    save_progress(path, Progress())
    save_progress(path, Progress())
    assert [p.name for p in path.parent.iterdir()] == ["progress.toml"]
    assert f"schema_version = {SCHEMA_VERSION}" in path.read_text()


def test_damaged_file_is_reported_with_its_line(tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text('schema_version = 1\n\n[[answers]]\nquestion_id = "q"\nquiz_id = "z"\n'
                    'answered_at = 2026-01-01T00:00:00Z\nchoice = ["a"]\nscore = 7\n')
    with pytest.raises(ProgressError) as caught:
        load_progress(path)
    assert f"{path}:8: damaged: answers.0.score" in str(caught.value)


def test_bad_toml_and_newer_schema_are_reported(tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text("schema_version = [\n")
    with pytest.raises(ProgressError, match="damaged: not valid TOML"):
        load_progress(path)
    path.write_text(f"schema_version = {SCHEMA_VERSION + 1}\n")
    with pytest.raises(ProgressError, match="newer version"):
        load_progress(path)


def test_times_keep_their_timezone(tmp_path):
    moment = datetime(2026, 5, 1, 12, 30, 15, 250000, tzinfo=UTC) + timedelta(microseconds=1)
    progress = Progress(answers=[AnswerRecord(question_id="q", quiz_id="z", answered_at=moment,
                                              choice=["a"], score=1.0)])
    save_progress(tmp_path / "p.toml", progress)
    assert load_progress(tmp_path / "p.toml").answers[0].answered_at == moment


def test_hostile_progress_files_are_reported_not_raised(tmp_path):
    path = tmp_path / "progress.toml"
    for text in ("a = " + "[" * 100_000, "schema_version = " + "9" * 5000 + "\n"):
        path.write_text(text)
        with pytest.raises(ProgressError, match="damaged"):
            load_progress(path)
