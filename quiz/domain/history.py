"""A learner's answers, in order, with the counts over them that the first screens need.

After a year of use a learner has tens of thousands of answers, and reading them all takes longer than
the rest of a start. The home screen and the menu need only a few counts over them (the marks, which
questions were answered, which techniques were confused) and the answers of the quiz left unfinished.
A `History` can begin with answers not read yet (`Unread`): their count, their `Summary`, their last
answer and those of one quiz, with a way to read them. It reads them only when something asks for
them (the stats, a quiz's results), once; until then, its length, its end, its summary and the answers
of that quiz come from what it was given. Answers added go after them, in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, overload

from pydantic_core import core_schema

from quiz.domain.scoring import Tally

if TYPE_CHECKING:  # quiz.domain.progress holds its histories in a History
    from quiz.domain.progress import AnswerRecord

Choice = tuple[str, tuple[str, ...]]
"""A question's id and the option keys chosen for it, in the order given."""


@dataclass
class Summary:
    """Counts over some answers that add up: the summary of two runs of answers is the sum of theirs."""

    scores: Counter[float] = field(default_factory=Counter)
    """How many answers got each score."""
    questions: Counter[str] = field(default_factory=Counter)
    """How many answers each question got."""
    choices: Counter[Choice] = field(default_factory=Counter)
    """How often each question was answered with each choice (answers marking words have none)."""
    quizzes: set[str] = field(default_factory=set)
    """The quizzes answered in."""
    latest: datetime | None = None
    """When the latest answer was given."""

    @classmethod
    def of(cls, answers: Iterable[AnswerRecord]) -> Summary:
        summary = cls()
        summary.add(answers)
        return summary

    @property
    def answered(self) -> int:
        return self.scores.total()

    def tally(self) -> Tally:
        return Tally.of_counts(self.scores)

    def add(self, answers: Iterable[AnswerRecord]) -> None:
        answers = answers if isinstance(answers, Sequence) else list(answers)
        self.scores.update(a.score for a in answers)
        self.questions.update(a.question_id for a in answers)
        self.choices.update((a.question_id, tuple(a.choice)) for a in answers if a.choice)
        self.quizzes.update(a.quiz_id for a in answers)
        self.latest = _later(self.latest, max((a.answered_at for a in answers), default=None))

    def __add__(self, other: Summary) -> Summary:
        return Summary(self.scores + other.scores, self.questions + other.questions,
                       self.choices + other.choices, self.quizzes | other.quizzes,
                       _later(self.latest, other.latest))


def _later(one: datetime | None, other: datetime | None) -> datetime | None:
    return one if other is None else other if one is None else max(one, other)


@dataclass(frozen=True)
class Unread:
    """Answers at the start of a history that are not read yet, and what is known of them without."""

    count: int
    summary: Summary
    last: AnswerRecord
    """The last of them (a writer checks that it is still there before appending)."""
    quiz_id: str | None
    """A quiz whose answers among them are known: the one left unfinished when they were summed up."""
    in_quiz: list[AnswerRecord]
    """Those answers, in order."""
    read: Callable[[], list[AnswerRecord]]
    """Reads them all, in order: `count` answers, the last equal to `last`."""


class History(Sequence["AnswerRecord"]):
    """Every answer a learner gave, oldest first: a sequence that also keeps its `summary()`, and
    that may begin with answers it reads only when they are first needed (see the module)."""

    def __init__(self, answers: Iterable[AnswerRecord] = (), unread: Unread | None = None) -> None:
        self._unread = unread if unread is not None and unread.count else None
        self._answers = list(answers)
        """The answers read, or those after the unread ones while they are."""
        self._summary: Summary | None = None

    @property
    def read_all(self) -> bool:
        """Whether every answer is in memory (False until unread answers are needed)."""
        return self._unread is None

    def _all(self) -> list[AnswerRecord]:
        unread = self._unread
        if unread is not None:
            earlier = unread.read()
            if len(earlier) != unread.count or earlier[-1] != unread.last:
                raise RuntimeError("the unread answers are not those summed up")
            earlier[-1] = unread.last  # the very record handed out, so a writer knows it again
            self._answers[:0] = earlier
            self._unread = None
        return self._answers

    def __len__(self) -> int:
        return len(self._answers) + (self._unread.count if self._unread else 0)

    @overload
    def __getitem__(self, index: int) -> AnswerRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[AnswerRecord]: ...

    def __getitem__(self, index: int | slice) -> AnswerRecord | list[AnswerRecord]:
        unread = self._unread
        if unread is not None:
            if isinstance(index, slice):
                start, stop, step = index.indices(len(self))
                if step == 1 and start >= unread.count:
                    return self._answers[start - unread.count:stop - unread.count]
            else:
                position = index + len(self) if index < 0 else index
                if position >= unread.count:
                    return self._answers[position - unread.count]
                if position == unread.count - 1:
                    return unread.last
        return self._all()[index]

    def __iter__(self) -> Iterator[AnswerRecord]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and self._all() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        if self._unread is not None:
            return f"History({self._unread.count} unread, then {self._answers!r})"
        return f"History({self._answers!r})"

    def append(self, answer: AnswerRecord) -> None:
        self._answers.append(answer)
        if self._summary is not None:
            self._summary.add([answer])

    def extend(self, answers: Iterable[AnswerRecord]) -> None:
        for answer in answers:
            self.append(answer)

    def summary(self) -> Summary:
        """The counts over every answer, without reading unread ones (kept up to date as answers come;
        read it, never change it)."""
        if self._summary is None:
            mine = Summary.of(self._answers)
            self._summary = mine if self._unread is None else self._unread.summary + mine
        return self._summary

    def latest(self) -> datetime | None:
        """When the latest answer was given: from the summary if it is kept, else by one look at each
        answer (a class report asks it of every learner, and needs nothing else of a summary)."""
        if self._unread is not None or self._summary is not None:
            return self.summary().latest
        return max((a.answered_at for a in self._answers), default=None)

    def in_quiz(self, quiz_id: str) -> list[AnswerRecord]:
        """The answers given in the quiz `quiz_id`, in order; unread answers are read only if some
        of them are in that quiz and not known already."""
        unread = self._unread
        if unread is not None and quiz_id in unread.summary.quizzes and quiz_id != unread.quiz_id:
            self._all()
            unread = None
        known = unread.in_quiz if unread is not None and quiz_id == unread.quiz_id else []
        return [*known, *(a for a in self._answers if a.quiz_id == quiz_id)]

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        """Checked as a list of answers (from a schema 1 or 2 file, or a test), kept as a History."""
        from quiz.domain.progress import AnswerRecord

        as_list = core_schema.no_info_before_validator_function(
            lambda value: list(value) if isinstance(value, History) else value,
            handler.generate_schema(list[AnswerRecord]))
        return core_schema.no_info_after_validator_function(cls, as_list)


def choices(answers: Iterable[AnswerRecord]) -> Counter[Choice]:
    """How often each question was answered with each choice: a History's own count, kept as it grows."""
    if isinstance(answers, History):
        return answers.summary().choices
    return Counter((a.question_id, tuple(a.choice)) for a in answers if a.choice)
