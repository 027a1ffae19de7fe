"""Driving the app as a learner does: keys in, words on screen out, answers in the progress file."""

import re

from quiz.storage.progress_file import load_progress
from tests.conftest import screen_text

# The mini bank's questions, with the options (as the learner reads them) that answer each right and wrong.
RIGHT = {"letter-puppet": ["Name calling"], "reply-all-apply": ["Casting doubt", "Attack on motives"],
         "letter-unsupported": ["If nothing is done"], "pair-everyone": ["Exaggeration"]}
WRONG = {"letter-puppet": ["Bandwagon"], "reply-all-apply": ["Casting doubt", "Appeal to fear"],
         "letter-unsupported": ["The council's own survey"], "pair-everyone": ["Bandwagon"]}


def number_of(app, label: str) -> str:
    """The number key of the option whose text starts with `label`, read off the screen."""
    match = re.search(r"(\d)\. (?:\[[ x]\] )?" + re.escape(label), screen_text(app))
    assert match, f"no option {label!r} on screen"
    return match.group(1)


async def answer(pilot, labels):
    keys = [number_of(pilot.app, label) for label in labels]
    await pilot.press(*keys, "enter")
    await pilot.pause()


async def test_a_whole_quiz_by_keypresses(mini, make_app, progress_file):
    app = make_app(mini)
    async with app.run_test(size=(100, 60)) as pilot:
        assert "No answers yet" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        seen = []
        for number in range(1, 5):
            text = screen_text(app)
            assert f"Question {number} of 4" in text
            qid = app.screen.question.id
            seen.append(qid)
            keys = WRONG[qid] if qid == "pair-everyone" else RIGHT[qid]
            await answer(pilot, keys)
            text = screen_text(app)
            if qid == "pair-everyone":
                assert "✘ Not right." in text
                assert "Why not Bandwagon: Neither passage says that everyone agrees" in text
                assert re.search(r"The right answer: \d\. Exaggeration or minimisation", text)
                assert re.search(r"→ \d\. Exaggeration or minimisation  \(the right answer\)", text)
            else:
                assert "✔ Right." in text
            assert "Why" in text
            await pilot.press("enter")
            await pilot.pause()
        text = screen_text(app)
        assert "Score: 3 of 4 (75%): 3 right, 1 wrong" in text
        assert "✘ “the new bridge is a disaster … The bridge is the finest in the…" in text
        assert "You: Bandwagon · Answer: Exaggeration or minimisation" in text
        assert "Exaggeration or minimisation: spotted 0 of 1" in text
    progress = load_progress(progress_file)
    assert [a.question_id for a in progress.answers] == seen
    assert [a.score for a in progress.answers] == [0.0 if q == "pair-everyone" else 1.0 for q in seen]
    assert progress.unfinished is None


async def test_feedback_for_all_that_apply_marks_each_option(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("down", "down", "down", "down", "enter")  # "All that apply" only
        await pilot.pause()
        assert "Tick all that apply" in screen_text(app)
        await answer(pilot, WRONG["reply-all-apply"])
        text = screen_text(app)
        assert "◐ Partly right" not in text and "✘ Not right." in text  # 1/2 hits - 1/2 false alarms
        assert re.search(r"✔ \d\. Casting doubt  \(ticked, applies\)", text)
        assert re.search(r"→ \d\. Attack on motives \(ad hominem\)  \(not ticked, but applies\)", text)
        assert re.search(r"✘ \d\. Appeal to fear  \(ticked, does not apply\)", text)
        assert "Why not Appeal to fear: The sentence warns of nothing" in text


async def test_enter_with_nothing_ticked_asks_for_a_tick(mini, make_app, progress_file):
    app = make_app(mini)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Tick at least one option first" in screen_text(app)
        assert "Question 1 of 1" in screen_text(app)
    assert load_progress(progress_file).answers == []


async def test_markup_in_question_text_is_shown_literally(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("down", "down", "down", "enter")  # "Spot the technique"
        await pilot.pause()
        assert "Which technique does the [bold]letter[/bold] use here?" in screen_text(app)


async def test_quit_mid_quiz_and_continue_later(mini, make_app, progress_file):
    app = make_app(mini)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        first = app.screen.question.id
        await answer(pilot, RIGHT[first])
        await pilot.press("ctrl+q")
    assert [a.question_id for a in load_progress(progress_file).answers] == [first]

    again = make_app(mini)
    async with again.run_test(size=(100, 40)) as pilot:
        text = screen_text(again)
        assert "Unfinished: All questions, 1 of 4 answered. Press r to continue." in text
        assert "So far: 1 answer: 1 right (100% of the marks)" in text
        await pilot.press("r")
        await pilot.pause()
        assert "Question 2 of 4" in screen_text(again)
        assert again.screen.question.id != first


async def test_context_shows_the_quote_in_its_article(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        assert "Outlet: The Harbour Gazette" in text and "Author: A resident" in text
        assert "Everyone in this town knows the new bridge is a disaster." in text
        highlighted = app.screen.query(".-quoted")
        assert len(highlighted) == 1
        assert "The mayor, a puppet of the builders" in str(highlighted.first().render())
        await pilot.press("escape")
        await pilot.pause()
        assert "Choose one" in screen_text(app)


async def test_pair_context_switches_between_both_articles(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("end", "enter")  # "Both sides"
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "A letter to the editor" in screen_text(app)
        await pilot.press("o")
        await pilot.pause()
        assert "The council replies" in screen_text(app)


async def test_filters_narrow_the_quiz_and_the_counts_follow_them(bundled, make_app):
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "enter", *["down"] * 3, "enter")  # technique: the third one listed
        await pilot.pause()
        skill = app.screen.query_one("#skill").value
        matching = len(bundled.select(skill=skill))
        text = screen_text(app)
        assert f"Filters set: {bundled.skill_name(skill)}." in text
        assert f"All questions, {matching} of {len(bundled.questions)} match the filters" in text
        await pilot.press("tab", "tab", "enter", "down", "enter")  # length: 20
        await pilot.pause()
        await pilot.press("tab")  # back to the quiz list, on "All questions"
        await pilot.pause()
        if matching < 20:
            assert f"This quiz will have {matching} questions, fewer than the 20 asked" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        session = app.screen.session
        assert session.total == min(20, matching)
        assert all(skill in bundled.questions[q].skills() for q in session.question_ids)
        assert bundled.skill_name(skill) in screen_text(app)  # the quiz's title names the filter
        await pilot.press("escape")
        await pilot.pause()
        assert f"Filters set: {bundled.skill_name(skill)}." in screen_text(app), "kept after a quiz"


async def test_confidence_is_recorded_and_shown_in_stats(mini, make_app, progress_file):
    app = make_app(mini)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("down", "down", "down", "enter")  # Spot the technique: one question
        await pilot.pause()
        assert "How sure are you? not said" in screen_text(app)
        await pilot.press("s")
        assert "How sure are you? sure" in screen_text(app)
        await answer(pilot, RIGHT["letter-puppet"])
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter", "t")  # results -> home -> stats
        await pilot.pause()
        text = screen_text(app)
        assert "Name calling or labelling" in text and "spots it 1 of 1 time" in text
        await pilot.press("end")
        await pilot.pause()
        assert "When you were sure: 1 of 1 right (100%)." in screen_text(app)
    assert load_progress(progress_file).answers[0].confidence == "sure"


async def test_missed_questions_come_back_for_review(mini, make_app, progress_file):
    from datetime import timedelta

    app = make_app(mini)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        await answer(pilot, WRONG["letter-puppet"])
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert "Nothing due now; next: 1 due tomorrow." in screen_text(app)
    later = make_app(mini)
    later.clock.now += timedelta(days=2)
    async with later.run_test(size=(120, 50)) as pilot:
        text = screen_text(later)
        assert "1 due for review now." in text
        assert "Review: 1 due now, most overdue first" in text
        await pilot.press("enter")
        await pilot.pause()
        assert later.screen.question.id == "letter-puppet"
        assert "Review" in screen_text(later)


async def test_help_lists_keys_and_kinds(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("f1")
        text = screen_text(app)
        assert "Ctrl+Q" in text and "quit; progress is already saved" in text
        assert "The unsupported claim: Several sentences of one article" in text
        await pilot.press("escape", "question_mark")
        assert "What each kind of question asks" in screen_text(app)


async def test_command_palette_offers_the_quiz_commands(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(120, 50)) as pilot:
        from quiz.tui.commands import commands

        titles = [command.title for command in commands(app)]
        for expected in ("Start a quiz", "Stats", "Learn the techniques", "Read the The Harbour Gazette letter",
                         "Switch to the light theme", "Help", "Quit"):
            assert expected in titles
        for textual_own in ("Keys", "Maximize", "Screenshot", "Theme"):
            assert textual_own not in titles, "only what a learner of this app needs"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"read the council", "enter")
        await pilot.pause()
        assert "The council replies" in screen_text(app)
        assert "Critics want the town to stand still forever." in screen_text(app)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"light theme", "enter")
        await pilot.pause()
        assert not app.current_theme.dark


async def test_each_learner_of_a_class_gets_their_own_progress_file(mini, tmp_path):
    from quiz.tui.app import QuizApp
    from tests.conftest import Clock

    folder = tmp_path / "class"
    for name, stem in (("Ana María", "ana-maría"), ("Айгерим", "айгерим")):
        app = QuizApp(mini, None, seed=1, clock=Clock(), learners=folder)
        async with app.run_test(size=(100, 30)) as pilot:
            assert "Who is taking the quiz?" in screen_text(app)
            await pilot.press("enter")
            assert "Please type a name" in screen_text(app)
            await pilot.press(*name, "enter")
            await pilot.pause()
            await pilot.press("down", "down", "down", "enter")
            await pilot.pause()
            await answer(pilot, RIGHT["letter-puppet"])
        assert load_progress(folder / f"{stem}.toml").answers[0].question_id == "letter-puppet"
    assert sorted(p.name for p in folder.glob("*.toml")) == ["ana-maría.toml", "айгерим.toml"]


async def test_long_feedback_enter_scrolls_first_then_moves_on(bundled, make_app):
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "enter")
        await pilot.pause()
        body = app.screen.query_one("#body")
        assert body.scroll_y > 0, "the verdict is scrolled to the top on a small terminal"
        assert "Not right." in screen_text(app) or "Right." in screen_text(app)
        presses = 0
        while "Question 2 of 10" not in screen_text(app):
            assert "▼ More below" in screen_text(app) or "Next" in screen_text(app)
            was = body.scroll_y
            await pilot.press("enter")
            await pilot.pause()
            presses += 1
            if "Question 2 of 10" not in screen_text(app):
                assert body.scroll_y > was, "an Enter that does not move on scrolls down"
            assert presses < 10
        assert presses >= 2, "the first Enter scrolled to the unseen feedback"
        assert app.screen.query_one("#body").scroll_y == 0
