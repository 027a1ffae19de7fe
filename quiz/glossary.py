"""The techniques to study before being tested: each one's name, definition and tip, with examples from
every source (the passages of the questions whose answer it is), for the app's "Learn the techniques"
screen and plain mode alike."""

from dataclasses import dataclass

from quiz.domain.bank import Bank
from quiz.domain.models import Technique
from quiz.feedback import runs

EXAMPLES_PER_SOURCE = 2


@dataclass(frozen=True)
class Entry:
    technique: Technique
    examples: list[tuple[str, str]]
    """(source id, quoted words) pairs, sources in bank order, at most EXAMPLES_PER_SOURCE each."""


def entries(bank: Bank) -> list[Entry]:
    """Every technique some question asks about, by name, with its examples."""
    found: dict[str, dict[str, list[str]]] = {}
    for question in bank.questions.values():
        if question.option_skill:
            continue
        for technique in question.correct():
            for passage in question.quotes():
                quote = ("; ".join(runs(question.words(), question.key_words()))
                         if question.marks_words else passage.quote)
                examples = found.setdefault(technique, {}).setdefault(passage.source, [])
                if quote not in examples:
                    examples.append(quote)
    return [Entry(bank.techniques[t], [(source, quote) for source in bank.sources
                                       for quote in found[t].get(source, [])[:EXAMPLES_PER_SOURCE]])
            for t in sorted(found, key=lambda t: bank.techniques[t].name) if t in bank.techniques]
