"""Scoring: single answers are all or nothing; all-that-apply rewards restraint and never goes below 0."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.domain.scoring import score_multiple, score_single

OPTIONS = ["a", "b", "c", "d", "e"]


def test_single_answer_is_all_or_nothing():
    assert score_single("a", ["a"]) == 1.0
    assert score_single("a", ["b"]) == 0.0
    assert score_single("a", ["a", "b"]) == 0.0


def test_ticking_everything_scores_nothing():
    assert score_multiple(["a", "b"], OPTIONS, OPTIONS) == 0.0


def test_exactly_right_scores_full_marks_and_partial_gets_partial():
    assert score_multiple(["a", "b"], OPTIONS, ["a", "b"]) == 1.0
    assert score_multiple(["a", "b"], OPTIONS, ["a"]) == 0.5
    assert score_multiple(["a", "b"], OPTIONS, ["a", "c"]) == 0.5 - 1 / 3


def test_a_false_alarm_costs_more_than_it_could_gain():
    assert score_multiple(["a", "b"], OPTIONS, ["a", "b", "c"]) < 1.0


subsets = st.lists(st.sampled_from(OPTIONS), unique=True)


@given(correct=st.lists(st.sampled_from(OPTIONS), unique=True, min_size=1, max_size=4), chosen=subsets)
def test_scores_stay_in_range(correct, chosen):
    assert 0.0 <= score_multiple(correct, OPTIONS, chosen) <= 1.0


@given(correct=st.lists(st.sampled_from(OPTIONS), unique=True, min_size=1, max_size=4), chosen=subsets,
       extra=st.sampled_from(OPTIONS))
def test_adding_a_wrong_tick_never_helps(correct, chosen, extra):
    if extra in correct or extra in chosen:
        return
    assert score_multiple(correct, OPTIONS, chosen + [extra]) <= score_multiple(correct, OPTIONS, chosen)


@given(correct=st.lists(st.sampled_from(OPTIONS), unique=True, min_size=1, max_size=4))
def test_ticking_everything_never_beats_ticking_only_the_right_ones(correct):
    assert score_multiple(correct, OPTIONS, OPTIONS) < score_multiple(correct, OPTIONS, correct)


# "Find it in the text": word-overlap F1, right at FIND_RIGHT.

from quiz.domain.models import FindQuestion  # noqa: E402
from quiz.domain.scoring import FIND_RIGHT, score, score_find  # noqa: E402

key_and_passage = st.integers(4, 120).flatmap(
    lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n - 1), min_size=1, max_size=n // 2)))


@given(key_and_passage)
def test_marking_the_whole_passage_is_never_right(case):
    """With the key at most half the passage (quiz check warns beyond), marking every word scores
    F1 = 2k / (k + n) <= 2/3, below FIND_RIGHT."""
    words, key = case
    everything = score_find(key, range(words))
    assert everything == pytest.approx(2 * len(key) / (len(key) + words)) and everything < FIND_RIGHT


@given(key_and_passage, st.sets(st.integers(0, 119)))
def test_find_scores_stay_in_range_and_the_key_itself_is_right(case, marked):
    words, key = case
    marked = {m for m in marked if m < words}
    assert 0.0 <= score_find(key, marked) <= 1.0
    assert score_find(key, key) == 1.0


@given(key_and_passage, st.sets(st.integers(0, 119)), st.integers(0, 119))
def test_marking_one_more_word_outside_the_key_never_helps(case, marked, extra):
    words, key = case
    marked = {m for m in marked if m < words}
    if extra >= words or extra in key or extra in marked:
        return
    assert score_find(key, marked | {extra}) <= score_find(key, marked)


def _find(passage: str, spans: list[str]) -> FindQuestion:
    return FindQuestion(id="f", kind="find", source="s", passage=passage, technique="name_calling",
                        spans=spans, prompt="p", explanation="e", difficulty=1)


def test_function_words_at_a_key_edge_are_not_counted():
    question = _find("Mr Korybko says this criminal fled the country.", ["this criminal"])
    words = [w.text for w in question.words()]
    criminal, this = words.index("criminal"), words.index("this")
    assert score(question, [], [criminal]) == 1.0, "the word that carries the label is enough"
    assert score(question, [], [this, criminal]) == 1.0
    assert score(question, [], [this]) == 0.0, "marking only 'this' finds nothing"


def test_two_places_found_one_is_partly_right():
    question = _find("He is a traitor. They call him a puppet.", ["traitor", "puppet"])
    traitor = [w.text for w in question.words()].index("traitor")
    assert score(question, [], [traitor]) == 2 * 1 * 0.5 / 1.5  # P 1, R 1/2: F1 2/3
