"""The UI-free quiz session: choosing questions, answering, advancing, finishing and resuming."""

from datetime import timedelta

import pytest

from quiz.learner import Learner
from quiz.session import Phase, QuizSession, Selection, SessionError
from quiz.storage.progress_file import load_progress
from tests.conftest import Clock


def test_selection_filters_by_source_and_kind(bundled):
    for source in bundled.sources:
        ids = Selection(source=source).choose(bundled)
        assert ids and all(source in bundled.questions[i].source_ids() for i in ids)
    for kind in ("technique", "techniques", "unsupported", "pair"):
        ids = Selection(kind=kind, count=3).choose(bundled)
        assert len(ids) == 3 and all(bundled.questions[i].kind == kind for i in ids)


def test_same_seed_same_order_other_seed_other_order(bundled):
    first = Selection(seed=7).choose(bundled)
    assert Selection(seed=7).choose(bundled) == first
    assert Selection(seed=8).choose(bundled) != first
    assert sorted(first) == sorted(bundled.questions)


def test_a_whole_quiz(mini):
    clock = Clock()
    session = QuizSession.start(mini, Selection(seed=3), clock())
    assert session.total == 4 and session.phase is Phase.ASKING
    for n in range(1, 5):
        assert session.number == n
        question = session.current
        record = session.answer(sorted(question.correct()), clock())
        assert record.score == 1.0 and session.phase is Phase.ANSWERED
        with pytest.raises(SessionError):
            session.answer(sorted(question.correct()), clock())
        session.advance()
    assert session.phase is Phase.FINISHED
    results = session.results()
    assert (results.tally.marks, results.tally.answered, results.tally.share, results.tally.right,
            results.missed) == (4.0, 4, 1.0, 4, [])
    hit = {s.skill for s in results.skills if s.counts.hits}
    assert hit == {"name_calling", "doubt", "ad_hominem", "unsupported", "exaggeration"}
    assert not any(s.counts.misses or s.counts.false_alarms for s in results.skills)


def test_wrong_answers_are_missed_and_broken_down_by_skill(mini):
    clock = Clock()
    session = QuizSession.start(mini, Selection(kind="techniques"), clock())
    record = session.answer(["doubt"], clock())
    assert 0 < record.score < 1
    session.advance()
    results = session.results()
    assert [q.id for q, _ in results.missed] == ["reply-all-apply"]
    assert (results.tally.right, results.tally.partly) == (0, 1)
    assert {s.skill: (s.counts.hits, s.counts.misses) for s in results.skills if s.counts.signals} == \
        {"doubt": (1, 0), "ad_hominem": (0, 1)}


def test_answers_must_be_options(mini):
    session = QuizSession.start(mini, Selection(kind="technique"), Clock()())
    with pytest.raises(SessionError):
        session.answer([], Clock()())
    with pytest.raises(SessionError):
        session.answer(["name_calling", "bandwagon"], Clock()())


def test_an_empty_selection_is_refused(mini):
    with pytest.raises(SessionError):
        QuizSession.start(mini, Selection(source="nope"), Clock()())


def test_learner_saves_every_answer_and_resumes_where_it_stopped(mini, tmp_path):
    path = tmp_path / "progress.toml"
    learner = Learner.open(mini, path, clock=Clock())
    session = learner.start(Selection(seed=5))
    order = list(session.question_ids)
    learner.answer(session, sorted(session.current.correct()))
    session.advance()
    learner.answer(session, ["doubt"] if session.current.kind != "unsupported" else ["survey"])

    saved = load_progress(path)
    assert [a.question_id for a in saved.answers] == order[:2]
    assert saved.unfinished is not None and saved.unfinished.question_ids == order

    again = Learner.open(mini, path, clock=Clock()).unfinished()
    assert again is not None
    assert again.number == 3 and again.current.id == order[2]
    assert [a.question_id for a in again.answers] == order[:2]


def test_finishing_clears_the_unfinished_quiz(mini, tmp_path):
    path = tmp_path / "progress.toml"
    learner = Learner.open(mini, path, clock=Clock())
    session = learner.start(Selection(kind="pair"))
    learner.answer(session, ["exaggeration"])
    session.advance()
    assert session.phase is Phase.FINISHED
    assert load_progress(path).unfinished is None
    assert Learner.open(mini, path).unfinished() is None
    assert learner.totals().answered == 1 and learner.totals().right == 1


def test_options_are_shuffled_but_stable_across_resume(bundled):
    clock = Clock()
    session = QuizSession.start(bundled, Selection(kind="technique", seed=4), clock())
    first_places = []
    for _ in range(session.total):
        order = session.options
        assert sorted(order) == sorted(session.current.option_keys())
        assert QuizSession(bundled, session.quiz, session.answers).options == order
        (answer,) = session.current.correct()
        first_places.append(order.index(answer))
        session.answer([answer], clock())
        session.advance()
    assert len(set(first_places)) >= 3, "the right answer should not always sit in the same place"


def test_quiz_menu_lists_everything_each_source_and_each_kind_with_sizes(mini, tmp_path):
    from quiz.menu import Filters, quiz_menu

    learner = Learner.open(mini, tmp_path / "p.toml", clock=Clock())
    menu = quiz_menu(learner)
    assert [(e.label, e.size) for e in menu] == [
        ("All questions", 4), ("The Harbour Gazette letter only", 3), ("Council newsletter reply only", 2),
        ("Spot the technique", 1), ("All that apply", 1), ("The unsupported claim", 1), ("Both sides", 1)]
    assert [e.selection.source for e in menu[1:3]] == ["letter", "reply"]
    narrowed = quiz_menu(learner, Filters(skill="exaggeration", count=10))
    assert [(e.label, e.size, e.total, e.length) for e in narrowed][:3] == [
        ("All questions", 1, 4, 1), ("The Harbour Gazette letter only", 1, 3, 1),
        ("Council newsletter reply only", 1, 2, 1)]
    assert narrowed[0].describe() == "All questions, 1 of 4 match the filters"
    learner.close()


def test_the_menu_offers_review_new_questions_and_confusions_once_answered(mini, tmp_path):
    from quiz.menu import quiz_menu

    clock = Clock()
    learner = Learner.open(mini, tmp_path / "p.toml", clock=clock)
    session = learner.start(Selection(kind="technique"))
    learner.answer(session, ["bandwagon"])
    clock.now += timedelta(days=2)
    keys = {e.key: e for e in quiz_menu(learner)}
    assert keys["review"].size == 1 and keys["review"].selection.ids == ("letter-puppet",)
    assert keys["new"].size == 3 and "letter-puppet" not in keys["new"].selection.ids
    assert keys["confusions"].label == "Practise my confusions: Name calling or labelling · Bandwagon"
    learner.close()


def test_a_quiz_title_never_outgrows_what_a_progress_file_holds(mini, tmp_path):
    """Titles are made from bank text (an outlet may be 200 characters): cut to the 200 a progress
    file's unfinished quiz may hold, so starting such a quiz saves a file that loads again."""
    from quiz.domain.bank import Bank
    from quiz.domain.models import Source

    long_outlet = "O" * 40 + " " + "Outlet " * 22
    source = Source(id="s", file="s.txt", title="t", outlet=long_outlet.strip()[:200], kind="op-ed " * 30)
    bank = Bank(mini.techniques, {**mini.sources, "letter": source}, mini.texts, mini.questions, mini.spans)
    title = Selection(source="letter", kind="technique", skill="name_calling", difficulty=1).title(bank)
    assert len(title) <= 200 and title.endswith("…")
    learner = Learner.open(bank, tmp_path / "p.toml", clock=Clock())
    learner.start(Selection(source="letter", kind="technique"))
    learner.close()
    assert len(load_progress(tmp_path / "p.toml").unfinished.title) <= 200
