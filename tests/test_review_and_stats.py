"""Spaced review and learning statistics, with a fixed clock: misses come back sooner, due dates never
fall in the past, and the order history is stored in never changes a result."""

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.progress import AnswerRecord, Progress
from quiz.domain.review import due, replay, review
from quiz.domain.discernment import by_item
from quiz.domain.stats import accuracy_by_source, calibration
from quiz.learner import Learner
from quiz.session import Selection
from quiz.storage.progress_file import load_progress, save_progress
from tests.conftest import Clock

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_a_miss_comes_back_sooner_than_a_right_answer():
    missed = review(None, 0.0, None, T0)
    right = review(None, 1.0, None, T0)
    sure = review(None, 1.0, "sure", T0)
    assert T0 < missed.due < right.due < sure.due
    again = review(right, 1.0, None, right.due)
    assert again.due - right.due > right.due - T0, "each right answer stretches the interval"


def test_due_lists_the_most_overdue_first():
    cards = {"a": review(None, 1.0, None, T0), "b": review(None, 0.0, None, T0),
             "c": review(None, 1.0, "sure", T0)}
    assert due(cards, T0, cards) == []
    assert due(cards, T0 + timedelta(days=3), cards) == ["b", "a"]
    assert due(cards, T0 + timedelta(days=30), ["c", "a"]) == ["a", "c"]


history_steps = st.lists(st.tuples(st.floats(0, 1), st.sampled_from([None, "sure", "unsure"]),
                                   st.integers(0, 60 * 24 * 40)), min_size=1, max_size=25)


@settings(max_examples=150)
@given(steps=history_steps)
def test_a_review_never_moves_the_due_date_into_the_past(steps):
    card, when = None, T0
    for score, confidence, minutes in steps:
        when += timedelta(minutes=minutes)
        card = review(card, score, confidence, when)
        assert card.due > when
        assert card.last_review == when


def _answers(bank, draws) -> list[AnswerRecord]:
    ids = sorted(bank.questions)
    answers = []
    for n, (pick, score, confidence, quiz) in enumerate(draws):
        question = bank.questions[ids[pick % len(ids)]]
        keys = question.option_keys()
        answers.append(AnswerRecord(question_id=question.id, quiz_id=f"quiz{quiz}",
                                    answered_at=T0 + timedelta(hours=n), choice=keys[: 1 + n % 2]
                                    if question.multiple else keys[:1], score=score,
                                    confidence=confidence))
    return answers


draws = st.lists(st.tuples(st.integers(0, 10_000), st.floats(0, 1), st.sampled_from([None, "sure", "unsure"]),
                           st.integers(0, 3)), max_size=40)


@settings(max_examples=80, deadline=None)
@given(draws=draws, seed=st.integers())
def test_stats_stay_in_range_and_ignore_storage_order(bundled, draws, seed):
    answers = _answers(bundled, draws)
    shuffled = answers[:]
    random.Random(seed).shuffle(shuffled)
    for compute in (accuracy_by_source, by_item):
        assert compute(bundled, answers) == compute(bundled, shuffled)
    assert by_item(bundled, answers, recent=3) == by_item(bundled, shuffled, recent=3)
    assert calibration(answers) == calibration(shuffled)
    assert replay(answers) == replay(shuffled)
    for a in accuracy_by_source(bundled, answers):
        assert 0 <= a.tally.share <= 1 and a.tally.right + a.tally.partly <= a.tally.answered


def test_calibration_counts_sure_and_unsure_answers():
    answers = [AnswerRecord(question_id="q", quiz_id="z", answered_at=T0, choice=["a"], score=s,
                            confidence=c)
               for s, c in [(1, "sure"), (0, "sure"), (1, "sure"), (0, "unsure"), (1, None)]]
    result = calibration(answers)
    assert (result.sure, result.sure_right, result.unsure, result.unsure_right) == (3, 2, 1, 0)


def test_review_quiz_takes_only_the_due_questions_and_survives_restarts(mini, tmp_path):
    from quiz.menu import quiz_menu

    path = tmp_path / "progress.toml"
    clock = Clock()
    learner = Learner.open(mini, path, clock=clock)
    session = learner.start(Selection(seed=1))
    for _ in range(session.total):
        question = session.current
        chosen = ["bandwagon"] if question.id == "letter-puppet" else sorted(question.correct())
        learner.answer(session, chosen)
        session.advance()
    learner.close()
    assert learner.due() == []

    clock.now += timedelta(days=1, hours=1)
    again = Learner.open(mini, path, clock=clock)
    assert again.due() == ["letter-puppet"], "only the missed question is due a day later"
    review = next(entry for entry in quiz_menu(again) if entry.key == "review")
    assert (review.label, review.size) == ("Review: 1 due now, most overdue first", 1)
    review_quiz = again.start(review.selection)
    assert review_quiz.quiz.title == "Review"
    assert review_quiz.question_ids == ["letter-puppet"], "review never pads with other questions"
    again.close()

    clock.now += timedelta(days=30)
    later = Learner.open(mini, path, clock=clock)
    assert set(later.due()) == set(mini.questions)
    later.close()


def test_version_1_progress_migrates_with_its_review_schedule(mini, tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text(
        'schema_version = 1\n\n'
        '[[answers]]\nquestion_id = "letter-puppet"\nquiz_id = "old"\n'
        'answered_at = 2026-01-01T10:00:00Z\nchoice = ["bandwagon"]\nscore = 0.0\n\n'
        '[[answers]]\nquestion_id = "pair-everyone"\nquiz_id = "old"\n'
        'answered_at = 2026-01-01T10:01:00Z\nchoice = ["exaggeration"]\nscore = 1.0\n',
        encoding="utf-8")
    before = path.read_text()
    progress = load_progress(path)
    assert progress.schema_version == 3
    assert set(progress.reviews) == {"letter-puppet", "pair-everyone"}
    assert progress.reviews["letter-puppet"].due < progress.reviews["pair-everyone"].due
    assert path.read_text() == before, "loading alone never rewrites the file"
    save_progress(path, progress)
    assert load_progress(path) == progress
    assert isinstance(progress, Progress)
