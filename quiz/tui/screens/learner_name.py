"""For a class sharing one computer or a browser server: each learner types their name, and their
progress is kept in a file of that name in the teacher's folder."""

import re
import unicodedata

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from quiz.tui.widgets.footer import QuizFooter


def file_stem(name: str) -> str:
    """A learner's name as a safe file name: lowercase letters of any script, digits and dashes
    ('' if none), so that "Ana María" and "Айгерим" each keep a recognisable file."""
    folded = unicodedata.normalize("NFC", name).casefold()
    return re.sub(r"[\W_]+", "-", folded).strip("-")[:60]


class LearnerNameScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="learner-name"):
            yield Static("Who is taking the quiz?", classes="title")
            yield Static("Type your name and press Enter. Your answers are saved under it, so use the "
                         "same name next time to continue where you stopped.", classes="intro")
            yield Input(placeholder="Your name", id="name", max_length=60)
            yield Static("", id="name-problem")
        yield QuizFooter()

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    def on_click(self) -> None:
        """A click anywhere (the natural first click in a browser tab) leaves the keyboard in the name
        box: there is nothing else on this screen to type into."""
        self.query_one("#name").focus()

    @on(Input.Submitted, "#name")
    def chosen(self, event: Input.Submitted) -> None:
        stem = file_stem(event.value)
        if not stem:
            self.query_one("#name-problem", Static).update(
                "Please type a name with at least one letter or digit.")
            return
        self.app.choose_learner(event.value.strip(), stem)
