"""The quizzes a learner can start, as every interface lists them, with how many questions each holds
under the learner's filters.

Review means the questions due now and nothing else; questions never answered are a quiz of their own;
"practise my confusions" takes the questions keyed to either technique of the pairs the learner mixes up
most, dealt alternately. The counts follow the filters (technique, difficulty), so what a menu says is
what the quiz will hold: no interface has to recount or guess.
"""

from dataclasses import dataclass, replace

from quiz.domain.discernment import confusions
from quiz.domain.models import KINDS
from quiz.learner import Learner
from quiz.session import Selection
from quiz.words import counted

CONFUSED_PAIRS = 3
"""How many of the learner's most frequent confusions the practice quiz takes."""


@dataclass(frozen=True)
class Filters:
    """What the learner narrowed every quiz to, and how long a quiz should be (None: all that match)."""

    skill: str | None = None
    difficulty: int | None = None
    count: int | None = 10

    def describe(self, bank) -> str:
        """The filters in words, "" when none is set."""
        parts = [bank.skill_name(self.skill)] if self.skill else []
        parts += [f"difficulty {self.difficulty}"] if self.difficulty else []
        return ", ".join(parts)


@dataclass(frozen=True)
class MenuEntry:
    """A quiz on the menu: its label, what it selects, and how many questions match the filters."""

    key: str
    """Stable across refreshes: "review", "new", "confusions", "all", "source:ID", "kind:KIND"."""
    label: str
    selection: Selection
    size: int
    """Questions it holds under the filters, before the length is applied."""
    total: int
    """Questions it holds without the filters."""

    @property
    def length(self) -> int:
        """How many questions the quiz will ask: the filtered size, cut to the length asked."""
        count = self.selection.count
        return min(self.size, count) if count else self.size

    def describe(self) -> str:
        """The entry as a menu line: "All questions, 87 questions", or "..., 6 of 87 match"."""
        matching = (counted(self.size, "question") if self.size == self.total
                    else f"{self.size:,} of {self.total:,} match the filters")
        return f"{self.label}, {matching}"


def quiz_menu(learner: Learner, filters: Filters = Filters(), seed: int | None = None) -> list[MenuEntry]:
    """The quizzes to offer, in the order every interface lists them; entries that hold no question
    even without filters are left out (a review with nothing due, an empty kind)."""
    bank = learner.bank
    base = Selection(skill=filters.skill, difficulty=filters.difficulty, count=filters.count, seed=seed)
    candidates: list[tuple[str, str, Selection]] = []
    due = learner.due()
    if due:
        candidates.append(("review", f"Review: {len(due)} due now, most overdue first",
                           replace(base, ids=tuple(due), order="given", label="Review")))
    answered = learner.progress.answers.summary().questions
    fresh = tuple(qid for qid in bank.questions if qid not in answered)
    if answered and fresh:
        candidates.append(("new", "New questions, never answered",
                           replace(base, ids=fresh, label="New questions")))
    if contrast := confused_techniques(learner):
        names = " · ".join(bank.skill_name(t) for t in contrast)
        keyed = tuple(q.id for q in bank.questions.values()
                      if set(q.skills()) & set(contrast))
        candidates.append(("confusions", f"Practise my confusions: {names}",
                           replace(base, ids=keyed, order="alternating", contrast=contrast,
                                   label="Practise my confusions")))
    candidates.append(("all", "All questions", base))
    candidates += [(f"source:{s.id}", f"{s.outlet} {s.kind} only", replace(base, source=s.id))
                   for s in bank.sources.values()]
    candidates += [(f"kind:{kind}", name, replace(base, kind=kind)) for kind, name in KINDS.items()]
    entries = []
    for key, label, selection in candidates:
        total = len(replace(selection, skill=None, difficulty=None).matching(bank))
        if total:
            entries.append(MenuEntry(key, label, selection, len(selection.matching(bank)), total))
    return entries


def confused_techniques(learner: Learner) -> tuple[str, ...]:
    """The techniques of the learner's most frequent confusions, most confused first, each once."""
    top = confusions(learner.bank, learner.progress.answers)[:CONFUSED_PAIRS]
    return tuple(dict.fromkeys(t for c in top for t in (c.answer, c.chosen)))
