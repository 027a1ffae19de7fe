"""Narrow every quiz down: a technique, a difficulty and the length of a quiz, chosen in a small dialog
opened from home with `f`; home shows what is set and counts every quiz under it."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static

from quiz.menu import Filters

LENGTHS = [("5 questions", 5), ("10 questions", 10), ("20 questions", 20), ("All that match", 0)]
DIFFICULTIES = [("Any difficulty", 0), ("1: easy", 1), ("2: medium", 2), ("3: hard", 3)]


class FiltersScreen(ModalScreen[Filters]):
    """Dismissed with the filters chosen (Esc or `f` closes it, keeping what is shown)."""

    BINDINGS = [Binding("escape", "done", "Done"), Binding("f", "done", "Done", show=False)]

    def __init__(self, filters: Filters) -> None:
        super().__init__()
        self.filters = filters

    def compose(self) -> ComposeResult:
        bank = self.app.learner.bank
        with Vertical(id="filters-dialog"):
            yield Static("Narrow every quiz down", classes="title")
            yield Label("Technique (a right answer of the question)")
            yield Select([(Content("Any technique"), "")] +
                         [(Content(bank.skill_name(s)), s) for s in bank.skills()],
                         allow_blank=False, value=self.filters.skill or "", id="skill", compact=True)
            yield Label("Difficulty")
            yield Select(DIFFICULTIES, allow_blank=False, value=self.filters.difficulty or 0, id="difficulty", compact=True)
            yield Label("Length of a quiz")
            yield Select(LENGTHS, allow_blank=False, value=self.filters.count or 0, id="length", compact=True)
            yield Static("Tab moves, Enter opens a list, Esc when done.", classes="next")

    def action_done(self) -> None:
        self.dismiss(Filters(skill=self.query_one("#skill", Select).value or None,
                             difficulty=self.query_one("#difficulty", Select).value or None,
                             count=self.query_one("#length", Select).value or None))
