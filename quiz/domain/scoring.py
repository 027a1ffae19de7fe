"""Scoring answers: pure functions from a question's correct options and a learner's choice to a score.

A single-answer question scores 1 or 0. An all-that-apply question scores the share of right options
ticked minus the share of wrong options ticked, never below 0: ticking everything scores 0, so a learner
cannot do well by distrusting everything; restraint is rewarded as much as recall.

A "find it in the text" question scores the overlap of the words marked with the words of the key spans:
precision (the share of marked words that are in a key span) and recall (the share of key words marked)
combined as their F1. Articles, demonstratives, "to" and "of" are not counted (quiz.domain.tokens), so
marking "criminal" where the key is "this criminal" is not a partial answer. At FIND_RIGHT or above the
answer counts as right and scores full marks: the key is the smallest run of words that does the work,
and a word more or less at its edge is not a misreading. Marking the whole passage scores poorly, since
precision falls with every word marked outside the key.
"""

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import chain, repeat
from math import fsum


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


FIND_RIGHT = 0.8
"""The word-overlap F1 at which marks in a "find" question count as right (full marks)."""


@dataclass(frozen=True)
class Overlap:
    """How marked words compare with the key words of a "find" question."""

    key: int
    marked: int
    shared: int

    @property
    def precision(self) -> float:
        return self.shared / self.marked if self.marked else 0.0

    @property
    def recall(self) -> float:
        return self.shared / self.key if self.key else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def overlap(key: Collection[int], marked: Collection[int]) -> Overlap:
    key, marked = frozenset(key), frozenset(marked)
    return Overlap(key=len(key), marked=len(marked), shared=len(key & marked))


def score_find(key: Collection[int], marked: Collection[int]) -> float:
    """F1 of the marked words against the key words; full marks at FIND_RIGHT or above."""
    f1 = overlap(key, marked).f1
    return 1.0 if f1 >= FIND_RIGHT else f1


def multiple_rule(right: int = 2, wrong: int = 3) -> str:
    """The all-that-apply rule in words, with a worked example the scorer's numbers must match (a test
    checks them): the help screens state exactly what `score_multiple` does."""
    return (f"Each right option you tick earns an equal share of the marks, and each wrong option you "
            f"tick takes back an equal share; the score never goes below 0. With {right} right and "
            f"{wrong} wrong options, a right tick earns 1/{right} and a wrong tick costs 1/{wrong}: "
            "ticking everything scores 0.")


def score(question, chosen: Collection[str], words: Collection[int] = ()) -> float:
    """The score in [0, 1] of `chosen` (option keys), or of `words` marked in a "find" question."""
    if question.marks_words:
        scored = question.scored_words()
        return score_find(question.key_words() & scored, frozenset(words) & scored)
    if question.multiple:
        return score_multiple(question.correct(), question.option_keys(), chosen)
    (answer,) = question.correct()
    return score_single(answer, chosen)


def is_correct(value: float) -> bool:
    """Whether a score counts as a right answer in totals: full marks only."""
    return value >= 1.0


@dataclass(frozen=True)
class Tally:
    """How some answers went: how many, how many right (full marks), partly right (some marks but not
    full), and the marks in all. Every count of answers a learner or teacher reads is one of these."""

    answered: int = 0
    right: int = 0
    partly: int = 0
    marks: float = 0.0

    @classmethod
    def of(cls, scores: Iterable[float]) -> "Tally":
        return cls.of_counts(Counter(scores))

    @classmethod
    def of_counts(cls, counts: Mapping[float, int]) -> "Tally":
        """From how many answers got each score (a learner's history keeps these as it grows)."""
        right = sum(times for score, times in counts.items() if is_correct(score))
        some = sum(times for score, times in counts.items() if score > 0)
        marks = fsum(chain.from_iterable(repeat(score, times) for score, times in counts.items()))
        return cls(sum(counts.values()), right, some - right, marks)

    @property
    def share(self) -> float:
        """The marks over the answers, in [0, 1]: the mean score."""
        return self.marks / self.answered if self.answered else 0.0
