"""Shown instead of home when the progress file cannot be read: nothing is overwritten unless the
learner agrees to move the file aside (kept, with a timestamp) and start afresh."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from quiz.tui.widgets.footer import QuizFooter


class DamagedProgressScreen(Screen):
    BINDINGS = [
        Binding("m", "move_aside", "Move it aside and start afresh"),
        Binding("q", "app.quit", "Quit, leave it as it is"),
    ]

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="damaged"):
            yield Static("Your progress file cannot be read", classes="title")
            yield Static(Content(self.problem), id="problem")
            yield Static(
                "Nothing has been changed. Press m to move the file aside (it is kept, renamed with "
                "today's date, for you or a teacher to look at) and start with fresh progress, or q to "
                "quit and leave it exactly as it is.",
                classes="intro",
            )
        yield QuizFooter()

    def action_move_aside(self) -> None:
        self.app.move_progress_aside()
