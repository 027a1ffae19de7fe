"""A learner's history: a sequence of answers whose earliest may be read only when first needed, with
counts over all of them that never need those read."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.history import History, Summary, Unread, choices
from quiz.domain.progress import AnswerRecord, Progress
from quiz.domain.scoring import Tally
from tests.progress_strategies import answers

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def answer(n: int, question: str = "q", quiz: str = "z", score: float = 1.0, choice=("a",)) -> AnswerRecord:
    return AnswerRecord(question_id=question, quiz_id=quiz, answered_at=T0 + timedelta(minutes=n),
                        choice=list(choice), score=score)


class Reader:
    """Unread answers that count how often they are read."""

    def __init__(self, records: list[AnswerRecord]) -> None:
        self.records, self.times = records, 0

    def __call__(self) -> list[AnswerRecord]:
        self.times += 1
        return [AnswerRecord(**{name: getattr(a, name) for name in AnswerRecord.__pydantic_fields__})
                for a in self.records]  # read again: equal records, not the same objects


def unread_history(earlier: list[AnswerRecord], later: list[AnswerRecord], quiz: str | None = None):
    reader = Reader(earlier)
    in_quiz = [a for a in earlier if a.quiz_id == quiz]
    return History(later, Unread(len(earlier), Summary.of(earlier), earlier[-1], quiz, in_quiz, reader)), reader


def test_tally_counts_right_partly_and_marks_by_hand():
    tally = Tally.of([1.0, 0.5, 0.0, 1.0, 0.25])
    assert (tally.answered, tally.right, tally.partly, tally.marks) == (5, 2, 2, 2.75)
    assert Tally.of_counts(Counter({1.0: 2, 0.5: 1, 0.0: 1, 0.25: 1})) == tally
    assert Tally.of([]) == Tally() and Tally.of([]).share == 0.0


def test_length_end_counts_and_the_unfinished_quiz_need_no_reading():
    earlier = [answer(0, "q1", "old", 1.0), answer(1, "q2", "live", 0.5, ("b",)), answer(2, "q1", "live", 0.0, ("c",))]
    history, reader = unread_history(earlier, [answer(3, "q3", "live")], quiz="live")
    assert len(history) == 4 and not history.read_all
    assert history[-1].question_id == "q3" and history[2] is history._unread.last and history[3:] == [history[-1]]
    assert history.summary().tally() == Tally(answered=4, right=2, partly=1, marks=2.5)
    assert history.summary().questions == Counter({"q1": 2, "q2": 1, "q3": 1})
    assert [a.answered_at for a in history.in_quiz("live")] == [T0 + timedelta(minutes=n) for n in (1, 2, 3)]
    assert history.in_quiz("new") == [] and history.latest() == T0 + timedelta(minutes=3)
    history.append(answer(4, "q2", "live", 1.0, ("a",)))
    assert history.summary().tally().answered == 5 and choices(history)[("q2", ("a",))] == 1
    assert reader.times == 0 and not history.read_all


def test_the_unread_answers_are_read_once_when_first_needed_keeping_the_last_one_handed_out():
    earlier = [answer(n, f"q{n}", "old") for n in range(3)]
    history, reader = unread_history(earlier, [answer(3, "q3", "new")], quiz=None)
    last = history[2]
    assert history.in_quiz("old") == earlier and reader.times == 1 and history.read_all  # a quiz not known: read
    assert history[2] is last, "a writer checks the last answer it saved is still there, by identity"
    assert list(history) == [*earlier, history[3]] and history == [*earlier, history[3]]
    assert history[0:2] == earlier[:2] and reader.times == 1


def test_reading_answers_other_than_those_summed_up_is_an_error_not_a_silent_mix():
    earlier = [answer(0), answer(1)]
    history = History([], Unread(2, Summary.of(earlier), earlier[-1], None, [], lambda: [answer(0), answer(5)]))
    with pytest.raises(RuntimeError):
        list(history)


@settings(max_examples=60, deadline=None)
@given(records=st.lists(answers, min_size=1, max_size=12), split=st.integers(1, 12), later=st.lists(answers, max_size=4))
def test_the_summary_of_a_history_is_that_of_all_its_answers_however_it_was_read(records, split, later):
    split = min(split, len(records))
    history, reader = unread_history(records[:split], records[split:])
    history.extend(later)
    everything = [*records, *later]
    assert history.summary() == Summary.of(everything)
    assert history.summary().tally() == Tally.of(a.score for a in everything)
    assert choices(history) == choices(everything)
    assert reader.times == 0
    assert list(history) == everything and len(history) == len(everything)
    assert history.latest() == History(everything).latest() == max(a.answered_at for a in everything)


def test_a_progress_checks_a_list_of_answers_and_keeps_it_as_a_history():
    progress = Progress(answers=[answer(0)])
    assert isinstance(progress.answers, History) and progress.answers == [answer(0)]
    assert Progress(answers=History([answer(0)])) == progress
    assert Progress().answers == [] and progress.last_answered() == T0
