"""A learner's progress: every answer ever given, and the quiz left unfinished, if any.

Progress is saved as TOML after every answer, so these models are also the file's schema. The schema
carries a version number so that later releases can migrate older files instead of discarding them.
"""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from quiz.domain.text import Identifier, Name

SCHEMA_VERSION = 2
"""1: answers and the unfinished quiz. 2: adds the review schedule, confidence and the option seed."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnswerRecord(_Record):
    """One answer: which question, in which quiz, when, what was chosen and what it scored."""

    question_id: Identifier
    quiz_id: Identifier
    answered_at: AwareDatetime
    choice: list[Identifier] = []
    words: list[int] = []
    """Indices of the words marked in a "find" question (whose `choice` is empty)."""
    score: Annotated[float, Field(ge=0.0, le=1.0)]
    confidence: Literal["sure", "unsure"] | None = None
    """What the learner said of their answer before seeing the feedback, if anything."""


class ReviewCard(_Record):
    """When a question should come back for review, and the FSRS memory state behind that date."""

    state: Annotated[int, Field(ge=1, le=3)]
    stability: Annotated[float, Field(gt=0)]
    difficulty: Annotated[float, Field(ge=1, le=10)]
    due: AwareDatetime
    last_review: AwareDatetime


class UnfinishedQuiz(_Record):
    """A quiz the learner started and has not finished: enough to put them back where they stopped."""

    quiz_id: Identifier
    title: Name
    started_at: AwareDatetime
    question_ids: Annotated[list[Identifier], Field(min_length=1)]
    seed: int = 0
    """Shuffles each question's options, the same way again when the quiz is resumed."""


class Progress(_Record):
    schema_version: int = SCHEMA_VERSION
    answers: list[AnswerRecord] = []
    unfinished: UnfinishedQuiz | None = None
    reviews: dict[Identifier, ReviewCard] = {}

    def answers_in(self, quiz_id: str) -> list[AnswerRecord]:
        return [a for a in self.answers if a.quiz_id == quiz_id]

    def last_answered(self) -> datetime | None:
        return max((a.answered_at for a in self.answers), default=None)
