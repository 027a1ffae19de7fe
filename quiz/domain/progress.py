"""A learner's progress: every answer ever given, and the quiz left unfinished, if any.

Progress is saved as TOML after every answer, so these models are also the file's schema. The schema
carries a version number so that later releases can migrate older files instead of discarding them.
"""

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from quiz.domain.text import Identifier, Name

SCHEMA_VERSION = 1


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnswerRecord(_Record):
    """One answer: which question, in which quiz, when, what was chosen and what it scored."""

    question_id: Identifier
    quiz_id: Identifier
    answered_at: AwareDatetime
    choice: list[Identifier]
    score: Annotated[float, Field(ge=0.0, le=1.0)]


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

    def answers_in(self, quiz_id: str) -> list[AnswerRecord]:
        return [a for a in self.answers if a.quiz_id == quiz_id]

    def last_answered(self) -> datetime | None:
        return max((a.answered_at for a in self.answers), default=None)
