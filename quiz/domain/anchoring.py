"""Finding quotes in their source text, and saying precisely how a quote that is not there differs.

Quotes are checked by a program, never by eye: a quote must occur character for character. When it does
not, the author gets the closest passage of the source and the first character that differs, which is
usually a straight quote where the article has a curly one, or a dash of the wrong length.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Span:
    """Where a quote sits in its source: character offsets [start, end) and the 1-based line of start."""

    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Miss:
    """The closest passage to a quote that is not in the source, and where the two first differ."""

    passage: str
    line: int
    differs_at: int
    source_char: str
    quote_char: str

    def describe(self) -> str:
        found = f"{self.source_char!r}" if self.source_char else "the end of the passage"
        given = f"{self.quote_char!r}" if self.quote_char else "the end of the quote"
        return (
            f"the closest passage (source line {self.line}) is {self.passage!r}; "
            f"they first differ at character {self.differs_at + 1}, where the source has {found} "
            f"and the quote has {given}"
        )


def find_quote(text: str, quote: str) -> Span | None:
    """The first place `quote` occurs verbatim in `text`, or None."""
    start = text.find(quote)
    if start < 0:
        return None
    return Span(start, start + len(quote), text.count("\n", 0, start) + 1)


def find_all(text: str, quote: str) -> list[Span]:
    """Every place `quote` occurs verbatim in `text` (a repeated line is highlighted everywhere)."""
    spans, start = [], text.find(quote)
    while start >= 0 and quote:
        spans.append(Span(start, start + len(quote), text.count("\n", 0, start) + 1))
        start = text.find(quote, start + 1)
    return spans


def closest_passage(text: str, quote: str) -> Miss:
    """The stretch of `text` that best lines up with `quote`, anchored on their longest common run."""
    matcher = SequenceMatcher(None, text, quote, autojunk=False)
    block = matcher.find_longest_match(0, len(text), 0, len(quote))
    start = max(0, block.a - block.b)
    passage = text[start : start + len(quote)]
    differs_at = next(
        (i for i, (a, b) in enumerate(zip(passage, quote)) if a != b), min(len(passage), len(quote))
    )
    return Miss(
        passage=passage,
        line=text.count("\n", 0, start) + 1,
        differs_at=differs_at,
        source_char=passage[differs_at : differs_at + 1],
        quote_char=quote[differs_at : differs_at + 1],
    )
