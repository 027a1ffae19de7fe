"""Bank text is data on every screen and in the command palette: a bank whose every text field holds
Rich/Textual markup (broken, styled, linked, clickable) is shown literally everywhere, never crashes the
app and never runs an action."""

import pytest

from quiz.storage.bank_files import load_bank
from tests.conftest import FIXTURES, flat, through_feedback

MARKUP = FIXTURES / "hostile" / "markup"


@pytest.fixture(scope="module")
def markup_bank():
    result = load_bank([MARKUP])
    assert result.bank is not None
    return result.bank


async def test_every_screen_shows_markup_as_written(markup_bank, make_app, tmp_path):
    app = make_app(markup_bank, learners=tmp_path / "class")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press(*"[b]Ana[/b] [/]", "enter")
        await pilot.pause()
        assert "[b]Ana[/b] [/]" in flat(app), "the learner's name is a plain subtitle"
        assert "[link=https://example.com]Harbour radio[/link]" in flat(app), "menu labels are plain"
        await pilot.press("enter")  # All questions
        await pilot.pause()
        for _ in range(len(markup_bank.questions)):
            text = flat(app)
            assert "[" in text and app.is_running
            question = app.screen.question
            if question.marks_words:
                await pilot.press("space", "enter")
            else:
                await pilot.press("1", "enter")
            await pilot.pause()
            await pilot.press("i")
            await pilot.pause()
            assert "Outlet: [" in flat(app), "the source card is plain"
            await pilot.press("escape", "c")
            await pilot.pause()
            assert app.screen.__class__.__name__ == "ArticleScreen"
            await pilot.press("escape")
            await pilot.pause()
            await through_feedback(pilot)
        assert "finished" in flat(app)
        await pilot.press("enter", "t")
        await pilot.pause()
        assert "[bold red]Name calling[/]" in flat(app), "technique names on the stats screen are plain"
        await pilot.press("escape", "l")
        await pilot.pause()
        assert "[bold red]Name calling[/]" in flat(app), "and in the glossary"
        await pilot.press("escape", "f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running, "no [@click=app.quit] ever ran"


async def test_the_palette_lists_bank_text_as_written(markup_bank, make_app):
    app = make_app(markup_bank)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "Read the [link=https://example.com]Harbour radio[/link] [bold]speech[/bold]" in flat(app)
        await pilot.press(*"read the harbour")
        await pilot.pause()
        await pilot.pause()
        assert "Harbour radio" in flat(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ArticleScreen"
        assert app.is_running
