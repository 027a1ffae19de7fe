"""Finding quotes in their source text, and saying in words how a quote that is not there differs.

A quote matches when its words occur in the source in the same order, character for character, with any
run of whitespace in the quote standing for any run of whitespace in the source (spaces, line breaks,
tabs, non-breaking spaces): sources pasted from web pages are hard-wrapped, and a teacher types a space
where the text breaks a line. The recorded span is the real one in the source, so highlighting covers
exactly the source's characters.

When a quote is not found, the closest passage is found by alignment (rapidfuzz's
`partial_ratio_alignment`, then a word-by-word comparison), shown from its true start, and every
difference is named in words: "the source has 'already' after 'knows'", "the quote adds 'really'",
and the differences that cannot be seen (curly against straight quotes, dash lengths, zero-width
characters, accents stored composed or decomposed).
"""

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

_WORD = re.compile(r"\S+")
_NEWLINE = re.compile("\n")
MAX_DIFFERENCES = 3
"""Differences named in one hint; a quote with more is better copied again than mended."""


class Span(NamedTuple):
    """Where a quote sits in its source: character offsets [start, end) and the 1-based line of start.

    A named tuple rather than a dataclass: a bank of 50,000 questions makes 90,000 of them."""

    start: int
    end: int
    line: int


def _pattern(quote: str) -> re.Pattern[str] | None:
    """The quote's words joined by "any run of whitespace"; None for a quote of whitespace only."""
    words = quote.split()
    return re.compile(r"\s+".join(map(re.escape, words))) if words else None


@lru_cache(maxsize=256)
def _line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` begins, computed once per source text."""
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, bisect_right(_line_starts(text), start))


def find_quote(text: str, quote: str) -> Span | None:
    """The first place `quote` occurs in `text`, whitespace runs matching any whitespace run; or None."""
    if not quote.strip():
        return None
    start = text.find(quote)
    if start >= 0:
        return _span(text, start, start + len(quote))
    match = _pattern(quote).search(text)
    return _span(text, match.start(), match.end()) if match else None


def find_all(text: str, quote: str) -> list[Span]:
    """Every place `quote` occurs in `text`, as `find_quote` matches it (a repeated line is
    highlighted everywhere, overlapping occurrences included)."""
    pattern = _pattern(quote)
    spans: list[Span] = []
    match = pattern.search(text) if pattern else None
    while match:
        spans.append(_span(text, match.start(), match.end()))
        match = pattern.search(text, match.start() + 1)
    return spans


@dataclass(frozen=True)
class Miss:
    """The passage of the source closest to a quote that is not in it, and how the two differ."""

    passage: str
    """The closest passage, verbatim from the source (empty when nothing is close)."""
    line: int
    start: int
    end: int
    differences: tuple[str, ...]
    """Each difference in words, in reading order."""

    @property
    def close(self) -> bool:
        return bool(self.passage)

    def describe(self) -> str:
        if not self.close:
            return "no passage of the source is close to it: copy the quote again from the text"
        shown = " ".join(self.passage.split())
        if len(shown) > 160:
            shown = f"{shown[:100]} … {shown[-50:]}"
        named = list(self.differences[:MAX_DIFFERENCES])
        if len(self.differences) > MAX_DIFFERENCES:
            extra = len(self.differences) - MAX_DIFFERENCES
            named.append(f"and {extra} more difference{'s' if extra > 1 else ''}")
        return f"the closest passage (source line {self.line}) is {shown!r}: {'; '.join(named)}"


def closest_passage(text: str, quote: str) -> Miss:
    """The passage of `text` that best lines up with `quote`, from its true start, with each difference."""
    from rapidfuzz.fuzz import partial_ratio_alignment  # only a missed quote pays for the import

    words = quote.split()
    if not words or not text.strip():
        return Miss("", 1, 0, 0, ())
    joined = " ".join(words)
    if len(joined) < len(text):
        found = partial_ratio_alignment(joined, text)
        pad = max(20, len(joined) // 3)
        # The alignment may cover less than the quote (its best-scoring part): look a whole quote's
        # length either way of it, and a margin for the words the quote left out.
        low = max(0, min(found.dest_start, found.dest_end - len(joined)) - pad)
        high = min(len(text), max(found.dest_end, found.dest_start + len(joined)) + pad)
    else:
        low, high = 0, len(text)
    source = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, low, high)]
    # A region cut mid-word would offer a fragment as a word: widen it to whole words.
    if source and source[0][1] == low and low > 0 and not text[low - 1].isspace():
        source.pop(0)
    if source and source[-1][2] == high and high < len(text) and not text[high].isspace():
        source.pop()
    aligned = _align([w for w, _, _ in source], words)
    if aligned is None:
        return Miss("", 1, 0, 0, ())
    first, last, start_cut, end_cut, operations = aligned
    start = source[first][1] + start_cut
    end = source[last][2] - end_cut
    differences = tuple(_describe(op, [w for w, _, _ in source], words, i1, i2, j1, j2)
                        for op, i1, i2, j1, j2 in operations)
    return Miss(text[start:end], text.count("\n", 0, start) + 1, start, end, differences)


def _align(source: list[str], quote: list[str]):
    """Where `quote`'s words line up in `source`'s: (first and last source word, characters to cut
    from the first word's start and the last word's end, the differing operations); None when the
    passage found is not close (fewer than half the quote's words in order, and few letters alike)."""
    from rapidfuzz.fuzz import ratio

    operations = SequenceMatcher(None, source, quote, autojunk=False).get_opcodes()
    matched = sum(j2 - j1 for op, _, _, j1, j2 in operations if op == "equal")
    # Source words before the quote's first word and after its last are not part of the passage.
    while operations and operations[0][0] == "delete":
        operations.pop(0)
    while operations and operations[-1][0] == "delete":
        operations.pop()
    if not operations:
        return None
    if len(operations) == 1 and operations[0][0] == "replace":  # no word alike: the likeliest run
        _, i1, i2, j1, j2 = operations[0]
        size = min(j2 - j1, i2 - i1)
        best = max(range(i1, i2 - size + 1),
                   key=lambda i: ratio(" ".join(source[i:i + size]), " ".join(quote)))
        operations[0] = ("replace", best, best + size, j1, j2)
    else:  # keep the source words next to the match
        op, i1, i2, j1, j2 = operations[0]
        if op == "replace" and i2 - i1 > j2 - j1:
            operations[0] = (op, i2 - (j2 - j1), i2, j1, j2)
        op, i1, i2, j1, j2 = operations[-1]
        if op == "replace" and i2 - i1 > j2 - j1:
            operations[-1] = (op, i1, i1 + (j2 - j1), j1, j2)
    passage = " ".join(source[operations[0][1]:operations[-1][2]])
    if matched * 2 < len(quote) and ratio(passage, " ".join(quote)) < 60:
        return None
    first, last = operations[0][1], operations[-1][2] - 1
    # A quote may start or stop inside a word of the source: "disaster" in "disaster.".
    start_cut = end_cut = 0
    op, i1, i2, j1, j2 = operations[0]
    if op == "replace" and i2 - i1 == 1 and j2 - j1 >= 1 and source[i1].endswith(quote[j1]) \
            and source[i1] != quote[j1]:
        start_cut = len(source[i1]) - len(quote[j1])
        operations[0] = ("equal", i1, i1 + 1, j1, j1 + 1)
        if j2 - j1 > 1:
            operations.insert(1, ("insert", i1 + 1, i1 + 1, j1 + 1, j2))
    op, i1, i2, j1, j2 = operations[-1]
    if op == "replace" and i2 - i1 == 1 and source[i2 - 1].startswith(quote[j2 - 1]) \
            and source[i2 - 1] != quote[j2 - 1]:
        end_cut = len(source[i2 - 1]) - len(quote[j2 - 1])
        operations[-1] = ("equal", i2 - 1, i2, j2 - 1, j2)
        if j2 - j1 > 1:
            operations.insert(len(operations) - 1, ("insert", i1, i1, j1, j2 - 1))
    return first, last, start_cut, end_cut, [o for o in operations if o[0] != "equal"]


def _words(words: list[str]) -> str:
    shown = " ".join(words)
    return repr(shown if len(shown) <= 60 else shown[:57] + "...")


def _describe(op: str, source: list[str], quote: list[str], i1: int, i2: int, j1: int, j2: int) -> str:
    where = f"after {quote[j1 - 1]!r}" if j1 > 0 else f"before {quote[j2] if j2 < len(quote) else ''!r}"
    if op == "delete":
        return f"the source has {_words(source[i1:i2])} {where}, which the quote leaves out"
    if op == "insert":
        return f"the quote adds {_words(quote[j1:j2])} {where}"
    return (_unseen(" ".join(source[i1:i2]), " ".join(quote[j1:j2]))
            or f"the source has {_words(source[i1:i2])} where the quote has {_words(quote[j1:j2])}")


_NAMES = {
    '"': 'a straight double quote (")',
    "'": "a straight apostrophe (')",
    "“": "a curly opening quote (“)",
    "”": "a curly closing quote (”)",
    "„": "a low opening quote („)",
    "‘": "a curly opening single quote (‘)",
    "’": "a curly apostrophe (’)",
    "«": "an opening guillemet («)",
    "»": "a closing guillemet (»)",
    "`": "a backtick (`)",
    "-": "a hyphen (-)",
    "‐": "a Unicode hyphen (U+2010)",
    "‑": "a non-breaking hyphen (U+2011)",
    "‒": "a figure dash (U+2012)",
    "–": "an en dash (–)",
    "—": "an em dash (—)",
    "―": "a horizontal bar (U+2015)",
    "−": "a minus sign (−)",
    "…": "an ellipsis character (…)",
    "...": "three full stops (...)",
    "\u200b": "an invisible zero-width space (U+200B)",
    "\u200c": "an invisible zero-width non-joiner (U+200C)",
    "\u200d": "an invisible zero-width joiner (U+200D)",
    "\u2060": "an invisible word joiner (U+2060)",
    "\ufeff": "an invisible zero-width no-break space (U+FEFF)",
    "\u00ad": "an invisible soft hyphen (U+00AD)",
}
"""Characters that look alike or cannot be seen, named so that the author knows what to retype."""


def _unseen(source: str, quote: str) -> str | None:
    """The difference between two runs of words that look (nearly) the same, named; None otherwise."""
    nfc_source, nfc_quote = unicodedata.normalize("NFC", source), unicodedata.normalize("NFC", quote)
    if nfc_source == nfc_quote:
        decomposed = "the quote" if quote != nfc_quote else "the source"
        return (f"{source!r} looks the same in both, but {decomposed} stores its accented letters "
                "decomposed (Unicode NFD: a letter, then a combining accent) and the other composed "
                "(NFC: one character); copy the word from the source")
    named = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, nfc_source, nfc_quote, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        ours, theirs = nfc_source[i1:i2], nfc_quote[j1:j2]
        if any(part and part not in _NAMES and not all(c in _NAMES for c in part) for part in (ours, theirs)):
            return None
        word = f" in {source!r}" if len(source) > len(ours) else ""
        if ours and theirs:
            named.append(f"the source has {_name(ours)}{word} where the quote has {_name(theirs)}")
        elif ours:
            named.append(f"the source has {_name(ours)}{word} that the quote lacks")
        else:
            named.append(f"the quote has {_name(theirs)}{word} that the source lacks")
    return "; ".join(named) or None


def _name(characters: str) -> str:
    if characters in _NAMES:
        return _NAMES[characters]
    return " and ".join(_NAMES[c] for c in characters)
