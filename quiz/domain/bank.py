"""A loaded, checked question bank: what the session and the interfaces read questions from."""

from dataclasses import dataclass, field

from quiz.domain.anchoring import Span, find_all
from quiz.domain.models import SOURCE_SKILL, UNSUPPORTED_SKILL, Question, Source, Technique

SKILL_NAMES = {UNSUPPORTED_SKILL: "Spotting unsupported claims", SOURCE_SKILL: "Questioning the source"}
"""Names of the skills that are not techniques."""


@dataclass(frozen=True)
class Bank:
    """Techniques, sources with their texts, and questions whose quotes were all found in their sources.

    Only the loader builds one, after every rule passed; code that holds a Bank may rely on answers
    being among options, techniques known and `spans` holding every quote's place in its source.
    """

    techniques: dict[str, Technique]
    sources: dict[str, Source]
    texts: dict[str, str]
    questions: dict[str, Question]
    spans: dict[str, list[Span]] = field(default_factory=dict)

    def select(
        self, *, source: str | None = None, kind: str | None = None, skill: str | None = None,
        difficulty: int | None = None,
    ) -> list[Question]:
        """Questions in bank order, narrowed to any mix of: one source (any of its passages), one kind,
        one skill (a technique that is a right answer, or `unsupported`) and one difficulty."""
        return [
            q for q in self.questions.values()
            if (source is None or source in q.source_ids()) and (kind is None or q.kind == kind)
            and (skill is None or skill in q.skills())
            and (difficulty is None or q.difficulty == difficulty)
        ]

    def skills(self) -> list[str]:
        """Every skill some question trains, by name."""
        return sorted({s for q in self.questions.values() for s in q.skills()}, key=self.skill_name)

    def label(self, question: Question, key: str) -> str:
        """What the learner sees for option `key`: a technique's name, an unsupported sentence, or the
        text of a `source` question's option."""
        if question.kind == "unsupported":
            return next(s.quote for s in question.sentences if s.key == key)
        if question.kind == "source":
            return next(o.text for o in question.options if o.key == key)
        return self.techniques[key].name

    def contrast(self, one: str, other: str) -> str | None:
        """The tip that tells two techniques apart, written under either of them."""
        first, second = self.techniques.get(one), self.techniques.get(other)
        return ((first.contrast.get(other) if first else None) or
                (second.contrast.get(one) if second else None))

    def skill_name(self, skill: str) -> str:
        if skill in self.techniques:
            return self.techniques[skill].name
        return SKILL_NAMES.get(skill, skill)

    def highlights(self, question: Question) -> dict[str, list[Span]]:
        """Every occurrence of each of the question's quotes, by source, for showing them in context."""
        found: dict[str, list[Span]] = {}
        for passage in question.quotes():
            found.setdefault(passage.source, []).extend(find_all(self.texts[passage.source], passage.quote))
        return found
