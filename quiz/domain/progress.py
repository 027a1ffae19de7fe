"""A learner's progress: every answer ever given, the review schedule, the quiz left unfinished, settings.

These models hold progress in memory and check it on the way in from a file. Their field names are
the file's field names in every schema version; `quiz.storage.progress_file` decides how records are
laid out on disk. The models are strict: TOML has types, so `score = "0.5"` or `seed = true` is a
damaged file to report, not a value to guess at.
"""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, Strict
from pydantic.dataclasses import dataclass

from quiz.domain.history import History
from quiz.domain.text import Identifier, Name

SCHEMA_VERSION = 3
"""1: answers and the unfinished quiz. 2: adds the review schedule, confidence and the option seed.
3: one record per line, appended as things happen (answers carry their question's review card,
quiz starts and ends, settings), and marked words for "find" questions."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)  # built when first used


@dataclass(frozen=True, slots=True, kw_only=True, config=ConfigDict(extra="forbid", defer_build=True))
class AnswerRecord:
    """One answer: which question, in which quiz, when, what was chosen and what it scored.

    A frozen dataclass with slots rather than a model like the other records: a learner's history
    holds one per answer, tens of thousands after a year, and as a dataclass 10,000 of them take
    3 MB instead of 13 and load about a fifth faster. Its fields are strict like theirs, and keyword
    only, in the order the progress file writes them."""

    question_id: Annotated[Identifier, Strict()]
    quiz_id: Annotated[Identifier, Strict()]
    answered_at: Annotated[AwareDatetime, Strict()]
    choice: Annotated[list[Annotated[Identifier, Strict()]], Strict()] = Field(default_factory=list)
    """The options chosen; empty for a question answered by marking words."""
    words: Annotated[list[Annotated[int, Strict(), Field(ge=0)]], Strict()] = Field(default_factory=list)
    """0-based positions of the words the learner marked, for a "find" question."""
    score: Annotated[float, Strict(), Field(ge=0.0, le=1.0)]
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


class Settings(_Record):
    """What a learner chose for the next time: kept in their progress file, so it follows them."""

    theme: Name | None = None
    """The name of the Textual theme they picked; None for the app's default."""


class Progress(_Record):
    schema_version: int = SCHEMA_VERSION
    answers: History = Field(default_factory=History)
    unfinished: UnfinishedQuiz | None = None
    reviews: dict[Identifier, ReviewCard] = {}
    settings: Settings = Field(default_factory=Settings.model_construct)  # defaults need no validating

    def answers_in(self, quiz_id: str) -> list[AnswerRecord]:
        return self.answers.in_quiz(quiz_id)

    def last_answered(self) -> datetime | None:
        return self.answers.latest()
