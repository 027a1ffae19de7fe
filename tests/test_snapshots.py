"""SVG snapshots of every screen at 80x24 and 120x40, on the mini bank with a fixed order and clock.

Regenerate after an intended change of look with `pytest tests/test_snapshots.py --snapshot-update`
and review the SVGs (the report pytest-textual-snapshot writes shows old and new side by side).
"""

import pytest

from tests.test_app import number_of

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

# Keys from the home screen to each screen; ("pick", text) presses the number of the option starting so;
# ("menu", key) starts the home menu's entry with that key, as a learner moving down to it does.
SCREENS = {
    "home": [],
    "question_single": ["down", "down", "down", "enter"],
    "question_all_that_apply": ["down", "down", "down", "down", "enter", ("pick", "Casting doubt")],
    "question_unsupported": ["down", "down", "down", "down", "down", "enter"],
    "question_pair": ["end", "enter"],
    "feedback_right": ["down", "down", "down", "enter", ("pick", "Name calling"), "enter"],
    "feedback_wrong": ["end", "enter", ("pick", "Bandwagon"), "enter"],
    "article_context": ["down", "down", "down", "enter", "c"],
    "results": ["end", "enter", ("pick", "Bandwagon"), "enter", "enter"],
    "stats": ["down", "down", "down", "enter", "s", ("pick", "Name calling"), "enter", "enter", "enter",
              "end", "enter", ("pick", "Bandwagon"), "enter", "enter", "enter", "t"],
    "source_card": ["end", "enter", "i"],
    "glossary": ["l"],
    "filters": ["f"],
    "drop_unfinished": ["enter", ("pick", "Exaggeration"), "enter", "escape", "end", "enter"],
}

# Screens of the kinds the mini bank lacks, on the mini bank with a find and a source question added.
MORE_SCREENS = {
    "question_find": [("menu", "kind:find"), "right", "right", "space"],
    "feedback_find": [("menu", "kind:find"), *["right"] * 28, "space", "shift+right", "shift+right",
                      "shift+right", "shift+right", "enter"],
    "question_source": [("menu", "kind:source"), "down"],
}


async def _press(pilot, steps) -> None:
    await pilot.pause()
    for key in steps:
        if isinstance(key, tuple) and key[0] == "menu":
            index = [entry.key for entry in pilot.app.screen.menu].index(key[1])
            await pilot.press(*["down"] * index, "enter")
        else:
            await pilot.press(number_of(pilot.app, key[1]) if isinstance(key, tuple) else key)
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, mini, make_app, screen, size):
    async def run_before(pilot):
        await _press(pilot, SCREENS[screen])

    assert snap_compare(make_app(mini), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(MORE_SCREENS))
def test_screen_of_the_newer_kinds(snap_compare, mini_more, make_app, screen, size):
    async def run_before(pilot):
        await _press(pilot, MORE_SCREENS[screen])

    assert snap_compare(make_app(mini_more), run_before=run_before, terminal_size=size)


NO_COLOR_SCREENS = ["question_single", "question_all_that_apply", "feedback_wrong", "article_context", "home"]


@pytest.mark.parametrize("screen", NO_COLOR_SCREENS)
def test_screen_without_colour(snap_compare, mini, make_app, monkeypatch, screen):
    """With NO_COLOR set, selection, right/wrong and the quoted passage stay visible by text and style."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot):
        await _press(pilot, SCREENS[screen])

    app = make_app(mini)
    assert app.no_color
    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", ["question_find", "feedback_find"])
def test_find_without_colour(snap_compare, mini_more, make_app, monkeypatch, screen, size):
    """Marked words, the word cursor and the key stay visible by characters and style alone."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot):
        await _press(pilot, MORE_SCREENS[screen])

    app = make_app(mini_more)
    assert app.no_color
    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, mini, make_app, size):
    assert snap_compare(make_app(mini), press=["f1"], terminal_size=size)


def test_learner_name_screen(snap_compare, mini, make_app, tmp_path):
    app = make_app(mini, learners=tmp_path / "class")
    assert snap_compare(app, press=[*"Ana"], terminal_size=(80, 24))


def test_damaged_progress_screen(snap_compare, mini, make_app, tmp_path, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(tmp_path)  # a relative path keeps the message, and the snapshot, the same each run
    progress = Path("progress.toml")
    progress.write_text("schema_version = 1\nanswers = [oops\n")
    app = make_app(mini, progress=progress)
    assert snap_compare(app, terminal_size=(80, 24))
