"""The bundled "find it in the text" and "source itself" questions keep the promises their kinds make.

Find: enough questions on each article, across many techniques; key spans are whole words of their
passage, sit inside it rather than at its edges, and are small enough that marking everything does not
pay; prompts say what to look for without giving the words away; explanations name them. Source: both
articles questioned, options whose length and place give nothing away, and source cards whose quoted
facts come from the articles themselves.
"""

import re
from collections import Counter

from quiz.domain.scoring import FIND_RIGHT, score_find
from quiz.domain.tokens import covered, cuts_a_word, words
from tests.test_bundled_bank import MINIMUM

LEAST_FIND = MINIMUM["find"]
LEAST_FIND_PER_ARTICLE, LEAST_TECHNIQUES = 6, 6
LEAST_SOURCE_PER_ARTICLE = 3
AT_THE_EDGE = 0.25
"""At most this share of find questions may start or end a key span at the passage's first or last word."""


def finds(bank):
    return [q for q in bank.questions.values() if q.kind == "find"]


def about_sources(bank):
    return [q for q in bank.questions.values() if q.kind == "source"]


def lowered_words(text: str) -> list[str]:
    return [w.text.lower() for w in words(text)]


def test_enough_find_questions_on_each_article_and_an_even_share(bundled):
    questions = finds(bundled)
    per_article = Counter(q.source for q in questions)
    assert len(questions) >= LEAST_FIND, len(questions)
    for source in bundled.sources:
        assert per_article[source] >= LEAST_FIND_PER_ARTICLE, per_article
        assert 0.4 <= per_article[source] / len(questions) <= 0.6, per_article


def test_find_questions_span_many_techniques_asked_on_both_articles(bundled):
    by_technique: dict[str, set[str]] = {}
    for q in finds(bundled):
        by_technique.setdefault(q.technique, set()).add(q.source)
    assert len(by_technique) >= LEAST_TECHNIQUES, sorted(by_technique)
    on_both = [t for t, sources in by_technique.items() if sources == set(bundled.sources)]
    assert len(on_both) >= LEAST_TECHNIQUES, by_technique


def test_every_key_span_covers_whole_words_inside_its_passage(bundled):
    for q in finds(bundled):
        for span in q.spans:
            start = q.passage.find(span)
            assert start >= 0, (q.id, span)
            assert cuts_a_word(q.passage, start, start + len(span)) is None, (q.id, span)
            assert covered(q.passage, span), (q.id, span)


def test_keys_rarely_sit_at_the_first_or_last_word_of_the_passage(bundled):
    at_edge = []
    for q in finds(bundled):
        key, last = q.key_words(), len(q.words()) - 1
        if min(key) == 0 or max(key) == last:
            at_edge.append(q.id)
    assert len(at_edge) <= AT_THE_EDGE * len(finds(bundled)), at_edge


def test_marking_the_whole_passage_scores_below_half(bundled):
    for q in finds(bundled):
        everything = range(len(q.words()))
        assert score_find(q.key_words(), everything) < 0.5, q.id


def test_the_key_scores_full_marks_and_no_tempting_wrong_mark_counts_as_right(bundled):
    for q in finds(bundled):
        assert score_find(q.key_words(), q.key_words()) == 1.0, q.id
        for wrong in q.wrong_marks:
            marked = covered(q.passage, wrong.quote)
            assert marked and score_find(q.key_words(), marked) < FIND_RIGHT, (q.id, wrong.quote)


def test_prompts_do_not_give_the_key_words_away(bundled):
    for q in finds(bundled):
        prompt = q.prompt.lower()
        for span in q.spans:
            assert span.lower() not in prompt, (q.id, span)
            if len(words(span)) == 1:
                assert lowered_words(span)[0] not in lowered_words(q.prompt), (q.id, span)


def test_interview_prompts_say_who_speaks(bundled):
    for q in finds(bundled):
        if q.source == "charter97":
            assert "Ablyazov" in q.prompt or "the site" in q.prompt, q.id


def test_explanations_name_the_key_words_and_the_question_to_ask(bundled):
    for q in finds(bundled):
        explained = set(lowered_words(q.explanation))
        for span in q.spans:
            assert set(lowered_words(span)) <= explained, (q.id, span)
        assert "?" in q.explanation, q.id


def test_each_article_has_easy_middling_and_hard_questions_of_both_kinds(bundled):
    for kind in ("find", "source"):
        for source in bundled.sources:
            levels = {q.difficulty for q in bundled.select(source=source, kind=kind)}
            assert levels == {1, 2, 3}, (kind, source, levels)


def test_source_questions_on_both_articles_with_feedback_on_every_wrong_option(bundled):
    questions = about_sources(bundled)
    per_article = Counter(q.source for q in questions)
    for source in bundled.sources:
        assert per_article[source] >= LEAST_SOURCE_PER_ARTICLE, per_article
    for q in questions:
        assert all(o.feedback for o in q.options if o.key != q.answer), q.id


def test_the_right_source_option_is_not_found_by_its_length_or_place(bundled):
    questions = about_sources(bundled)
    longest = sum(max(q.options, key=lambda o: len(o.text)).key == q.answer for q in questions)
    shortest = sum(min(q.options, key=lambda o: len(o.text)).key == q.answer for q in questions)
    places = Counter([o.key for o in q.options].index(q.answer) for q in questions)
    assert longest <= len(questions) / 4 and shortest <= len(questions) / 4, (longest, shortest)
    assert max(places.values()) <= len(questions) / 3, places


QUOTED = re.compile(r"(?<!\w)'(.+?)'(?!\w)")
"""A fragment in single quotes inside a source card's text: a quotation from the article."""


def test_both_source_cards_are_filled_and_quote_only_their_own_article(bundled):
    for source_id, source in bundled.sources.items():
        assert source.date_note and source.language and source.removed and source.about, source_id
        labels = [label for label, _ in source.card()]
        assert {"Date", "Language", "Not in this copy", "About the outlet"} <= set(labels), labels
        text = bundled.texts[source_id]
        for field in (source.date_note, source.language, source.removed, source.about):
            for fragment in QUOTED.findall(field):
                assert fragment in text, (source_id, fragment)
