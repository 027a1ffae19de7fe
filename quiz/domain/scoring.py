"""Scoring answers: pure functions from a question's correct options and a learner's choice to a score.

A single-answer question scores 1 or 0. An all-that-apply question scores the share of right options
ticked minus the share of wrong options ticked, never below 0: ticking everything scores 0, so a learner
cannot do well by distrusting everything; restraint is rewarded as much as recall.
"""

from collections.abc import Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class Judgement:
    """How a choice compares with the answer: options rightly ticked, wrongly ticked, and missed."""

    hits: frozenset[str]
    false_alarms: frozenset[str]
    misses: frozenset[str]


def judge(correct: Collection[str], chosen: Collection[str]) -> Judgement:
    correct, chosen = frozenset(correct), frozenset(chosen)
    return Judgement(hits=correct & chosen, false_alarms=chosen - correct, misses=correct - chosen)


def score_single(correct: str, chosen: Collection[str]) -> float:
    """1.0 when exactly the right option was chosen, else 0.0."""
    return 1.0 if frozenset(chosen) == {correct} else 0.0


def score_multiple(correct: Collection[str], options: Collection[str], chosen: Collection[str]) -> float:
    """Hit rate minus false-alarm rate, floored at 0, for a question with several right options."""
    verdict = judge(correct, chosen)
    wrong_count = len(frozenset(options) - frozenset(correct))
    hit_rate = len(verdict.hits) / len(frozenset(correct))
    false_alarm_rate = len(verdict.false_alarms) / wrong_count if wrong_count else 0.0
    return max(0.0, hit_rate - false_alarm_rate)


def score(question, chosen: Collection[str]) -> float:
    """The score in [0, 1] of `chosen` (option keys) as an answer to `question`."""
    if question.multiple:
        return score_multiple(question.correct(), question.option_keys(), chosen)
    (answer,) = question.correct()
    return score_single(answer, chosen)


def is_correct(value: float) -> bool:
    """Whether a score counts as a right answer in totals: full marks only."""
    return value >= 1.0
