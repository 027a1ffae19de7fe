"""Quotes match the way teachers paste them, and a quote that is not there is explained in words."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.anchoring import closest_passage, find_all, find_quote

WHITESPACE = st.text(alphabet=" \t\n\u00a0\u2009\u202f", min_size=1, max_size=3)
WORD = st.text(alphabet=string.ascii_letters + "’“”,.-–", min_size=1, max_size=8)


@st.composite
def text_and_quote(draw):
    """A text of words with any whitespace between them, a run of its words, and that run as a
    teacher might type it: the same words with other whitespace between them."""
    words = draw(st.lists(WORD, min_size=2, max_size=30))
    gaps = draw(st.lists(WHITESPACE, min_size=len(words) - 1, max_size=len(words) - 1))
    text = words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:]))
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, len(words) - 1))
    typed = draw(st.lists(WHITESPACE, min_size=last - first, max_size=last - first))
    quote = words[first] + "".join(gap + word for gap, word in zip(typed, words[first + 1:last + 1]))
    return text, quote, words[first:last + 1]


@settings(max_examples=300)
@given(text_and_quote())
def test_any_run_of_whitespace_matches_any_run_and_the_span_is_the_sources(case):
    text, quote, words = case
    span = find_quote(text, quote)
    assert span is not None
    assert text[span.start:span.end].split() == words, "the span covers the source's own characters"
    assert span.line == text.count("\n", 0, span.start) + 1
    assert span in find_all(text, quote)


def test_a_hard_wrapped_source_matches_a_quote_typed_on_one_line():
    text = "Title\n\nEveryone in this town knows the new\nbridge is a\u00a0disaster.\tReally.\n"
    span = find_quote(text, "the new bridge is a disaster. Really.")
    assert text[span.start:span.end] == "the new\nbridge is a\u00a0disaster.\tReally."
    assert span.line == 3
    assert find_quote(text, "the new  bridge") is not None, "and the other way round"
    assert find_quote(text, "the newbridge") is None, "but whitespace never matches nothing"
    assert find_quote(text, " \n ") is None


def test_every_occurrence_is_found_for_highlighting():
    text = "A lie.\nA lie.\nA\nlie."
    assert [s.start for s in find_all(text, "A lie.")] == [0, 7, 14]


SOURCE = ("The river is wide here. He already knows the new river will flood the town this spring, "
          "they say, and nobody listens.\n")


def test_a_missing_word_is_named_and_the_passage_shown_from_its_true_start():
    """Every quote of 5 to 13 words of SOURCE with one word left out (819 of them): the passage is the
    whole run of source words, and the first difference names the word left out. (A sample drawn by
    hypothesis once found the one case that failed, in CI: the alignment covered part of the quote.)"""
    words = SOURCE.split()
    wrong = []
    for first in range(len(words) - 5):
        for last in range(first + 4, min(first + 12, len(words) - 1) + 1):
            for missing in range(first + 1, last):
                quote = " ".join(words[first:missing] + words[missing + 1:last + 1])
                miss = closest_passage(SOURCE, quote)
                if miss.passage.split() != words[first:last + 1] or miss.differences[0] != (
                        f"the source has {words[missing]!r} after {words[missing - 1]!r}, which the quote leaves out"):
                    wrong.append((quote, miss))
    assert wrong == []


def test_an_added_word_and_a_changed_word_are_named():
    miss = closest_passage(SOURCE, "He already knows the new river will really flood the town")
    assert miss.passage == "He already knows the new river will flood the town"
    assert miss.differences == ("the quote adds 'really' after 'will'",)
    miss = closest_passage(SOURCE, "He already knows the old river will flood the town")
    assert miss.differences == ("the source has 'new' where the quote has 'old'",)
    assert miss.describe().startswith("the closest passage (source line 1) is 'He already knows the new")


def test_a_quote_that_stops_inside_a_word_of_the_source_is_not_a_difference():
    miss = closest_passage("It is a disaster. It is.", "It iz a disast")
    assert miss.passage == "It is a disast"
    assert miss.differences == ("the source has 'is' where the quote has 'iz'",)


def test_differences_that_cannot_be_seen_are_named():
    cases = {
        ("He said “no” twice.", 'He said "no" twice.'):
            "the source has a curly opening quote (“) in '“no”' where the quote has a straight double quote (\")",
        ("Putin’s vassal", "Putin's vassal"):
            "the source has a curly apostrophe (’) in 'Putin’s' where the quote has a straight apostrophe (')",
        ("a show – indeed", "a show - indeed"): "the source has an en dash (–) where the quote has a hyphen (-)",
        ("a show — indeed", "a show – indeed"): "the source has an em dash (—) where the quote has an en dash (–)",
        ("the word is here", "the wo\u200drd is here"):
            "the quote has an invisible zero-width joiner (U+200D) in 'word' that the source lacks",
        ("the wo\u00adrd is here", "the word is here"):
            "the source has an invisible soft hyphen (U+00AD) in 'wo\\xadrd' that the quote lacks",
        ("Le café est fermé", "Le cafe\u0301 est fermé"):
            "'café' looks the same in both, but the quote stores its accented letters decomposed",
        ("wait…", "wait..."):
            "the source has an ellipsis character (…) in 'wait…' where the quote has three full stops",
    }
    for (text, quote), expected in cases.items():
        assert find_quote(text, quote) is None
        assert closest_passage(text, quote).differences[0].startswith(expected), (text, quote)


def test_a_non_breaking_space_is_no_difference_at_all():
    assert find_quote("a\u00a0show of force", "a show of force") is not None


def test_a_quote_like_nothing_in_the_source_says_so():
    miss = closest_passage(SOURCE, "Completely different words about a parliament and taxes")
    assert not miss.close
    assert miss.describe() == "no passage of the source is close to it: copy the quote again from the text"


def test_many_differences_are_summed_up():
    miss = closest_passage(SOURCE, "The rivers is wide there. She already knew the new river would flood")
    assert len(miss.differences) == 4
    assert miss.describe().endswith("; and 1 more difference")
