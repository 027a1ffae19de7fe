"""Driving the app as a learner does: keys in, words on screen out, answers in the progress file."""

import re

import pytest

from quiz.storage.progress_file import load_progress
from tests.conftest import flat, screen_text, through_feedback

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
        assert "Filters: any technique, any difficulty; 10 questions a quiz (f to change)." in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter", *["down"] * 3, "enter")  # technique: the third one listed
        await pilot.pause()
        skill = app.screen.query_one("#skill").value
        await pilot.press("tab", "tab", "enter", "down", "enter")  # length: 20
        await pilot.pause()
        await pilot.press("escape")  # done
        await pilot.pause()
        matching = len(bundled.select(skill=skill))
        text = flat(app)
        assert f"Filters set: {bundled.skill_name(skill)}; 20 questions a quiz." in text
        assert f"All questions, {matching} of {len(bundled.questions)} match the filters" in text
        if matching < 20:
            assert f"This quiz will have {matching} questions, fewer than the 20 asked" in text
        await pilot.press("enter")
        await pilot.pause()
        session = app.screen.session
        assert session.total == min(20, matching)
        assert all(skill in bundled.questions[q].skills() for q in session.question_ids)
        assert bundled.skill_name(skill) in screen_text(app)  # the quiz's title names the filter
        await pilot.press("escape")
        await pilot.pause()
        assert f"Filters set: {bundled.skill_name(skill)}" in screen_text(app), "kept after a quiz"


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
        listed = screen_text(app)
        assert "Start a quiz" in listed and "Learn the techniques" in listed
        for textual_own in ("Keys", "Maximize", "Screenshot", "Theme"):
            assert not re.search(rf"\b{textual_own}\b", listed), "Textual's own commands are not offered"
        await pilot.press(*"read the council", "enter")
        await pilot.pause()
        assert "The council replies" in screen_text(app)
        assert "Critics want the town to stand still forever." in screen_text(app)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"light theme", "enter")
        await pilot.pause()
        assert not app.current_theme.dark
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"start a quiz", "enter")
        await pilot.pause()
        assert "Question 1 of" in screen_text(app), "the palette starts the home menu's quiz"


async def test_the_palette_before_a_learner_is_chosen_offers_only_the_app_commands(mini, make_app, tmp_path):
    app = make_app(mini, learners=tmp_path / "class")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        listed = screen_text(app)
        assert "Help" in listed and "Start a quiz" not in listed
        await pilot.press(*"start", "enter")
        await pilot.pause()
        assert app.is_running and app.learner is None


async def test_each_learner_of_a_class_gets_their_own_progress_file(mini, make_app, tmp_path):
    folder = tmp_path / "class"
    for name, stem in (("Ana María", "ana-maría"), ("Айгерим", "айгерим")):
        app = make_app(mini, learners=folder)
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


async def test_a_click_on_empty_space_keeps_the_name_box_focused(mini, make_app, tmp_path):
    app = make_app(mini, learners=tmp_path / "class")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click(offset=(40, 20))
        await pilot.press(*"Ana")
        await pilot.pause()
        assert app.screen.query_one("#name").value == "Ana"


def longest(bank, kind):
    """The question of `kind` whose passage(s) and options take the most characters."""
    def size(question):
        options = [] if question.marks_words else [bank.label(question, k) for k in question.option_keys()]
        return sum(len(p.quote) for p in question.quotes()) + len(question.prompt) + sum(map(len, options))
    return max(bank.select(kind=kind), key=size)


async def open_question(app, pilot, question_id):
    """Start a quiz holding one question, as the palette or a retry would."""
    from quiz.session import Selection

    app.start_quiz(Selection(ids=(question_id,), order="given"))
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("kind", ["technique", "techniques", "unsupported", "pair", "find", "source"])
async def test_every_question_opens_at_its_top_at_80x24(bundled, make_app, kind):
    if not bundled.select(kind=kind):
        pytest.skip(f"no {kind} question in the bank")
    question = longest(bundled, kind)
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_question(app, pilot, question.id)
        text = screen_text(app)
        body = app.screen.query_one("#body")
        assert body.scroll_y == 0
        for source in question.source_ids():
            assert bundled.sources[source].outlet in text, "who is speaking is on screen"
        prompt_start = " ".join(question.prompt.split()[:4])
        assert prompt_start in " ".join(text.split()), "the prompt is on screen"
        assert app.focused.id == "choices"
        if body.max_scroll_y > 0:
            assert "▼ More below" in text, "a cut-off question says so"
            await pilot.press("pagedown")
            await pilot.pause()
            assert body.scroll_y > 0 and app.focused.id == "choices", "PageDown scrolls, focus stays"
            await pilot.press("home")
            await pilot.pause()
            assert body.scroll_y == 0
        else:
            assert "▼ More below" not in text


async def test_moving_to_the_last_option_brings_it_into_view(bundled, make_app):
    question = longest(bundled, "unsupported")
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_question(app, pilot, question.id)
        count = len(question.option_keys())
        await pilot.press(str(count))
        await pilot.pause()
        last = app.screen.session.options[-1]
        assert " ".join(bundled.label(question, last).split()[-3:]) in flat(app)


async def test_starting_a_quiz_asks_before_dropping_the_unfinished_one(mini, make_app, progress_file):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # All questions
        await pilot.pause()
        first = app.screen.session.quiz.quiz_id
        await answer(pilot, RIGHT[app.screen.question.id])
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("end", "enter")  # "Both sides"
        await pilot.pause()
        text = screen_text(app)
        assert "You have an unfinished quiz" in text
        assert "All questions: 1 of 4 answered. Continue it, or drop it and start" in text
        assert "Both sides?" in text
        await pilot.press("c")
        await pilot.pause()
        assert "Question 2 of 4" in screen_text(app) and app.screen.session.quiz.quiz_id == first
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("end", "enter", "d")
        await pilot.pause()
        assert "Question 1 of 1 · Both sides" in screen_text(app)
    assert load_progress(progress_file).unfinished.title == "Both sides"


async def test_missed_questions_are_listed_by_quote_and_can_be_retried(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "down", "enter")  # Spot the technique
        await pilot.pause()
        await answer(pilot, WRONG["letter-puppet"])
        await through_feedback(pilot)
        text = screen_text(app)
        assert "✘ “The mayor, a puppet of the builders, says all is well.”" in text
        assert "You: Bandwagon · Answer: Name calling or labelling" in text
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.session.quiz.title == "Retry the missed questions"
        assert app.screen.session.question_ids == ["letter-puppet"]


async def test_the_source_card_opens_from_a_question(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", "enter")  # Both sides: two sources
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        text = screen_text(app)
        assert "About the source" in text
        assert "Outlet: The Harbour Gazette" in text and "Outlet: Council newsletter" in text
        await pilot.press("escape")
        await pilot.pause()
        assert "Choose one" in screen_text(app)


async def test_learn_the_techniques_before_being_tested(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        text = screen_text(app)
        assert "Learn the techniques" in text
        assert "Attack on motives (ad hominem)" in text
        assert "Council newsletter reply: “The so-called experts who attack the bridge have never built" in " ".join(text.split())


async def test_reading_an_article_shows_its_card_and_its_title_once(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        app.read_article("letter")
        await pilot.pause()
        text = screen_text(app)
        assert "Reading the article" in text and "The passage in its article" not in text
        assert text.count("A letter to the editor") == 1, "the headline is shown once"
        assert "Outlet: The Harbour Gazette" in text


def word_position(app, word: str) -> tuple[int, int]:
    """Where `word` is on screen (x, y), for a click."""
    for y, line in enumerate(screen_text(app).splitlines()):
        x = line.find(word)
        if x >= 0:
            return x + 1, y
    raise AssertionError(f"{word!r} is not on screen")


async def test_find_marks_words_with_keys_and_with_the_mouse(mini_more, make_app, progress_file):
    question = mini_more.questions["letter-find-label"]
    words = [w.text for w in question.words()]
    key = sorted(question.key_words())
    app = make_app(mini_more)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_question(app, pilot, question.id)
        assert "Nothing marked yet." in screen_text(app)
        await pilot.press(*["right"] * key[0], "space", *["shift+right"] * (len(key) - 1))
        await pilot.pause()
        assert "Marked: “a puppet of the builders”" in screen_text(app)
        await pilot.click(offset=word_position(app, "disaster"))
        await pilot.pause()
        assert "Marked: “disaster”; “a puppet of the builders”" in screen_text(app)
        await pilot.click(offset=word_position(app, "disaster"))  # a second click unmarks
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "✔ Right." in text and "You marked: “a puppet of the builders”" in text
        assert "[a puppet of the builders]" in text
    assert load_progress(progress_file).answers[0].words == key
    assert words[key[1]] == "puppet"


async def test_enter_with_nothing_marked_asks_for_a_mark(mini_more, make_app, progress_file):
    app = make_app(mini_more)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_question(app, pilot, "letter-find-label")
        await pilot.press("enter")
        await pilot.pause()
        assert "Mark at least one word first" in screen_text(app)
    assert load_progress(progress_file).answers == []


async def test_stats_show_confusions_and_practise_them(mini, make_app):
    app = make_app(mini)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        await answer(pilot, WRONG["letter-puppet"])
        await through_feedback(pilot)
        await pilot.press("enter", "t")
        await pilot.pause()
        text = flat(app)
        assert re.search(r"[░█]+ Bandwagon: sees it where it is not 1 time in 1", text)
        assert "You chose Bandwagon when it was Name calling or labelling: 1 time." in text
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.session.quiz.title == "Practise my confusions"


async def test_the_theme_chosen_is_kept_for_next_time(mini, make_app, progress_file):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.current_theme.dark
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"light theme", "enter")
        await pilot.pause()
        assert not app.current_theme.dark
    again = make_app(mini)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_the_footer_shows_the_keys_of_a_screen_opened_while_the_terminal_was_unfocused(mini, make_app):
    """A screen that opens while the learner is in another window gets its keys at the first refresh
    of its bindings once they are back (the footer rebuilds only for keys it has not shown yet, and
    must not count as shown the keys it skipped while the terminal was unfocused)."""
    from quiz.session import Selection
    from quiz.tui.screens.question import QuestionScreen

    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        app.app_focus = False
        await pilot.pause()
        app.push_screen(QuestionScreen(app.learner.start(Selection(seed=1))))
        await pilot.pause()
        app.app_focus = True
        app.screen.refresh_bindings()  # as scrolling the question does
        await pilot.pause()
        assert "Help" in screen_text(app).splitlines()[-1], screen_text(app)
