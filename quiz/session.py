"""A quiz as a state machine, free of any user interface: what is asked, what was answered, what is next.

The Textual app and the tests drive the same `QuizSession`: `answer()` scores the current question and
moves to the ANSWERED phase (feedback), `advance()` goes on to the next question or to FINISHED.
A session is rebuilt from an `UnfinishedQuiz` and the answers recorded for it, which is how a learner
picks up tomorrow where they stopped today.
"""

import random
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from quiz.domain.bank import Bank
from quiz.domain.models import KINDS, Question
from quiz.domain.progress import AnswerRecord, UnfinishedQuiz
from quiz.domain.review import Confidence
from quiz.domain.scoring import is_correct, score


class Phase(Enum):
    ASKING = "asking"
    ANSWERED = "answered"
    FINISHED = "finished"


class SessionError(Exception):
    """A call that does not fit the session's phase or question, such as answering twice."""


@dataclass(frozen=True)
class Selection:
    """Which questions a quiz takes (filters), how many, in what order, and which go first."""

    source: str | None = None
    kind: str | None = None
    skill: str | None = None
    difficulty: int | None = None
    count: int | None = None
    seed: int | None = None
    first: tuple[str, ...] = ()
    """Ids asked before all others, in this order (due reviews); those the filters exclude are dropped."""
    label: str | None = None
    """A title for the quiz instead of one made from the filters."""

    def title(self, bank: Bank) -> str:
        if self.label:
            return self.label
        parts = []
        if self.source:
            source = bank.sources[self.source]
            parts.append(f"{source.outlet} {source.kind}")
        if self.kind:
            parts.append(KINDS[self.kind])
        if self.skill:
            parts.append(bank.skill_name(self.skill))
        if self.difficulty:
            parts.append(f"difficulty {self.difficulty}")
        return " · ".join(parts) or "All questions"

    def choose(self, bank: Bank) -> list[str]:
        """The `first` ids that match, then the others shuffled by `seed` (random when None), cut to `count`."""
        matching = [q.id for q in bank.select(source=self.source, kind=self.kind, skill=self.skill,
                                               difficulty=self.difficulty)]
        allowed = set(matching)
        first = [qid for qid in dict.fromkeys(self.first) if qid in allowed]
        rest = [qid for qid in matching if qid not in set(first)]
        random.Random(self.seed).shuffle(rest)
        ids = first + rest
        return ids[: self.count] if self.count else ids


@dataclass(frozen=True)
class MenuEntry:
    """A quiz a learner can start from a menu: everything, one source, or one kind of question."""

    label: str
    size: int
    """How many questions it holds before length and filters."""
    source: str | None = None
    kind: str | None = None


def quiz_menu(bank: Bank) -> list[MenuEntry]:
    """The quizzes every interface offers, in the order they list them (kinds with no question left out)."""
    entries = [MenuEntry("All questions", len(bank.questions))]
    entries += [MenuEntry(f"{s.outlet} {s.kind} only", len(bank.select(source=s.id)), source=s.id)
                for s in bank.sources.values()]
    entries += [MenuEntry(name, len(bank.select(kind=kind)), kind=kind)
                for kind, name in KINDS.items() if bank.select(kind=kind)]
    return entries


@dataclass(frozen=True)
class SkillResult:
    skill: str
    name: str
    score: float
    count: int


@dataclass(frozen=True)
class Results:
    score: float
    total: int
    skills: list[SkillResult]
    missed: list[tuple[Question, AnswerRecord]] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


class QuizSession:
    def __init__(self, bank: Bank, quiz: UnfinishedQuiz, answers: Sequence[AnswerRecord] = ()) -> None:
        self.bank = bank
        self.quiz = quiz
        self.question_ids = [qid for qid in quiz.question_ids if qid in bank.questions]
        by_id = {a.question_id: a for a in answers if a.quiz_id == quiz.quiz_id}
        self.answers = [by_id[qid] for qid in self.question_ids if qid in by_id]
        self._position = len(self.answers)
        self.phase = Phase.ASKING if self._position < self.total else Phase.FINISHED

    @classmethod
    def start(cls, bank: Bank, selection: Selection, now: datetime) -> "QuizSession":
        ids = selection.choose(bank)
        if not ids:
            raise SessionError("no questions match that choice")
        seed = selection.seed if selection.seed is not None else random.randrange(2**31)
        quiz = UnfinishedQuiz(quiz_id=uuid.uuid4().hex[:12], title=selection.title(bank),
                              started_at=now, question_ids=ids, seed=seed)
        return cls(bank, quiz)

    @property
    def total(self) -> int:
        return len(self.question_ids)

    @property
    def number(self) -> int:
        """The 1-based number of the question on screen (the last one once finished)."""
        return min(self._position + 1, self.total)

    @property
    def current(self) -> Question:
        if self.phase is Phase.FINISHED:
            raise SessionError("the quiz is finished")
        return self.bank.questions[self.question_ids[self._position]]

    @property
    def options(self) -> list[str]:
        """The current question's option keys in the order shown: shuffled, so that the place of the
        right answer teaches nothing, and the same order again after a resume."""
        question = self.current
        keys = question.option_keys()
        random.Random(f"{self.quiz.seed}:{question.id}").shuffle(keys)
        return keys

    @property
    def last_answer(self) -> AnswerRecord | None:
        return self.answers[-1] if self.answers else None

    def answer(self, chosen: Collection[str], now: datetime,
               confidence: Confidence | None = None) -> AnswerRecord:
        """Score `chosen` (option keys) for the current question and show its feedback."""
        if self.phase is not Phase.ASKING:
            raise SessionError("this question is already answered")
        question = self.current
        chosen = [k for k in question.option_keys() if k in set(chosen)]
        unknown = set(chosen) - set(question.option_keys())
        if not chosen or unknown:
            raise SessionError("choose at least one of the options")
        if not question.multiple and len(chosen) > 1:
            raise SessionError("this question takes one answer")
        record = AnswerRecord(question_id=question.id, quiz_id=self.quiz.quiz_id, answered_at=now,
                              choice=chosen, score=score(question, chosen), confidence=confidence)
        self.answers.append(record)
        self.phase = Phase.ANSWERED
        return record

    def advance(self) -> None:
        """Go on from feedback to the next question, or finish after the last."""
        if self.phase is not Phase.ANSWERED:
            raise SessionError("answer the question first")
        self._position += 1
        self.phase = Phase.ASKING if self._position < self.total else Phase.FINISHED

    def results(self) -> Results:
        """Score, per-skill breakdown and missed questions of the answers given so far."""
        sums: dict[str, list[float]] = {}
        missed = []
        for record in self.answers:
            question = self.bank.questions[record.question_id]
            for skill in question.skills():
                sums.setdefault(skill, []).append(record.score)
            if not is_correct(record.score):
                missed.append((question, record))
        skills = [SkillResult(skill, self.bank.skill_name(skill), sum(scores), len(scores))
                  for skill, scores in sorted(sums.items(), key=lambda kv: self.bank.skill_name(kv[0]))]
        return Results(score=sum(a.score for a in self.answers), total=len(self.answers),
                       skills=skills, missed=missed)
