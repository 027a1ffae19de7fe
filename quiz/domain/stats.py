"""What a learner's history says about them: mastery per technique and its trend, accuracy per article,
discernment (telling manipulative from sound, not just distrusting everything) and calibration.

Every function sorts the history by time itself, so the order answers are stored in never changes a result.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from quiz.domain.bank import Bank
from quiz.domain.progress import AnswerRecord
from quiz.domain.scoring import is_correct

RECENT = 10
"""Mastery is the mean score over this many most recent attempts of a technique."""


def _in_order(bank: Bank, answers: Iterable[AnswerRecord]) -> list[AnswerRecord]:
    return sorted((a for a in answers if a.question_id in bank.questions),
                  key=lambda a: (a.answered_at, a.quiz_id, a.question_id))


@dataclass(frozen=True)
class Mastery:
    skill: str
    name: str
    share: float
    """Mean score over the RECENT most recent attempts, in [0, 1]."""
    attempts: int
    trend: list[float]
    """Mean score in each quiz that asked about this skill, oldest first."""


def mastery(bank: Bank, answers: Iterable[AnswerRecord]) -> list[Mastery]:
    scores: dict[str, list[float]] = defaultdict(list)
    per_quiz: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for answer in _in_order(bank, answers):
        for skill in bank.questions[answer.question_id].skills():
            scores[skill].append(answer.score)
            per_quiz[skill][answer.quiz_id].append(answer.score)
    return sorted(
        (Mastery(skill, bank.skill_name(skill), sum(s[-RECENT:]) / len(s[-RECENT:]), len(s),
                 [sum(q) / len(q) for q in per_quiz[skill].values()])
         for skill, s in scores.items()),
        key=lambda m: m.name,
    )


@dataclass(frozen=True)
class Accuracy:
    source: str
    name: str
    answered: int
    correct: int
    share: float
    """Mean score of the answers to questions quoting this source, in [0, 1]."""


def accuracy_by_source(bank: Bank, answers: Iterable[AnswerRecord]) -> list[Accuracy]:
    scores: dict[str, list[float]] = defaultdict(list)
    for answer in _in_order(bank, answers):
        for source in bank.questions[answer.question_id].source_ids():
            scores[source].append(answer.score)
    return [Accuracy(source, f"{bank.sources[source].outlet} {bank.sources[source].kind}",
                     len(scores[source]), sum(map(is_correct, scores[source])),
                     sum(scores[source]) / len(scores[source]))
            for source in bank.sources if scores[source]]


@dataclass(frozen=True)
class Discernment:
    """Over 'unsupported' and 'all that apply' answers: the right options chosen (hits) out of all the
    right options offered, and the wrong ones chosen (false alarms) out of all the wrong ones offered."""

    hits: int
    signals: int
    false_alarms: int
    noises: int

    @property
    def hit_rate(self) -> float:
        return self.hits / self.signals if self.signals else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.noises if self.noises else 0.0

    @property
    def score(self) -> float:
        """Hit rate minus false-alarm rate, in [-1, 1]: 0 for choosing everything, or at random."""
        return self.hit_rate - self.false_alarm_rate


def discernment(bank: Bank, answers: Iterable[AnswerRecord]) -> Discernment:
    hits = signals = false_alarms = noises = 0
    for answer in _in_order(bank, answers):
        question = bank.questions[answer.question_id]
        if question.kind not in ("unsupported", "techniques"):
            continue
        right = question.correct()
        chosen = set(answer.choice)
        hits += len(chosen & right)
        signals += len(right)
        false_alarms += len(chosen - right)
        noises += len(question.option_keys()) - len(right)
    return Discernment(hits, signals, false_alarms, noises)


@dataclass(frozen=True)
class Calibration:
    """How often answers the learner called sure (or unsure) were right."""

    sure: int
    sure_right: int
    unsure: int
    unsure_right: int


def calibration(answers: Iterable[AnswerRecord]) -> Calibration:
    answers = list(answers)
    sure = [a for a in answers if a.confidence == "sure"]
    unsure = [a for a in answers if a.confidence == "unsure"]
    return Calibration(len(sure), sum(is_correct(a.score) for a in sure),
                       len(unsure), sum(is_correct(a.score) for a in unsure))
