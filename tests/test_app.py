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
    match = re.search(r"(\d)\. " + re.escape(label), screen_text(app))
    assert match, f"no option {label!r} on screen"
    return match.group(1)


async def answer(pilot, labels):
    keys = [number_of(pilot.app, label) for label in labels]
    await pilot.press(*keys, "enter")
    await pilot.pause()


async def test_a_whole_quiz_by_keypresses(mini, make_app, progress_file):
    app = make_app(mini)
    async with app.run_test(size=(100, 40)) as pilot:
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
                assert re.search(r"→ \d\. Exaggeration or minimisation  \(the right answer\)", text)
            else:
                assert "✔ Right." in text
            assert "Why" in text
            await pilot.press("enter")
            await pilot.pause()
        text = screen_text(app)
        assert "Score: 3 of 4 (75%)" in text
        assert "✘ Both texts use the same technique here. Which?" in text
        assert "Answer: Exaggeration or minimisation" in text
        assert "Exaggeration or minimisation" in text and "0%" in text
    progress = load_progress(progress_file)
    assert [a.question_id for a in progress.answers] == seen
    assert [a.score for a in progress.answers] == [0.0 if q == "pair-everyone" else 1.0 for q in seen]
    assert progress.unfinished is None


async def test_feedback_for_all_that_apply_marks_each_option(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(100, 40)) as pilot:
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
        assert "So far: 1 answers, 1 right" in text
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
        assert "The Harbour Gazette letter" in text
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


async def test_length_key_changes_quiz_length(bundled, make_app):
    app = make_app(bundled)
    async with app.run_test(size=(100, 40)) as pilot:
        assert "Length: 10 questions" in screen_text(app)
        await pilot.press("l")
        assert "Length: 20 questions" in screen_text(app)
        await pilot.press("l", "l", "enter")
        await pilot.pause()
        assert "Question 1 of 5" in screen_text(app)
