"""Pydantic models of what a question file holds: techniques, sources and the six kinds of question.

The models check each field on its own (types, lengths, allowed characters). Rules that relate fields to
each other or to the rest of the bank (an answer among the options, a known technique, a quote found in
its source) live in `quiz.domain.rules`, so that every broken rule can be reported at once with the
line of the field that breaks it.
"""

from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, ClassVar, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field

from quiz.domain.text import Identifier, Name, Paragraph, Quote
from quiz.domain.tokens import Word, counted, covered, words

UNSUPPORTED_SKILL = "unsupported"
"""The skill an `unsupported` question trains, reported beside the technique ids."""
SOURCE_SKILL = "source"
"""The skill a `source` question trains: questioning where a text comes from."""


class _Strict(BaseModel):
    """Unknown fields are errors, and values are not coerced: TOML has types, so `difficulty = "2"`
    is a mistake to report, not to guess at. Validators are built when first used, not at import:
    `quiz --version` and the app's start pay only for the models they validate with."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class Technique(_Strict):
    """A persuasion technique the quiz teaches, with a plain-words definition and what to look for."""

    id: Identifier
    name: Name
    definition: Paragraph
    hint: Paragraph
    contrast: dict[Identifier, Paragraph] = {}
    """How to tell this technique from a neighbour, by the neighbour's id: shown to a learner who
    confuses the two."""


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
    language: Name | None = None
    """The language of this copy, and whether it is a translation."""
    removed: Paragraph | None = None
    """What this copy of the text lacks that the original had: links, pictures, comments, captions."""
    about: Paragraph | None = None
    """Who publishes the outlet, as far as the text and its own pages say: no outside claims."""

    @property
    def voice(self) -> str:
        """Who is speaking, for the line above every quote."""
        return self.speaker or self.author or self.outlet

    def card(self) -> list[tuple[str, str]]:
        """The source card a learner can open beside any question: what a careful reader checks first."""
        rows = [("Outlet", self.outlet), ("Kind", self.kind)]
        rows += [("Author", self.author)] if self.author else []
        rows += [("Speaker", self.speaker)] if self.speaker else []
        rows += [(label, value) for label, value in (
            ("Date", self.date_note), ("Language", self.language), ("Not in this copy", self.removed),
            ("About the outlet", self.about)) if value]
        return rows


class Passage(_Strict):
    """A verbatim quote from one source."""

    source: Identifier
    quote: Quote


def _passage(source: str, quote: str) -> "Passage":
    """A Passage of fields its question has already validated: built without validating them again,
    since interfaces ask for a question's quotes on every screen and menu count."""
    return Passage.model_construct(source=source, quote=quote)


class Sentence(_Strict):
    """One option of an `unsupported` question: a verbatim sentence of the question's source."""

    key: Identifier
    quote: Quote
    feedback: Paragraph | None = None


class TextOption(_Strict):
    """One option of a `source` question: a short text of the author's, with why it is wrong if it is."""

    key: Identifier
    text: Paragraph
    feedback: Paragraph | None = None


class WrongMark(_Strict):
    """A run of words of a `find` passage that learners may mark by mistake, and why it does not fit."""

    quote: Quote
    feedback: Paragraph


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
    marks_words: ClassVar[bool] = False
    """True when the learner answers by marking words of the passage instead of choosing options."""
    option_skill: ClassVar[str | None] = None
    """For questions whose options are statements, not technique names (`unsupported`, `source`): the
    one skill that every option is a decision about. None when each option names a technique."""

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
        """What a right answer shows mastery of: technique ids, or the skill of a question about
        statements (`unsupported` for spotting bare claims, `source` for questioning the source)."""
        return [self.option_skill] if self.option_skill else sorted(self.correct())

    def source_ids(self) -> list[str]:
        """The sources the question is about: its `source` (a `source` question may quote none of it;
        a pair question overrides this with its two passages' sources). Read off the fields, since
        every menu count selects by source."""
        return [self.source]


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
        return [_passage(self.source, self.quote)]

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
        return [_passage(self.source, self.quote)]

    def correct(self) -> frozenset[str]:
        return frozenset(self.answers)


class UnsupportedQuestion(_Question):
    """Several sentences of one source; the learner picks the one stated as fact with no support."""

    kind: Literal["unsupported"]
    source: Identifier
    sentences: Annotated[list[Sentence], Field(min_length=3, max_length=5)]
    answer: Identifier
    option_skill: ClassVar[str | None] = UNSUPPORTED_SKILL

    def quotes(self) -> list[Passage]:
        return [_passage(self.source, s.quote) for s in self.sentences]

    def option_keys(self) -> list[str]:
        return [s.key for s in self.sentences]

    def correct(self) -> frozenset[str]:
        return frozenset({self.answer})

    def feedback_for(self, key: str) -> str | None:
        return next((s.feedback for s in self.sentences if s.key == key), None)


class PairQuestion(_TechniqueOptions):
    """One passage from each of two sources; the learner names the technique both use."""

    kind: Literal["pair"]
    passages: Annotated[list[Passage], Field(min_length=2, max_length=2)]
    answer: Identifier

    def quotes(self) -> list[Passage]:
        return list(self.passages)

    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(p.source for p in self.passages))

    def correct(self) -> frozenset[str]:
        return frozenset({self.answer})


class FindQuestion(_Question):
    """A passage and a technique; the learner marks the words that carry it (detection, not recognition).

    The key spans are the smallest runs of words that do the work. A learner's marks are scored by
    word overlap with them (`quiz.domain.scoring.score_find`).
    """

    kind: Literal["find"]
    source: Identifier
    passage: Quote
    technique: Identifier
    spans: Annotated[list[Quote], Field(min_length=1, max_length=5)]
    wrong_marks: Annotated[list[WrongMark], Field(max_length=8)] = []
    marks_words: ClassVar[bool] = True

    def quotes(self) -> list[Passage]:
        return [_passage(self.source, self.passage)]

    def words(self) -> list[Word]:
        """The passage's words, in order: what the learner moves through and marks."""
        return words(self.passage)

    def key_words(self) -> frozenset[int]:
        """Indices of the words inside a key span (every occurrence of it in the passage)."""
        return self._key_words

    def scored_words(self) -> frozenset[int]:
        """Indices of the words that count when marks are scored: all but articles, demonstratives,
        "to" and "of" (quiz.domain.tokens.FUNCTION_WORDS)."""
        return self._scored_words

    # Worked out once per question: every answer's score and every report's counts ask for them.
    @cached_property
    def _key_words(self) -> frozenset[int]:
        return frozenset(i for span in self.spans for i in covered(self.passage, span))

    @cached_property
    def _scored_words(self) -> frozenset[int]:
        return counted(self.words())

    def correct(self) -> frozenset[str]:
        return frozenset({self.technique})

    def option_keys(self) -> list[str]:
        return []

    def feedback_for(self, key: str) -> str | None:
        return None

    def feedback_for_marks(self, marked: frozenset[int]) -> list[tuple[str, str]]:
        """The author's feedback on each tempting wrong run of words the learner marked part of."""
        return [(w.quote, w.feedback) for w in self.wrong_marks
                if frozenset(marked) & frozenset(covered(self.passage, w.quote))]


class SourceQuestion(_Question):
    """A question about the source itself: who publishes it, what kind of text it is, when it appeared,
    what a reader cannot check in it, what they would look up. Options are the author's short texts."""

    kind: Literal["source"]
    source: Identifier
    quote: Quote | None = None
    """An optional passage of the source the question points at (a heading, a dateline, a credit)."""
    options: Annotated[list[TextOption], Field(min_length=3, max_length=5)]
    answer: Identifier
    option_skill: ClassVar[str | None] = SOURCE_SKILL

    def quotes(self) -> list[Passage]:
        return [_passage(self.source, self.quote)] if self.quote else []

    def option_keys(self) -> list[str]:
        return [o.key for o in self.options]

    def correct(self) -> frozenset[str]:
        return frozenset({self.answer})

    def feedback_for(self, key: str) -> str | None:
        return next((o.feedback for o in self.options if o.key == key), None)


Question = Annotated[
    Union[TechniqueQuestion, TechniquesQuestion, UnsupportedQuestion, PairQuestion, FindQuestion,
          SourceQuestion],
    Field(discriminator="kind"),
]

QUESTION_MODELS: dict[str, type[_Question]] = {
    get_args(model.model_fields["kind"].annotation)[0]: model for model in get_args(get_args(Question)[0])
}
"""Each kind's model, read from the `Question` union."""

ITEM_MODELS: dict[str, type[_Strict]] = {
    "sentences": Sentence, "passages": Passage, "options": TextOption, "wrong_marks": WrongMark,
}
"""Question fields written as lists of tables ([[question.NAME]]), with the model of one table (a
`source` question's `options`; other kinds' `options` are plain technique ids)."""

KINDS: dict[str, str] = {
    "technique": "Spot the technique",
    "techniques": "All that apply",
    "unsupported": "The unsupported claim",
    "pair": "Both sides",
    "find": "Find it in the text",
    "source": "The source itself",
}
"""Question kinds and the names learners see for them, in the order menus list them."""


class QuestionFile(_Strict):
    """The shape of one TOML file of a bank: any mix of techniques, sources and questions."""

    technique: list[Technique] = []
    source: list[Source] = []
    question: list[Question] = []
