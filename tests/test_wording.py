"""Numbers shown to people mean what their labels say and are rounded for people; the help states the
rule the scorer applies."""

import re

from hypothesis import given
from hypothesis import strategies as st

from quiz.domain.scoring import multiple_rule, score_multiple
from quiz.words import due_summary, marks, percent, tally


def test_marks_and_percentages_are_rounded_for_people():
    assert marks(5.666666) == "5.7" and marks(3.0) == "3" and marks(0.04) == "0" and marks(2.95) == "3"
    assert percent(0.56666) == "57%" and percent(1.0) == "100%" and percent(0.0) == "0%"


@given(st.floats(0, 10_000, allow_nan=False))
def test_marks_never_show_more_than_one_decimal(value):
    shown = marks(value)
    assert re.fullmatch(r"\d+(\.\d)?", shown) and abs(float(shown) - value) <= 0.05 + 1e-9


def test_partly_right_answers_are_counted_as_such():
    assert tally(1, 1, 2) == "1 right, 1 partly right"
    assert tally(0, 2, 2) == "2 partly right"
    assert tally(0, 0, 3) == "0 right, 3 wrong"
    assert tally(2, 1, 5) == "2 right, 1 partly right, 2 wrong"


def test_counts_in_the_thousands_are_separated_as_every_count_is():
    from datetime import UTC, datetime, timedelta

    from quiz.domain.progress import ReviewCard
    from quiz.domain.review import forecast

    assert tally(3333, 3333, 10003) == "3,333 right, 3,333 partly right, 3,337 wrong"
    now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    overdue = ReviewCard(state=2, stability=1.0, difficulty=5.0, due=now - timedelta(hours=1), last_review=now)
    cards = {f"q{n}": overdue for n in range(1200)}
    assert due_summary(forecast(cards, now, cards)) == "1,200 due for review now."


def test_the_help_states_the_rule_the_scorer_applies():
    """The example in the rule is the scorer's own arithmetic, for any numbers of options."""
    for right, wrong in [(2, 3), (3, 1), (2, 2), (4, 1)]:
        rule = multiple_rule(right, wrong)
        earn, cost = map(int, re.search(r"a right tick earns 1/(\d+) and a wrong tick costs 1/(\d+)", rule).groups())
        rights = [f"r{i}" for i in range(right)]
        wrongs = [f"w{i}" for i in range(wrong)]
        options = rights + wrongs
        assert score_multiple(rights, options, rights[:1]) == 1 / earn
        assert score_multiple(rights, options, rights + wrongs[:1]) == 1 - 1 / cost
        assert score_multiple(rights, options, options) == 0.0, "ticking everything scores 0"


def test_due_dates_are_said_as_a_deck_list_says_them():
    from datetime import UTC, datetime, timedelta

    from quiz.domain.progress import ReviewCard
    from quiz.domain.review import forecast

    now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)

    def card(hours: float) -> ReviewCard:
        return ReviewCard(state=2, stability=1.0, difficulty=5.0, due=now + timedelta(hours=hours),
                          last_review=now)

    cards = {"a": card(-1), "b": card(20), "c": card(22), "d": card(3 * 24)}
    said = forecast(cards, now, cards)
    assert (said.now, said.later_today, said.tomorrow, said.this_week) == (1, 0, 2, 3)
    assert due_summary(said) == "1 due for review now; 2 more tomorrow."
    later = {"d": card(3 * 24)}
    assert due_summary(forecast(later, now, later)) == "Nothing due now; next: 1 due on Mon 30 Nov."


def test_a_missed_question_is_named_the_same_way_for_every_kind(bundled):
    """The results screen and plain mode both list misses through quiz.feedback.missed: a question
    about statements is named by its prompt (its quote, if any, is a pointer), any other by its quotes."""
    from datetime import UTC, datetime

    from quiz.domain.progress import AnswerRecord
    from quiz.feedback import missed

    when = datetime(2026, 11, 27, tzinfo=UTC)
    for question in bundled.questions.values():
        wrong = [k for k in question.option_keys() if k not in question.correct()][:1]
        record = AnswerRecord(question_id=question.id, quiz_id="z", answered_at=when, choice=wrong,
                              words=[] if wrong else [0], score=0.0)
        line = missed(bundled, question, record)
        if question.option_skill or not question.quotes():
            assert line.about == question.prompt, question.id
        else:
            assert line.about.startswith("“" + question.quotes()[0].quote), question.id
        if not question.marks_words:
            assert line.chosen == bundled.label(question, wrong[0]), question.id
    source = next(q for q in bundled.questions.values() if q.kind == "source" and q.quote)
    assert missed(bundled, source, AnswerRecord(question_id=source.id, quiz_id="z", answered_at=when,
                                                choice=[source.option_keys()[0]], score=0.0)).about == source.prompt


def test_stats_and_report_counts_in_the_thousands_are_separated():
    from quiz.domain.discernment import Counts
    from quiz.report.wording import out_of
    from quiz.stats_text import in_words, this_quiz

    counts = Counts(hits=1200, misses=300, false_alarms=1100, correct_rejections=2000)
    said = in_words(counts, Counts(hits=4000, misses=1000, false_alarms=1500, correct_rejections=10000))
    assert said.startswith("spots it 1,200 of 1,500 times; sees it where it is not 1,100 times in 3,100;")
    assert "in passages, marks 4,000 of its 5,000 words and 1,500 of 11,500 other words" in said
    assert this_quiz(counts) == "spotted 1,200 of 1,500, false alarms 1,100 of 3,100"
    assert out_of(1200, 3000) == "1,200 of 3,000"


def test_the_summary_of_marked_words_reads_as_english_for_none_one_and_many(mini_more):
    from datetime import UTC, datetime

    from quiz import feedback
    from quiz.domain.progress import AnswerRecord

    question = mini_more.questions["letter-find-label"]
    words = [w.text for w in question.words()]
    key = sorted(question.key_words())

    def summary(marked: list[int]) -> str:
        record = AnswerRecord(question_id=question.id, quiz_id="z", answered_at=datetime(2026, 11, 27, tzinfo=UTC),
                              words=marked, score=0.0)
        return feedback.build(mini_more, question, [], record).marks.summary

    assert summary([words.index("disaster")]).startswith("Your marked word is not in the key; you found 0 of its 2 words.")
    assert summary([key[-1]]).startswith("Your marked word is in the key; you found 1 of its 2 words.")
    assert summary([words.index("the")]).startswith("None of the words you marked is counted; you found 0 of its 2 words.")
    assert summary([words.index("disaster"), key[-1]]).startswith("1 of your 2 marked words is in the key")
