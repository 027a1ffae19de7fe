"""The words of a passage, as a learner marks them in a "find it in the text" question.

A word is a run of letters and digits, with the apostrophes, hyphens and inner stops that hold one
together ("Putin's", "power-hungry", "U.S", "1,000"). Punctuation and dashes between words belong to
no word: a learner marks words, and a key span is scored by the words it covers, so where a span starts
or ends among spaces and punctuation does not matter, but a span that cuts a word in two is a mistake.
"""

import re
from bisect import bisect_left, bisect_right
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


def count(passage: str) -> int:
    """How many words `passage` has."""
    return len(_edges(passage)[0])


@lru_cache(maxsize=4096)
def _edges(passage: str) -> tuple[list[int], list[int]]:
    """Where each word starts and where each ends, in order: the words a run of characters overlaps are
    found from these by bisection, without a Word for each (the bank checker looks up every key span of
    banks that may hold thousands of find questions)."""
    found = [m.span() for m in _WORD.finditer(passage)]
    return [start for start, _ in found], [end for _, end in found]


def covering(passage: str, start: int, end: int) -> list[int]:
    """Indices of the words of `passage` that overlap the characters [start, end)."""
    starts, ends = _edges(passage)
    return list(range(bisect_right(ends, start), bisect_left(starts, end)))


def covered(passage: str, quote: str) -> list[int]:
    """Indices of the words covered by every occurrence of `quote` in `passage` (none if it is absent)."""
    found, start = [], passage.find(quote) if quote else -1
    while start >= 0:
        found += covering(passage, start, start + len(quote))
        start = passage.find(quote, start + 1)
    return sorted(set(found))


def cuts_a_word(passage: str, start: int, end: int) -> Word | None:
    """The first word that [start, end) begins or ends inside of, if any: spans must cover whole words."""
    starts, ends = _edges(passage)
    inside = covering(passage, start, end)
    for index in inside[:1] + inside[-1:]:
        if starts[index] < start < ends[index] or starts[index] < end < ends[index]:
            return Word(passage[starts[index]:ends[index]], starts[index], ends[index])
    return None
