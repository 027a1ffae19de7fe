"""The bundled bank meets the bar the product promises: size, balance, every kind for both articles,
difficulty spread, techniques that earn their place, and no warnings from `quiz check --strict`."""

import re
from collections import Counter

from quiz.locations import bundled_bank
from quiz.storage.bank_files import load_bank

MINIMUM = {"technique": 40, "techniques": 10, "unsupported": 16, "pair": 8, "find": 16, "source": 6}


def test_no_errors_and_no_warnings():
    result = load_bank([bundled_bank()])
    assert result.problems == [], "\n".join(map(str, result.problems))


def test_size_and_every_kind_for_both_articles(bundled):
    assert len(bundled.questions) >= 80
    kinds = Counter(q.kind for q in bundled.questions.values())
    for kind, least in MINIMUM.items():
        assert kinds[kind] >= least, (kind, kinds[kind])
    for source in bundled.sources:
        assert {q.kind for q in bundled.select(source=source)} == set(MINIMUM), source


def test_each_article_has_between_40_and_60_percent_overall_and_per_kind(bundled):
    groups = {"all": list(bundled.questions.values())}
    for question in bundled.questions.values():
        groups.setdefault(question.kind, []).append(question)
    for name, questions in groups.items():
        counts = Counter(s for q in questions for s in q.source_ids())
        total = sum(counts.values())
        for source in bundled.sources:
            assert 0.4 <= counts[source] / total <= 0.6, (name, source, counts)


def test_difficulty_spread(bundled):
    levels = Counter(q.difficulty for q in bundled.questions.values())
    for level in (1, 2, 3):
        assert levels[level] / len(bundled.questions) >= 0.2, levels


def test_every_technique_is_the_answer_at_least_twice(bundled):
    answers = Counter(k for q in bundled.questions.values() if q.kind not in ("unsupported", "source") for k in q.correct())
    offered = {k for q in bundled.questions.values() if q.kind not in ("unsupported", "source") for k in q.option_keys()}
    assert offered == set(bundled.techniques), "every listed technique is offered, none unlisted"
    assert min(answers[t] for t in bundled.techniques) >= 2, answers


def test_unsupported_sentences_come_from_one_article_and_every_wrong_option_has_feedback(bundled):
    for question in bundled.questions.values():
        wrong = [k for k in question.option_keys() if k not in question.correct()]
        assert all(question.feedback_for(k) for k in wrong), question.id
        assert len(question.explanation.split()) >= 20, question.id
        if question.kind == "unsupported":
            assert 3 <= len(question.sentences) <= 5
            assert {p.source for p in question.quotes()} == {question.source}


def test_ids_say_which_article_a_question_quotes(bundled):
    prefixes = {"charter97": "c97-", "oneworld": "ow-"}
    for question in bundled.questions.values():
        sources = question.source_ids()
        expected = "pair-" if len(sources) == 2 else prefixes[sources[0]]
        assert question.id.startswith(expected), question.id


SUPPORT_LEVELS = ("Evidenced", "Attributed", "Hedged")
"""How a wrong sentence of an `unsupported` question is supported, on the content guide's scale."""

UNSUPPORTED_LEVELS = ("Bare.", "Hollow support.", "A hedge that still asserts.")
"""What is wrong with the answer: nothing behind it, a hollow 'said' or 'evidence', or a hedge that
still states the claim."""


def test_unsupported_questions_teach_the_scale_in_every_feedback_and_explanation(bundled):
    for question in bundled.select(kind="unsupported"):
        assert question.explanation.startswith(UNSUPPORTED_LEVELS), question.id
        for sentence in question.sentences:
            if sentence.key != question.answer:
                assert sentence.feedback.startswith(SUPPORT_LEVELS), (question.id, sentence.key)


def test_unsupported_answers_are_not_all_of_one_kind(bundled):
    """Bare claims, hollow support and hedges that still assert are all asked for, on both articles
    together, and the levels of support among the wrong sentences are all used."""
    answers = Counter(q.explanation.split(".")[0] + "." for q in bundled.select(kind="unsupported"))
    assert set(answers) == set(UNSUPPORTED_LEVELS) and min(answers.values()) >= 3, answers
    levels = Counter(re.match(r"\w+", s.feedback).group() for q in bundled.select(kind="unsupported")
                     for s in q.sentences if s.key != q.answer)
    assert set(levels) == set(SUPPORT_LEVELS) and min(levels.values()) >= 5, levels


BOUNDARIES = [("name_calling", "loaded_language"), ("bandwagon", "exaggeration"),
              ("ad_hominem", "mind_reading"), ("doubt", "innuendo")]
"""Neighbours learners confuse: each one's definition says where the line to the other runs."""


def test_each_boundary_is_written_into_both_definitions(bundled):
    def mentions(technique: str, other: str) -> bool:
        name = bundled.techniques[other].name.split(" (")[0].split(" or ")[0].lower()
        return name in bundled.techniques[technique].definition.lower()

    for one, other in BOUNDARIES:
        assert mentions(one, other) and mentions(other, one), (one, other)


INTENT_WORDS = re.compile(
    r"\bplants? (?:a|the|same|suspicion|doubt|hint)\b|\binsinuat|\bthe writer (?:wants|means|intends|hopes|tries)"
    r"|\b(?:Korybko|Ablyazov) (?:wants the reader|hopes the reader|tries to make)", re.IGNORECASE)
"""Wording that says what an author meant rather than what the text does."""


def test_the_quizs_own_words_describe_what_the_text_does_not_what_its_author_meant(bundled):
    for question in bundled.questions.values():
        own = [question.prompt, question.explanation,
               *(question.feedback_for(k) or "" for k in question.option_keys())]
        for text in own:
            assert not INTENT_WORDS.search(text), (question.id, INTENT_WORDS.search(text).group())
