"""Every number of the class report, computed by hand on a small class and compared with the report.

The class: four learners on three questions of the mini bank (letter-unsupported is left unanswered).

    letter-puppet    technique   options name_calling (right), bandwagon, appeal_to_fear
    reply-all-apply  techniques  options doubt, ad_hominem (both right), appeal_to_fear, bandwagon;
                                 score = hit rate − false-alarm rate, floored at 0
    pair-everyone    pair        options exaggeration (right), bandwagon, doubt

First answers and their scores:

    learner  letter-puppet         reply-all-apply                            pair-everyone
    ann      name_calling    1     doubt, ad_hominem                  1       exaggeration  1
    ben      name_calling    1     doubt               1/2 − 0/2   =  0.5     bandwagon     0
    cat      bandwagon       0     doubt, appeal_to_fear 1/2 − 1/2 =  0       exaggeration  1
    dan      bandwagon       0     ad_hominem, bandwagon, appeal_to_fear      doubt         0
                                   1/2 − 2/2 = −0.5, floored           0

ben then retakes pair-everyone and gets it right (a second answer: not a first answer), and ann has an
answer to a question no longer in the bank.
"""

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.discernment import Counts
from quiz.domain.progress import AnswerRecord, Progress
from quiz.domain.scoring import score
from quiz.report.model import build_report
from quiz.report.statistics import ItemStatistics, item_statistics
from quiz.report.text import render_text
from quiz.report.wording import percent, percent_1

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

CLASS = {
    "ann": [("letter-puppet", ["name_calling"]), ("reply-all-apply", ["doubt", "ad_hominem"]),
            ("pair-everyone", ["exaggeration"]), ("retired-question", ["doubt"])],
    "ben": [("letter-puppet", ["name_calling"]), ("reply-all-apply", ["doubt"]),
            ("pair-everyone", ["bandwagon"]), ("pair-everyone", ["exaggeration"])],
    "cat": [("letter-puppet", ["bandwagon"]), ("reply-all-apply", ["doubt", "appeal_to_fear"]),
            ("pair-everyone", ["exaggeration"])],
    "dan": [("letter-puppet", ["bandwagon"]), ("reply-all-apply", ["ad_hominem", "bandwagon", "appeal_to_fear"]),
            ("pair-everyone", ["doubt"])],
}


def progress_of(bank, answers, start=START, words=None) -> Progress:
    """A learner's progress: `answers` as (question id, options chosen), a minute apart, scored; the
    words marked in find questions by question id in `words`."""
    words = words or {}
    return Progress(answers=[
        AnswerRecord(question_id=qid, quiz_id="q1", answered_at=start + timedelta(minutes=n), choice=choice,
                     words=words.get(qid, []),
                     score=score(bank.questions[qid], choice, words.get(qid, ())) if qid in bank.questions else 1.0)
        for n, (qid, choice) in enumerate(answers)])


@pytest.fixture
def report(mini):
    # Given out of alphabetical order: the gradebook sorts by name.
    return build_report(mini, [(name, progress_of(mini, CLASS[name])) for name in ("dan", "ben", "ann", "cat")])


def test_scores_are_the_hand_worked_ones(mini):
    assert [score(mini.questions["reply-all-apply"], c) for c in
            (["doubt", "ad_hominem"], ["doubt"], ["doubt", "appeal_to_fear"],
             ["ad_hominem", "bandwagon", "appeal_to_fear"])] == [1.0, 0.5, 0.0, 0.0]


def test_gradebook(report):
    # Score: mean of first answers. ann (1 + 1 + 1)/3 = 100%; ben (1 + 0.5 + 0)/3 = 50% (his retake of
    # pair-everyone does not count); cat (0 + 0 + 1)/3 = 33.3%; dan 0%.
    # Answers: to the bank's questions, retakes included: ben 4; ann's retired question is not counted.
    # Last active: the learner's latest answer, whatever it was to: ann's 4th answer at 09:03.
    rows = {row.name: row for row in report.learners}
    assert [row.name for row in report.learners] == ["ann", "ben", "cat", "dan"]
    assert {name: (percent(r.score), r.answered, r.answers) for name, r in rows.items()} == {
        "ann": ("100%", 3, 3), "ben": ("50%", 3, 4), "cat": ("33%", 3, 3), "dan": ("0%", 3, 3)}
    assert rows["cat"].score == pytest.approx(1 / 3)
    assert rows["ann"].last_active == START + timedelta(minutes=3)
    assert rows["dan"].last_active == START + timedelta(minutes=2)
    assert (report.questions, report.unanswered, report.ignored, report.answers) == (4, 1, 1, 13)


def test_mastery_counts_every_option_of_every_answer_as_a_decision(report):
    # ben, every answer (retake included), each option offered a yes/no decision:
    #   letter-puppet  name_calling:   name_calling hit, bandwagon and appeal_to_fear correct rejections
    #   reply-all-apply doubt:         doubt hit, ad_hominem miss, appeal_to_fear and bandwagon rejections
    #   pair-everyone  bandwagon:      exaggeration miss, bandwagon false alarm, doubt rejection
    #   pair-everyone  exaggeration:   exaggeration hit, bandwagon and doubt rejections
    ben = next(row for row in report.learners if row.name == "ben").mastery
    assert ben == {
        "name_calling": Counts(hits=1),
        "bandwagon": Counts(false_alarms=1, correct_rejections=3),
        "appeal_to_fear": Counts(correct_rejections=2),
        "doubt": Counts(hits=1, correct_rejections=2),
        "ad_hominem": Counts(misses=1),
        "exaggeration": Counts(hits=1, misses=1),
    }
    # dan: letter-puppet bandwagon -> name_calling miss, bandwagon false alarm, appeal_to_fear rejection;
    #   reply-all-apply ad_hominem, bandwagon, appeal_to_fear -> doubt miss, ad_hominem hit, two false
    #   alarms; pair-everyone doubt -> exaggeration miss, bandwagon rejection, doubt false alarm.
    dan = next(row for row in report.learners if row.name == "dan").mastery
    assert dan["bandwagon"] == Counts(false_alarms=2, correct_rejections=1)   # 2 of 3: 67%
    assert dan["doubt"] == Counts(misses=1, false_alarms=1)                   # spots 0 of 1, 1 of 1
    assert percent(dan["bandwagon"].false_alarm_rate) == "67%"


def test_techniques_add_up_the_class(report):
    # Bandwagon is never right here, so it has only false alarms: ann 0 of 3 (offered in all three
    # questions), ben 1 of 4 (four answers), cat 1 of 3, dan 2 of 3: 4 of 13 = 30.8%.
    # Casting doubt: right in reply-all-apply (ann, ben, cat ticked it, dan did not: 3 of 4 spots), wrong
    # in pair-everyone (offered 5 times with ben's retake, named once by dan: 1 of 5 false alarms).
    skills = {row.skill: row for row in report.skills}
    assert skills["bandwagon"].counts == Counts(false_alarms=4, correct_rejections=9)
    assert percent(skills["bandwagon"].counts.false_alarm_rate) == "31%"
    assert skills["doubt"].counts == Counts(hits=3, misses=1, false_alarms=1, correct_rejections=4)
    assert [row.name for row in report.skills] == sorted(row.name for row in report.skills)
    assert all(row.learners == 4 for row in report.skills)


def test_item_analysis(report):
    # Facility: mean of first-answer scores. letter-puppet (1+1+0+0)/4 = 50%;
    # reply-all-apply (1+0.5+0+0)/4 = 37.5%, shown 38%; pair-everyone (1+0+1+0)/4 = 50%.
    #
    # SD, sample (n − 1 = 3):
    #   letter-puppet: deviations ±0.5, squares sum to 1, variance 1/3, SD 0.57735: 58%
    #   reply-all-apply: mean 0.375, deviations .625 .125 −.375 −.375, squares .390625 + .015625 +
    #     .140625 + .140625 = .6875, variance .229167, SD .478714: 48%
    #   pair-everyone: as letter-puppet, 58%
    #
    # Discrimination: correlation of the score with the mean of the learner's other two scores.
    #   letter-puppet: x = 1 1 0 0, rest = (1+1)/2 (.5+0)/2 (0+1)/2 (0+0)/2 = 1 .25 .5 0, mean .4375;
    #     Σdx·dr = .5(.5625) + .5(−.1875) − .5(.0625) − .5(−.4375) = .375; Σdx² = 1;
    #     Σdr² = .31640625 + .03515625 + .00390625 + .19140625 = .546875;
    #     r = .375 / √.546875 = .50709: 51%, unlikely to need checking (from 50%)
    #   reply-all-apply: x = 1 .5 0 0, rest = 1 .5 .5 0, dr = .5 0 0 −.5;
    #     Σdx·dr = .625(.5) + (−.375)(−.5) = .5; r = .5 / √(.6875 × .5) = .85280: 85%
    #   pair-everyone: x = 1 0 1 0, rest = 1 .75 0 0, mean .4375, dr = .5625 .3125 −.4375 −.4375;
    #     Σdx·dr = .28125 − .15625 − .21875 + .21875 = .125; Σdr² = .796875;
    #     r = .125 / √.796875 = .14003: 14%, very likely to need checking (below 30%)
    items = {row.question_id: row.stats for row in report.items}
    assert [row.question_id for row in report.items] == ["reply-all-apply", "letter-puppet", "pair-everyone"]
    assert items["letter-puppet"] == ItemStatistics(learners=4, facility=0.5, sd=pytest.approx(0.57735, abs=1e-5),
                                                    discrimination=pytest.approx(0.50709, abs=1e-5), compared=4)
    assert items["reply-all-apply"].facility == 0.375
    assert items["reply-all-apply"].sd == pytest.approx(0.478714, abs=1e-6)
    assert items["reply-all-apply"].discrimination == pytest.approx(0.852803, abs=1e-6)
    assert items["pair-everyone"].discrimination == pytest.approx(0.140028, abs=1e-6)
    assert [(percent(s.facility), percent(s.sd), percent(s.discrimination), s.needs_checking)
            for s in (items[q] for q in ("reply-all-apply", "letter-puppet", "pair-everyone"))] == [
        ("38%", "48%", "85%", "unlikely"), ("50%", "58%", "51%", "unlikely"), ("50%", "58%", "14%", "very likely")]


def test_distractors_count_first_answers(report):
    # letter-puppet: name_calling ann, ben; bandwagon cat, dan; appeal_to_fear nobody.
    # reply-all-apply (ticks): doubt ann ben cat; ad_hominem ann dan; appeal_to_fear cat dan; bandwagon dan.
    # pair-everyone: exaggeration ann cat; bandwagon ben (his retake is not a first answer); doubt dan.
    responses = {row.question_id: [(r.key, r.verdict, r.learners) for r in row.responses] for row in report.items}
    assert responses == {
        "letter-puppet": [("name_calling", "right", 2), ("bandwagon", "wrong", 2), ("appeal_to_fear", "wrong", 0)],
        "reply-all-apply": [("doubt", "right", 3), ("ad_hominem", "right", 2), ("appeal_to_fear", "wrong", 2),
                            ("bandwagon", "wrong", 1)],
        "pair-everyone": [("exaggeration", "right", 2), ("bandwagon", "wrong", 1), ("doubt", "wrong", 1)],
    }
    puppet = next(row for row in report.items if row.question_id == "letter-puppet")
    assert [r.text for r in puppet.responses] == ["Name calling or labelling", "Bandwagon", "Appeal to fear"]


def test_confusions_count_first_answers(report):
    # Single-answer technique and pair questions answered wrong, first answers: letter-puppet answered
    # bandwagon twice (cat, dan); pair-everyone bandwagon once (ben), doubt once (dan). Most first, then
    # by ids.
    assert [(c.answer, c.chosen, c.count) for c in report.confusions] == [
        ("name_calling", "bandwagon", 2), ("exaggeration", "bandwagon", 1), ("exaggeration", "doubt", 1)]
    assert report.confusions[0].answer_name == "Name calling or labelling"


def test_text_shows_the_hand_worked_numbers(report):
    text = render_text(report, UTC)
    lines = text.splitlines()
    assert "Class report: 4 learners, 13 answers to 3 of 4 questions" in lines
    cells = [line.split() for line in lines]
    assert "ben 50% 3 of 4 4 2026-11-23 09:03".split() in cells
    assert "cat 33% 3 of 4 3 2026-11-23 09:02".split() in cells
    assert "reply-all-apply 4 38% 48% 85% unlikely".split() in cells
    assert "pair-everyone 4 50% 58% 14% very likely".split() in cells
    assert "  “the new bridge is a disaster”" in lines
    assert any(line.split() == ["Bandwagon", "4", "—", "4", "of", "13", "31%"] for line in lines)
    assert "Name calling or labelling Bandwagon 2".split() in cells
    assert max(map(len, lines)) <= 80


@pytest.mark.parametrize(("value", "whole", "one_decimal"), [
    (0.375, "38%", "37.5"), (0.625, "63%", "62.5"), (0.285, "29%", "28.5"), (-0.125, "-13%", "-12.5"),
    (0.0, "0%", "0.0"), (-0.001, "0%", "-0.1"), (1 / 3, "33%", "33.3"), (2 / 3, "67%", "66.7"), (None, "—", "")])
def test_percentages_round_halves_away_from_zero_as_people_do(value, whole, one_decimal):
    assert (percent(value), percent_1(value)) == (whole, one_decimal)


@pytest.mark.parametrize(("discrimination", "verdict"), [
    (-0.2, "very likely"), (0.0, "very likely"), (0.2999, "very likely"), (0.30, "likely"), (0.4999, "likely"),
    (0.50, "unlikely"), (0.9, "unlikely"), (None, None)])
def test_needs_checking_uses_moodles_thresholds(discrimination, verdict):
    assert ItemStatistics(4, 0.5, 0.5, discrimination, 4).needs_checking == verdict


def test_statistics_that_cannot_be_computed_are_none():
    assert item_statistics([1.0], [0.5]) == ItemStatistics(1, 1.0, None, None, 1)
    assert item_statistics([1.0, 1.0, 1.0], [0.2, 0.5, 0.9]).discrimination is None   # everyone right
    assert item_statistics([1.0, 0.0, 1.0], [0.5, 0.5, 0.5]).discrimination is None   # same rest
    only_question = item_statistics([1.0, 0.0, 1.0], [None, 0.5, 1.0])                # two to compare
    assert (only_question.compared, only_question.discrimination) == (2, pytest.approx(1.0))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), min_size=3, max_size=3), min_size=3, max_size=8))
def test_discrimination_equals_moodles_rest_of_test_total_when_everyone_answered_everything(matrix):
    """With the same questions for everyone, the mean of the other scores is their total / (k − 1): the
    correlation is Moodle's, computed here from its own definition (covariance over n − 1, divided by
    the square root of the product of the variances)."""
    for item in range(3):
        x = [row[item] for row in matrix]
        rest_total = [sum(row) - row[item] for row in matrix]
        ours = item_statistics(x, [t / 2 for t in rest_total]).discrimination
        n = len(x)
        mx, mr = sum(x) / n, sum(rest_total) / n
        cov = sum((a - mx) * (b - mr) for a, b in zip(x, rest_total)) / (n - 1)
        vx = sum((a - mx) ** 2 for a in x) / (n - 1)
        vr = sum((b - mr) ** 2 for b in rest_total) / (n - 1)
        if vx * vr == 0:
            assert ours is None
        else:
            assert ours == pytest.approx(cov / math.sqrt(vx * vr))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["name_calling", "bandwagon", "appeal_to_fear"]),
                          st.sampled_from(["exaggeration", "bandwagon", "doubt"])), min_size=1, max_size=6))
def test_single_answer_counts_add_up_to_the_learners_and_match_the_confusions(mini, picks):
    """Each learner chose one option of each single-answer question: the counts add up to the learners,
    and the confusions are exactly the wrong options' counts."""
    learners = [(f"l{n}", progress_of(mini, [("letter-puppet", [a]), ("pair-everyone", [b])]))
                for n, (a, b) in enumerate(picks)]
    report = build_report(mini, learners)
    wrong_counts = {}
    for row in report.items:
        assert sum(r.learners for r in row.responses) == len(picks)
        right = mini.questions[row.question_id].answer
        wrong_counts.update({(right, r.key): r.learners for r in row.responses if r.verdict == "wrong" and r.learners})
    assert {(c.answer, c.chosen): c.count for c in report.confusions} == wrong_counts


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_report_never_depends_on_the_order_of_files_or_of_stored_answers(mini, rng):
    learners = [(name, progress_of(mini, CLASS[name])) for name in CLASS]
    shuffled = []
    for name, progress in learners:
        answers = list(progress.answers)
        rng.shuffle(answers)
        shuffled.append((name, Progress(answers=answers)))
    rng.shuffle(shuffled)
    assert build_report(mini, shuffled) == build_report(mini, learners)


def test_two_learners_of_the_same_name_are_two_learners(mini):
    same = [("sam", progress_of(mini, [("letter-puppet", ["name_calling"])])),
            ("sam", progress_of(mini, [("letter-puppet", ["bandwagon"])]))]
    report = build_report(mini, same)
    assert [percent(row.score) for row in report.learners] == ["100%", "0%"]
    assert report.items[0].stats.learners == 2
