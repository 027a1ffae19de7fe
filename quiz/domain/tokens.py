"""The words of a passage, as a learner marks them in a "find it in the text" question.

A word is a run of letters and digits, with the apostrophes, hyphens and inner stops that hold one
together ("Putin's", "power-hungry", "U.S", "1,000"). Punctuation and dashes between words belong to
no word: a learner marks words, and a key span is scored by the words it covers, so where a span starts
or ends among spaces and punctuation does not matter, but a span that cuts a word in two is a mistake.
"""

import re
from functools import lru_cache
from typing import NamedTuple

_WORD = re.compile(r"\w+(?:[’'‑.,\-]\w+)*")

FUNCTION_WORDS = frozenset({"a", "an", "the", "this", "that", "these", "those", "to", "of"})
"""Words that carry no technique by themselves, left out when marks are scored: a learner who marks
"criminal" where the key is "this criminal" has found it. (Reading-comprehension scoring such as SQuAD's
drops articles the same way.)"""


class Word(NamedTuple):
    """One word of a passage: its text and where it sits, as character offsets [start, end)."""

    text: str
    start: int
    end: int


def counted(words_: list[Word]) -> frozenset[int]:
    """Indices of the words that count in scoring: all but FUNCTION_WORDS (all, if that leaves none)."""
    kept = frozenset(i for i, word in enumerate(words_) if word.text.lower() not in FUNCTION_WORDS)
    return kept or frozenset(range(len(words_)))


def words(passage: str) -> list[Word]:
    return list(_words(passage))


@lru_cache(maxsize=4096)
def _words(passage: str) -> tuple[Word, ...]:
    """A passage's words, split once: the app, plain mode and the checker ask for the same passages
    again and again (a word cursor moves, a key span is looked up, a report counts every answer)."""
    return tuple(Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(passage))


def bounds(passage: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words `words` finds, without building a Word for each: the bank
    checker splits every find passage of a bank that may hold thousands."""
    return [m.span() for m in _WORD.finditer(passage)]


def covering(passage: str, start: int, end: int) -> list[int]:
    """Indices of the words of `passage` that overlap the characters [start, end)."""
    return [i for i, word in enumerate(_words(passage)) if word.start < end and word.end > start]


def covered(passage: str, quote: str) -> list[int]:
    """Indices of the words covered by every occurrence of `quote` in `passage` (none if it is absent)."""
    found, start = [], passage.find(quote) if quote else -1
    while start >= 0:
        found += covering(passage, start, start + len(quote))
        start = passage.find(quote, start + 1)
    return sorted(set(found))


def cuts_a_word(passage: str, start: int, end: int) -> Word | None:
    """The first word that [start, end) begins or ends inside of, if any: spans must cover whole words."""
    return next((w for w in _words(passage)
                 if w.start < start < w.end or w.start < end < w.end), None)
