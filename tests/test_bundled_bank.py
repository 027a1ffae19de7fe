"""The bundled bank meets the bar the product promises: size, balance, every kind for both articles,
difficulty spread, techniques that earn their place, and no warnings from `quiz check --strict`."""

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
