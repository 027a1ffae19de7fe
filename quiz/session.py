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
from typing import Literal

from quiz.domain.bank import Bank
from quiz.domain.discernment import Counts, by_item
from quiz.domain.models import KINDS, Question
from quiz.domain.progress import AnswerRecord, UnfinishedQuiz
from quiz.domain.review import Confidence
from quiz.domain.scoring import Tally, is_correct, score
from quiz.words import shorten


class Phase(Enum):
    ASKING = "asking"
    ANSWERED = "answered"
    FINISHED = "finished"


class SessionError(Exception):
    """A call that does not fit the session's phase or question, such as answering twice."""


Order = Literal["shuffled", "given", "alternating"]

TITLE_LIMIT = 200
"""The longest title an unfinished quiz may have in a progress file (quiz.domain.text.Name)."""


@dataclass(frozen=True)
class Selection:
    """Which questions a quiz takes (filters and, optionally, a list of ids), how many, in what order."""

    source: str | None = None
    kind: str | None = None
    skill: str | None = None
    difficulty: int | None = None
    count: int | None = None
    seed: int | None = None
    ids: tuple[str, ...] | None = None
    """Only these questions (those of them the filters allow): the due ones, the missed ones..."""
    order: Order = "shuffled"
    """`shuffled` by `seed`; `given`: in the order of `ids` (reviews: most overdue first);
    `alternating`: shuffled, then dealt so that consecutive questions are keyed to different techniques
    of `contrast` in turn, since telling neighbours apart is learnt by contrast (interleaving)."""
    contrast: tuple[str, ...] = ()
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
        return shorten(" · ".join(parts), TITLE_LIMIT) or "All questions"

    def matching(self, bank: Bank) -> list[str]:
        """Every question the filters and `ids` allow, before order and length: what a menu counts."""
        allowed = [q.id for q in bank.select(source=self.source, kind=self.kind, skill=self.skill,
                                              difficulty=self.difficulty)]
        if self.ids is None:
            return allowed
        kept = set(allowed)
        return [qid for qid in dict.fromkeys(self.ids) if qid in kept]

    def choose(self, bank: Bank) -> list[str]:
        """The matching ids in this selection's order (random when `seed` is None), cut to `count`."""
        ids = self.matching(bank)
        if self.order != "given":
            random.Random(self.seed).shuffle(ids)
        if self.order == "alternating":
            ids = _alternate(bank, ids, self.contrast)
        return ids[: self.count] if self.count else ids


def _alternate(bank: Bank, ids: list[str], contrast: Sequence[str]) -> list[str]:
    """`ids` dealt round-robin from one group per technique of `contrast` (a question joins the group of
    the first of them it is keyed to), so that neighbours in the quiz differ."""
    groups: dict[str, list[str]] = {}
    for qid in ids:
        skills = bank.questions[qid].skills()
        key = next((t for t in contrast if t in skills), "")
        groups.setdefault(key, []).append(qid)
    dealt: list[str] = []
    while any(groups.values()):
        for group in groups.values():
            if group:
                dealt.append(group.pop(0))
    return dealt


@dataclass(frozen=True)
class SkillResult:
    """How one quiz went on one skill: the decisions about it (see quiz.domain.discernment)."""

    skill: str
    name: str
    counts: Counts
    """Decisions about options offered in this quiz."""
    words: Counts = Counts()
    """Decisions about the words of its find passages, counted apart."""


@dataclass(frozen=True)
class Results:
    tally: Tally
    skills: list[SkillResult]
    missed: list[tuple[Question, AnswerRecord]] = field(default_factory=list)
    """Answers without full marks, partly right ones included, in the order they were given."""


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
        # Built without validation: every field is made here from checked parts (ids of the bank, a
        # title cut to its limit), and the first start need not build the model's validator for it.
        quiz = UnfinishedQuiz.model_construct(quiz_id=uuid.uuid4().hex[:12], title=selection.title(bank),
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

    def answer(self, chosen: Collection[str], now: datetime, confidence: Confidence | None = None,
               words: Collection[int] = ()) -> AnswerRecord:
        """Score `chosen` (option keys), or the `words` marked in a "find" question, for the current
        question and show its feedback."""
        if self.phase is not Phase.ASKING:
            raise SessionError("this question is already answered")
        question = self.current
        if question.marks_words:
            marked = sorted(set(words))
            if not marked:
                raise SessionError("mark at least one word")
            if marked[0] < 0 or marked[-1] >= len(question.words()):
                raise SessionError("those words are not in the passage")
            chosen_keys: list[str] = []
        else:
            marked = []
            chosen_keys = [k for k in question.option_keys() if k in set(chosen)]
            if not chosen_keys or set(chosen) - set(question.option_keys()):
                raise SessionError("choose at least one of the options")
            if not question.multiple and len(chosen_keys) > 1:
                raise SessionError("this question takes one answer")
        record = AnswerRecord(question_id=question.id, quiz_id=self.quiz.quiz_id, answered_at=now,
                              choice=chosen_keys, words=marked,
                              score=score(question, chosen_keys, marked), confidence=confidence)
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
        """Score, discernment per skill and missed questions of the answers given so far."""
        missed = [(self.bank.questions[r.question_id], r) for r in self.answers if not is_correct(r.score)]
        options = by_item(self.bank, self.answers, words=False)
        marked = by_item(self.bank, self.answers, words=True)
        skills = sorted((SkillResult(item, self.bank.skill_name(item), options.get(item, Counts()),
                                     marked.get(item, Counts())) for item in {*options, *marked}),
                        key=lambda s: s.name)
        return Results(Tally.of(r.score for r in self.answers), skills, missed)
