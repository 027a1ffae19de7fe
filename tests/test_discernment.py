"""Discernment per technique: every option offered is a yes/no decision; hits, misses, false alarms and
correct rejections; d′ and bias with the log-linear correction; confusions; `quiz stats`."""

import json
import random
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.discernment import Counts, by_item, confusions
from quiz.domain.progress import AnswerRecord, Progress
from quiz.domain.scoring import score
from quiz.domain.stats import learner_stats
from quiz.stats_text import in_words
from quiz.storage.progress_file import save_progress
from tests.conftest import MINI

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def decisions(question, answer) -> list[tuple[str, bool, bool]]:
    """The definition, one decision at a time: (item, was it there, did the learner say so), one per
    option offered or per word of a find passage; quiz.domain.discernment counts them without a list."""
    if question.marks_words:
        key, marked = question.key_words(), set(answer.words)
        return [(question.technique, i in key, i in marked) for i in range(len(question.words()))]
    right, chosen, item = question.correct(), set(answer.choice), question.option_skill
    return [(item or key, key in right, key in chosen) for key in question.option_keys()]


def counts_of(listed: list[tuple[str, bool, bool]]) -> Counts:
    kinds = Counter((signal, chosen) for _, signal, chosen in listed)
    return Counts(kinds[True, True], kinds[True, False], kinds[False, True], kinds[False, False])


def record(question, choice=(), words=(), n=0, quiz="q", confidence=None) -> AnswerRecord:
    return AnswerRecord(question_id=question.id, quiz_id=quiz, answered_at=T0 + timedelta(minutes=n),
                        choice=[k for k in question.option_keys() if k in set(choice)], words=sorted(words),
                        score=score(question, choice, words), confidence=confidence)


def test_a_technique_not_ticked_is_a_miss_never_credit(mini):
    """The issue's example: an all-that-apply answer with one right technique missed and one wrong
    ticked. The question scores 0 (1/2 hits - 1/2 false alarms), and the missed technique is a miss."""
    question = mini.questions["reply-all-apply"]  # right: doubt, ad_hominem; wrong: appeal_to_fear, bandwagon
    answer = record(question, ["doubt", "appeal_to_fear"])
    counts = by_item(mini, [answer])
    assert counts["doubt"] == Counts(hits=1)
    assert counts["ad_hominem"] == Counts(misses=1), "no credit for the technique not ticked"
    assert counts["appeal_to_fear"] == Counts(false_alarms=1)
    assert counts["bandwagon"] == Counts(correct_rejections=1)


def test_calling_everything_one_label_costs_that_label(mini):
    """A learner who answers Bandwagon to everything collects false alarms on Bandwagon."""
    answers = [record(q, ["bandwagon"], n=n) for n, q in enumerate(mini.questions.values())
               if "bandwagon" in q.option_keys()]
    bandwagon = by_item(mini, answers)["bandwagon"]
    assert bandwagon.false_alarms == len(answers) and bandwagon.hits == 0
    assert bandwagon.false_alarm_rate == 1.0


def test_d_prime_and_bias_computed_by_hand():
    """Hits 8 of 10, false alarms 1 of 12. Log-linear: H = 8.5/11 = 0.772727, F = 1.5/13 = 0.115385;
    z(H) = 0.747859, z(F) = -1.198380 (normal quantiles); d′ = 0.747859 + 1.198380 = 1.946239;
    c = -(0.747859 - 1.198380) / 2 = 0.225261."""
    counts = Counts(hits=8, misses=2, false_alarms=1, correct_rejections=11)
    assert counts.hit_rate == 0.8 and counts.false_alarm_rate == pytest.approx(1 / 12)
    assert counts.d_prime == pytest.approx(1.946239, abs=1e-5)
    assert counts.bias == pytest.approx(0.225261, abs=1e-5)
    assert in_words(counts) == "spots it 8 of 10 times; sees it where it is not 1 time in 12; d′ 1.9, told apart well"


def test_rates_are_none_until_both_kinds_of_trial_happen():
    only_signals = Counts(hits=3, misses=1)
    assert only_signals.false_alarm_rate is None and only_signals.d_prime is None
    assert in_words(only_signals) == "spots it 3 of 4 times"


option_answers = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 2**10)), min_size=1, max_size=40)


def _answer_at_random(bank, draws):
    questions = [q for q in bank.questions.values() if not q.marks_words]
    answers = []
    for n, (pick, mask) in enumerate(draws):
        question = questions[pick % len(questions)]
        keys = question.option_keys()
        chosen = [k for i, k in enumerate(keys) if mask >> i & 1] if question.multiple else [keys[mask % len(keys)]]
        if chosen:
            answers.append(record(question, chosen, n=n))
    return answers


@settings(max_examples=60, deadline=None)
@given(draws=option_answers, seed=st.integers())
def test_counts_add_up_to_the_options_offered_whatever_the_order(bundled, draws, seed):
    answers = _answer_at_random(bundled, draws)
    counts = by_item(bundled, answers)
    offered_right = sum(len(bundled.questions[a.question_id].correct()) for a in answers)
    offered = sum(len(bundled.questions[a.question_id].option_keys()) for a in answers)
    total = sum(counts.values(), Counts())
    assert total.hits + total.misses == offered_right
    assert total.false_alarms + total.correct_rejections == offered - offered_right
    shuffled = answers[:]
    random.Random(seed).shuffle(shuffled)
    assert by_item(bundled, shuffled) == counts
    assert by_item(bundled, shuffled, recent=5) == by_item(bundled, answers, recent=5)


@settings(max_examples=60, deadline=None)
@given(draws=option_answers, marks=st.lists(st.tuples(st.integers(0, 10_000), st.sets(st.integers(0, 200))),
                                            max_size=12))
def test_counts_over_every_answer_are_every_decision_counted_one_by_one(bundled, draws, marks):
    """by_item, which counts per question how often each option was chosen (and each word marked), is
    the definition applied to each answer and summed, for every kind of question, with marks beyond
    the passage too; and so is each of its two halves, options and words."""
    finds = [q for q in bundled.questions.values() if q.marks_words]
    answers = _answer_at_random(bundled, draws) + [record(finds[pick % len(finds)], words=marked, n=n)
                                                   for n, (pick, marked) in enumerate(marks)]
    for words in (None, False, True):
        listed: dict[str, list] = {}
        for answer in answers:
            question = bundled.questions[answer.question_id]
            if words is None or question.marks_words == words:
                for decision in decisions(question, answer):
                    listed.setdefault(decision[0], []).append(decision)
        assert by_item(bundled, answers, words=words) == {item: counts_of(d) for item, d in listed.items()}


def test_ticking_everything_shows_no_discernment(bundled):
    answers = [record(q, q.option_keys(), n=n) for n, q in enumerate(bundled.select(kind="techniques"))]
    for counts in by_item(bundled, answers).values():
        if counts.signals and counts.noises:
            assert counts.hit_rate == 1.0 and counts.false_alarm_rate == 1.0 and counts.d_prime == 0.0


def test_answering_at_random_gives_d_prime_near_zero(bundled):
    rng = random.Random(11)
    questions = bundled.select(kind="techniques")
    answers = []
    for n in range(3000):
        question = rng.choice(questions)
        chosen = [k for k in question.option_keys() if rng.random() < 0.5] or question.option_keys()[:1]
        answers.append(record(question, chosen, n=n))
    total = sum(by_item(bundled, answers).values(), Counts())
    assert abs(total.d_prime) < 0.1


def test_find_counts_each_word_as_a_decision(mini_more):
    question = mini_more.questions["letter-find-label"]
    key = sorted(question.key_words())  # "a puppet of the builders": 5 words
    marked = key[1:3] + [0]  # "puppet of" and "Everyone"
    (decided,) = [by_item(mini_more, [record(question, words=marked)])["name_calling"]]
    total_words = len(question.words())
    assert decided == Counts(hits=2, misses=3, false_alarms=1, correct_rejections=total_words - 6)
    assert len(decisions(question, record(question, words=marked))) == total_words


def test_confusions_count_the_technique_named_instead(mini):
    question = mini.questions["letter-puppet"]  # answer: name_calling
    pair = mini.questions["pair-everyone"]  # answer: exaggeration
    answers = [record(question, ["bandwagon"], n=0), record(question, ["bandwagon"], n=1),
               record(pair, ["bandwagon"], n=2), record(question, ["name_calling"], n=3)]
    found = [(c.answer, c.chosen, c.count) for c in confusions(mini, answers)]
    assert found == [("name_calling", "bandwagon", 2), ("exaggeration", "bandwagon", 1)]


def test_a_choice_the_question_no_longer_offers_counts_for_nothing(mini):
    """An answer saved before its question was edited may name an option that is gone: it was no
    decision about anything the question now offers, so it is neither a confusion nor a false alarm."""
    question = mini.questions["letter-puppet"]  # answer: name_calling
    stale = AnswerRecord(question_id=question.id, quiz_id="q", answered_at=T0, choice=["gone", "bandwagon"],
                         score=0.0)
    assert [(c.answer, c.chosen, c.count) for c in confusions(mini, [stale])] == [
        ("name_calling", "bandwagon", 1)]
    assert "gone" not in by_item(mini, [stale])
    assert by_item(mini, [stale]) == by_item(mini, [record(question, ["bandwagon"])])


def test_practise_my_confusions_alternates_the_techniques_confused(bundled, tmp_path):
    from quiz.learner import Learner
    from quiz.menu import quiz_menu
    from tests.conftest import Clock

    learner = Learner.open(bundled, tmp_path / "p.toml", clock=Clock())
    loaded = next(q for q in bundled.select(kind="technique") if q.correct() == {"loaded_language"}
                  and "name_calling" in q.option_keys())
    learner.progress.answers.append(record(loaded, ["name_calling"]))
    entry = next(e for e in quiz_menu(learner, seed=3) if e.key == "confusions")
    assert entry.label == "Practise my confusions: Loaded language · Name calling or labelling"
    ids = entry.selection.choose(bundled)
    keyed = [("loaded_language" in bundled.questions[i].correct()) for i in ids]
    assert ids and all(set(bundled.questions[i].correct()) & {"loaded_language", "name_calling"} for i in ids)
    alternations = sum(a != b for a, b in zip(keyed, keyed[1:]))
    assert alternations >= min(keyed.count(True), keyed.count(False)) * 2 - 1, "interleaved, not blocked"
    learner.close()


def _overuser(bank) -> Progress:
    """A learner who answers Bandwagon whenever it is offered, and the right answer otherwise."""
    answers = []
    for n, question in enumerate(q for q in bank.questions.values() if not q.marks_words):
        chosen = ["bandwagon"] if "bandwagon" in question.option_keys() else sorted(question.correct())
        answers.append(record(question, chosen[:1] if not question.multiple else chosen, n=n))
    return Progress(answers=answers)


def test_quiz_stats_prints_words_and_json(mini, tmp_path):
    progress = tmp_path / "learner.toml"
    save_progress(progress, _overuser(mini))
    base = [sys.executable, "-m", "quiz", "stats", "--bank", str(MINI), "--progress", str(progress)]
    text = subprocess.run(base, capture_output=True, text=True, timeout=60)
    assert text.returncode == 0, text.stderr
    assert "Bandwagon: sees it where it is not 3 times in 3" in text.stdout
    assert "You chose Bandwagon when the answer was" in text.stdout
    data = json.loads(subprocess.run(base + ["--json"], capture_output=True, text=True, timeout=60).stdout)
    bandwagon = next(t for t in data["techniques"] if t["id"] == "bandwagon")
    assert (bandwagon["hits"], bandwagon["misses"], bandwagon["false_alarms"],
            bandwagon["correct_rejections"], bandwagon["d_prime"]) == (0, 0, 3, 0, None)
    assert {"answer": "name_calling", "chosen": "bandwagon", "count": 1} in data["confusions"]
    assert set(data["due"]) >= {"now", "tomorrow", "this_week"}
    assert data["unsupported"]["hits"] + data["unsupported"]["misses"] == 1
    assert set(data["calibration"]) == {"sure", "sure_right", "unsure", "unsure_right"}


def test_stats_for_a_learner_are_one_computation_for_every_interface(mini_more):
    stats = learner_stats(mini_more, _overuser(mini_more), T0)
    assert [line.id for line in stats.techniques] == sorted(
        (line.id for line in stats.techniques), key=lambda t: mini_more.techniques[t].name)
    assert stats.unsupported is not None and stats.sources is not None


@settings(max_examples=60, deadline=None)
@given(draws=option_answers)
def test_counting_per_answer_is_counting_every_decision(mini_more, draws):
    """answer_counts (what by_item sums) agrees with listing the decisions one by one."""
    from quiz.domain.discernment import answer_counts

    answers = _answer_at_random(mini_more, draws)
    find = mini_more.questions["letter-find-label"]
    answers.append(record(find, words=[0, 3, 28, 29]))
    for answer in answers:
        question = mini_more.questions[answer.question_id]
        listed: dict[str, list] = {}
        for decision in decisions(question, answer):
            listed.setdefault(decision[0], []).append(decision)
        assert answer_counts(question, answer) == {item: counts_of(d) for item, d in listed.items()}


def test_marked_words_are_said_apart_from_options(mini_more):
    """In words, "times" counts options; the words of find passages are counted as words, with their
    own d′: pooled, a passage's many words would outweigh the options."""
    from quiz.stats_text import technique_line

    question = mini_more.questions["letter-find-label"]
    puppet = mini_more.questions["letter-puppet"]
    key = sorted(question.key_words())
    progress = Progress(answers=[record(question, words=key, n=0), record(puppet, ["name_calling"], n=1)])
    (line,) = [t for t in learner_stats(mini_more, progress, T0).techniques if t.id == "name_calling"]
    assert len(question.words()) == 37
    # By hand, log-linear: H = (5 + 0.5) / (5 + 1), F = (0 + 0.5) / (32 + 1); z(H) - z(F) = 3.549.
    assert technique_line(line) == (
        "Name calling or labelling: spots it 1 of 1 time; in passages, marks 5 of its 5 words and 0 of "
        "32 other words (d′ 3.5).")
    assert (line.counts.hits, line.counts.signals, line.words.hits) == (1, 1, 5)


def test_an_over_user_of_one_label_is_not_rescued_by_good_marking(bundled):
    """The issue's case: Bandwagon chosen wherever it is offered, and Bandwagon's find passage marked
    perfectly. The options' d′ for Bandwagon still shows no discernment; the marking is credited apart."""
    bandwagon = [record(q, ["bandwagon"], n=n) for n, q in enumerate(bundled.questions.values())
                 if "bandwagon" in q.option_keys() and not q.multiple]
    find = bundled.questions["c97-find-whole-country"]
    assert find.technique == "bandwagon"
    marked = record(find, words=find.key_words() & find.scored_words(), n=len(bandwagon))
    assert marked.score == 1.0
    line = next(t for t in learner_stats(bundled, Progress(answers=[*bandwagon, marked]), T0).techniques
                if t.id == "bandwagon")
    assert line.counts.false_alarm_rate == 1.0 and line.counts.hit_rate == 1.0
    assert line.counts.hits == 2, "Bandwagon is the right answer of two single-answer questions"
    assert line.counts.d_prime == 0.0, "choosing it everywhere tells nothing apart"
    assert line.words.d_prime > 2, "the marking is counted apart, as words"
