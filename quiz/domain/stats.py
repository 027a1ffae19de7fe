"""What a learner's history says about them, computed once for every interface: discernment per technique
(see quiz.domain.discernment), the techniques they confuse, accuracy per article (do they read one side
less critically?), calibration of their confidence, and when questions fall due.

Every function sorts the history by time itself, so the order answers are stored in never changes a result.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from quiz.domain.bank import Bank
from quiz.domain.discernment import RECENT, Confusion, Counts, by_item, confusions
from quiz.domain.models import SOURCE_SKILL, UNSUPPORTED_SKILL
from quiz.domain.progress import AnswerRecord, Progress
from quiz.domain.review import Forecast, forecast
from quiz.domain.scoring import Tally, is_correct


@dataclass(frozen=True)
class TechniqueStats:
    """Discernment on one technique (or skill): over all answers, and over the RECENT latest."""

    id: str
    name: str
    counts: Counts
    """Decisions about options offered: one per option (the recognition of the technique)."""
    recent: Counts
    """The same over the RECENT latest answers that offered it."""
    words: Counts
    """Decisions about the words of find passages, one per word (detection in running text): kept
    apart, since a passage's many words would otherwise outweigh the options in d′."""


@dataclass(frozen=True)
class Accuracy:
    source: str
    name: str
    tally: Tally
    """The answers to questions about this source."""


def accuracy_by_source(bank: Bank, answers: Iterable[AnswerRecord]) -> list[Accuracy]:
    scores: dict[str, list[float]] = defaultdict(list)
    for answer in answers:
        if answer.question_id in bank.questions:
            for source in bank.questions[answer.question_id].source_ids():
                scores[source].append(answer.score)
    return [Accuracy(source, f"{bank.sources[source].outlet} {bank.sources[source].kind}",
                     Tally.of(scores[source]))
            for source in bank.sources if scores[source]]


@dataclass(frozen=True)
class Calibration:
    """How often answers the learner called sure (or unsure) were right (full marks)."""

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


@dataclass(frozen=True)
class LearnerStats:
    answered: int
    techniques: list[TechniqueStats]
    """Techniques the learner has met, by name."""
    unsupported: TechniqueStats | None
    """The same counts for spotting unsupported claims: one decision per sentence offered."""
    sources: TechniqueStats | None
    """And for questions about the sources themselves."""
    confusions: list[Confusion]
    accuracy: list[Accuracy]
    calibration: Calibration
    due: Forecast


def learner_stats(bank: Bank, progress: Progress, now: datetime) -> LearnerStats:
    """Everything the stats screen, `quiz stats` and plain mode show, from one pass over the history;
    `now` in the learner's time zone (days are counted in it)."""
    answers = [a for a in progress.answers if a.question_id in bank.questions]
    options = by_item(bank, answers, words=False)
    recent = by_item(bank, answers, recent=RECENT, words=False)
    marked = by_item(bank, answers, words=True)
    lines = {item: TechniqueStats(item, bank.skill_name(item), options.get(item, Counts()),
                                  recent.get(item, Counts()), marked.get(item, Counts()))
             for item in {*options, *marked}}
    skills = (UNSUPPORTED_SKILL, SOURCE_SKILL)
    return LearnerStats(
        answered=len(answers),
        techniques=sorted((line for item, line in lines.items() if item not in skills),
                          key=lambda line: line.name),
        unsupported=lines.get(UNSUPPORTED_SKILL),
        sources=lines.get(SOURCE_SKILL),
        confusions=confusions(bank, answers),
        accuracy=accuracy_by_source(bank, answers),
        calibration=calibration(answers),
        due=forecast(progress.reviews, now, bank.questions),
    )
