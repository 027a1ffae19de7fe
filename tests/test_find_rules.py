"""The find question's rules, checked against the word helpers they must agree with."""

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.models import FindQuestion, WrongMark
from quiz.domain.rules import _check_find
from quiz.domain.tokens import covered, cuts_a_word, words

TECHNIQUES = {"name_calling": object()}


def reference(question: FindQuestion) -> list[str]:
    """What the rules must find, written with quiz.domain.tokens' helpers one call at a time."""
    found = []
    passage = question.passage
    runs = [(span, "key span") for span in question.spans]
    runs += [(w.quote, "wrong mark") for w in question.wrong_marks]
    for run, what in runs:
        start = passage.find(run)
        if start < 0:
            found.append(f"{what} not in passage")
            continue
        if cut := cuts_a_word(passage, start, start + len(run)):
            found.append(f"{what} cuts {cut.text}")
    key = question.key_words()
    for wrong in question.wrong_marks:
        marked = covered(passage, wrong.quote)
        if marked and set(marked) <= key:
            found.append("wrong mark inside key")
    if key and len(key) * 2 > len(words(passage)):
        found.append("key too large")
    return found


def summary(question: FindQuestion) -> list[str]:
    out = []
    for finding in _check_find(question, TECHNIQUES):
        message = finding.message
        if "is not in the passage" in message:
            out.append(("key span" if message.startswith("key span") else "wrong mark") + " not in passage")
        elif "cuts the word" in message:
            what = "key span" if message.startswith("key span") else "wrong mark"
            out.append(f"{what} cuts {message.split('cuts the word ')[1].split(' in two')[0][1:-1]}")
        elif "lies inside a key span" in message:
            out.append("wrong mark inside key")
        elif "the key spans cover" in message:
            out.append("key too large")
    return out


WORDS = st.sampled_from(["the", "mayor", "a", "puppet", "of", "builders", "says", "all", "is", "well",
                         "Putin's", "power-hungry", "U.S", "1,000", "—", ",", "."])


@st.composite
def find_questions(draw):
    passage = " ".join(draw(st.lists(WORDS, min_size=3, max_size=25)))

    def run():
        start = draw(st.integers(0, len(passage) - 1))
        end = draw(st.integers(start + 1, min(len(passage), start + 30)))
        return draw(st.sampled_from([passage[start:end], passage[start:end].strip() or "x", "absent words"]))

    spans = [run() for _ in range(draw(st.integers(1, 3)))]
    wrong = [WrongMark.model_construct(quote=run(), feedback="f") for _ in range(draw(st.integers(0, 3)))]
    return FindQuestion.model_construct(id="f", kind="find", source="s", passage=passage,
                                        technique="name_calling", spans=spans, wrong_marks=wrong, prompt="p",
                                        explanation="e", difficulty=1)


@settings(max_examples=300)
@given(find_questions())
def test_the_find_rules_agree_with_the_word_helpers(question):
    assert summary(question) == reference(question)


@settings(max_examples=300, deadline=None)
@given(passage=st.text(st.sampled_from("ab’'-.,  \n1"), max_size=40), data=st.data())
def test_words_under_a_run_are_found_as_a_scan_of_every_word_finds_them(passage, data):
    """`covering` and `cuts_a_word` find words by bisection; a plain scan of `words` is the definition."""
    from quiz.domain.tokens import covering

    start = data.draw(st.integers(0, len(passage)))
    end = data.draw(st.integers(start, len(passage)))
    every = words(passage)
    assert covering(passage, start, end) == [i for i, w in enumerate(every) if w.start < end and w.end > start]
    assert cuts_a_word(passage, start, end) == next(
        (w for w in every if w.start < start < w.end or w.start < end < w.end), None)
