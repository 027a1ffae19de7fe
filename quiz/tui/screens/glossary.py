"""Learn the techniques: what each one is, what to look for, and where each article uses it, so a learner
can study before being tested (from home with `l`, or the command palette)."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from quiz.glossary import entries
from quiz.tui.widgets.footer import QuizFooter


class GlossaryScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("l", "app.pop_screen", "Back", show=False)]

    def compose(self) -> ComposeResult:
        bank = self.app.learner.bank
        yield Header()
        with VerticalScroll(id="glossary"):
            yield Static("Learn the techniques", classes="title")
            yield Static("Each technique, what to look for, and passages from the articles that use it.",
                         classes="intro")
            for entry in entries(bank):
                technique = entry.technique
                yield Static(Content.styled(technique.name, "bold"), classes="heading")
                yield Static(Content(technique.definition))
                yield Static(Content(f"Tip: {technique.hint}"), classes="hint")
                for source_id, quote in entry.examples:
                    source = bank.sources[source_id]
                    yield Static(Content.assemble((f"{source.outlet} {source.kind}: ", "italic"), f"“{quote}”"),
                                 classes="example")
        yield QuizFooter()

    def on_mount(self) -> None:
        self.sub_title = "Learn the techniques"
        self.query_one("#glossary").focus()
