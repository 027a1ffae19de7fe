"""The README's pictures are the real quiz on the bundled bank at 80x24, and stay current: this test
draws them afresh and compares. After an intended change of look or of the bank, rewrite them with
`QUIZ_UPDATE_PICTURES=1 python -m pytest tests/test_readme_pictures.py` and look at them."""

import os
from pathlib import Path


DOCS = Path(__file__).resolve().parent.parent / "docs"
SEED = 7


async def pictures(bank, make_app) -> dict[str, str]:
    """The question screen of the first question of "All questions", and its feedback after a wrong
    answer (the first wrong option), as SVG."""
    app = make_app(bank, seed=SEED)
    drawn = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        drawn["question.svg"] = app.export_screenshot(title="quiz")
        session = app.screen.session
        wrong = next(n for n, key in enumerate(session.options, 1) if key not in session.current.correct())
        await pilot.press(str(wrong), "enter")
        await pilot.pause()
        await pilot.pause()
        drawn["feedback.svg"] = app.export_screenshot(title="quiz")
    return drawn


async def test_the_readme_pictures_show_the_bundled_quiz_as_it_is(bundled, make_app):
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    for name, svg in (await pictures(bundled, make_app)).items():
        assert f"](docs/{name})" in readme, f"the README shows docs/{name}"
        if os.environ.get("QUIZ_UPDATE_PICTURES"):
            (DOCS / name).write_text(svg, encoding="utf-8")
        assert (DOCS / name).read_text(encoding="utf-8") == svg, (
            f"docs/{name} is out of date: rerun with QUIZ_UPDATE_PICTURES=1 and look at it")
