"""Scoring: single answers are all or nothing; all-that-apply rewards restraint and never goes below 0."""

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
