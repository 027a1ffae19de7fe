"""Pydantic models of what a question file holds: techniques, sources and the four kinds of question.

The models check each field on its own (types, lengths, allowed characters). Rules that relate fields to
each other or to the rest of the bank (an answer among the options, a known technique, a quote found in
its source) live in `quiz.domain.rules`, so that every broken rule can be reported at once with the
line of the field that breaks it.
"""

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from quiz.domain.text import Identifier, Name, Paragraph, Quote


class _Strict(BaseModel):
    """Unknown fields are errors, and values are not coerced: TOML has types, so `difficulty = "2"`
    is a mistake to report, not to guess at."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Technique(_Strict):
    """A persuasion technique the quiz teaches, with a plain-words definition and what to look for."""

    id: Identifier
    name: Name
    definition: Paragraph
    hint: Paragraph


class Source(_Strict):
    """An article the questions quote from. `file` is relative to the TOML file that names it."""

    id: Identifier
    file: Annotated[str, Field(min_length=1, max_length=500)]
    title: Name
    outlet: Name
    kind: Name = "article"
    author: Name | None = None
    speaker: Name | None = None
    date_note: Paragraph | None = None

    @property
    def voice(self) -> str:
        """Who is speaking, for the line above every quote."""
        return self.speaker or self.author or self.outlet


class Passage(_Strict):
    """A verbatim quote from one source."""

    source: Identifier
    quote: Quote


class Sentence(_Strict):
    """One option of an `unsupported` question: a verbatim sentence of the question's source."""

    key: Identifier
    quote: Quote
    feedback: Paragraph | None = None


@dataclass(frozen=True)
class Choice:
    """An option as the learner sees it: a key to answer with and the text to show."""

    key: str
    label: str


class _Question(_Strict):
    id: Identifier
    prompt: Paragraph
    explanation: Paragraph
    difficulty: Annotated[int, Field(ge=1, le=3)]

    multiple: ClassVar[bool] = False
    """True when the learner may choose several options (all that apply)."""

    def quotes(self) -> list[Passage]:
        """Every quoted passage, in the order the learner sees them."""
        raise NotImplementedError

    def option_keys(self) -> list[str]:
        raise NotImplementedError

    def correct(self) -> frozenset[str]:
        raise NotImplementedError

    def feedback_for(self, key: str) -> str | None:
        raise NotImplementedError

    def skills(self) -> list[str]:
        """What a right answer shows mastery of: technique ids, or `unsupported` for spotting bare claims."""
        return sorted(self.correct())

    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(p.source for p in self.quotes()))


class _TechniqueOptions(_Question):
    options: Annotated[list[Identifier], Field(min_length=3, max_length=6)]
    feedback: dict[Identifier, Paragraph] = {}

    def option_keys(self) -> list[str]:
        return list(self.options)

    def feedback_for(self, key: str) -> str | None:
        return self.feedback.get(key)


class TechniqueQuestion(_TechniqueOptions):
    """One passage; the learner names the technique it relies on most."""

    kind: Literal["technique"]
    source: Identifier
    quote: Quote
    answer: Identifier

    def quotes(self) -> list[Passage]:
        return [Passage(source=self.source, quote=self.quote)]

    def correct(self) -> frozenset[str]:
        return frozenset({self.answer})


class TechniquesQuestion(_TechniqueOptions):
    """One passage that works in more than one way; the learner ticks all that apply."""

    kind: Literal["techniques"]
    source: Identifier
    quote: Quote
    answers: Annotated[list[Identifier], Field(min_length=2, max_length=5)]
    multiple: ClassVar[bool] = True

    def quotes(self) -> list[Passage]:
        return [Passage(source=self.source, quote=self.quote)]

    def correct(self) -> frozenset[str]:
        return frozenset(self.answers)


class UnsupportedQuestion(_Question):
    """Several sentences of one source; the learner picks the one stated as fact with no support."""

    kind: Literal["unsupported"]
    source: Identifier
    sentences: Annotated[list[Sentence], Field(min_length=3, max_length=5)]
    answer: Identifier

    def quotes(self) -> list[Passage]:
        return [Passage(source=self.source, quote=s.quote) for s in self.sentences]

    def option_keys(self) -> list[str]:
        return [s.key for s in self.sentences]

    def correct(self) -> frozenset[str]:
        return frozenset({self.answer})

    def feedback_for(self, key: str) -> str | None:
        return next((s.feedback for s in self.sentences if s.key == key), None)

    def skills(self) -> list[str]:
        return ["unsupported"]


class PairQuestion(_TechniqueOptions):
    """One passage from each of two sources; the learner names the technique both use."""

    kind: Literal["pair"]
    passages: Annotated[list[Passage], Field(min_length=2, max_length=2)]
    answer: Identifier

    def quotes(self) -> list[Passage]:
        return list(self.passages)

    def correct(self) -> frozenset[str]:
        return frozenset({self.answer})


Question = Annotated[
    Union[TechniqueQuestion, TechniquesQuestion, UnsupportedQuestion, PairQuestion],
    Field(discriminator="kind"),
]

KINDS: dict[str, str] = {
    "technique": "Spot the technique",
    "techniques": "All that apply",
    "unsupported": "The unsupported claim",
    "pair": "Both sides",
}
"""Question kinds and the names learners see for them, in the order menus list them."""

UNSUPPORTED_SKILL = "unsupported"
"""The skill an `unsupported` question trains, reported beside the technique ids."""


class QuestionFile(_Strict):
    """The shape of one TOML file of a bank: any mix of techniques, sources and questions."""

    technique: list[Technique] = []
    source: list[Source] = []
    question: list[Question] = []
