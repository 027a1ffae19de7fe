"""Home: choose what to be quizzed on and how many questions, continue an unfinished quiz, see totals."""

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from quiz.domain.models import KINDS
from quiz.session import Selection, SessionError

LENGTHS = (5, 10, 20, None)
"""Quiz lengths the `l` key cycles through; None takes every matching question."""


@dataclass(frozen=True)
class Scope:
    label: str
    source: str | None = None
    kind: str | None = None


class HomeScreen(Screen):
    BINDINGS = [
        Binding("l", "cycle_length", "Length"),
        Binding("r", "resume", "Continue"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.length_index = 1

    @property
    def learner(self):
        return self.app.learner

    def scopes(self) -> list[Scope]:
        bank = self.learner.bank
        scopes = [Scope("All questions")]
        scopes += [Scope(f"Only the {s.outlet} {s.kind}", source=s.id) for s in bank.sources.values()]
        scopes += [Scope(name, kind=kind) for kind, name in KINDS.items() if bank.select(kind=kind)]
        return scopes

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static("How does this text try to persuade you?", classes="title")
            yield Static(
                "Two opinion articles take opposite sides on the same man, Mukhtar Ablyazov. "
                "The questions ask how each one persuades: its words, its evidence, what it leaves "
                "out. They never ask who is right.",
                classes="intro",
            )
            yield Static(id="totals")
            yield Static(
                "Read-only: another quiz window is using this progress file, so answers given here "
                "are not saved. Close the other window, then start this one again.",
                id="read-only",
            )
            yield Static(id="unfinished")
            yield Static("Choose a quiz (↑ ↓, then Enter):", classes="heading")
            bank = self.learner.bank
            yield OptionList(
                *(Option(Content(f"{scope.label}  ({len(bank.select(source=scope.source, kind=scope.kind))})"),
                         id=str(n))
                  for n, scope in enumerate(self.scopes())),
                id="scopes",
            )
            yield Static(id="length")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#read-only").display = self.learner.read_only
        self.refresh_state()
        self.query_one("#scopes").focus()

    def on_screen_resume(self) -> None:
        self.refresh_state()

    def refresh_state(self) -> None:
        totals = self.learner.totals()
        self.query_one("#totals", Static).update(
            f"So far: {totals.answered} answers, {totals.correct} right "
            f"({round(100 * totals.score / totals.answered) if totals.answered else 0}% of the marks)."
            if totals.answered else "No answers yet: your progress is saved after every answer."
        )
        unfinished = self.learner.unfinished()
        self.query_one("#unfinished", Static).update(
            Content(f"Unfinished: {unfinished.quiz.title}, {len(unfinished.answers)} of "
                    f"{unfinished.total} answered. Press r to continue.") if unfinished else ""
        )
        self.query_one("#unfinished").display = unfinished is not None
        length = LENGTHS[self.length_index]
        self.query_one("#length", Static).update(
            f"Length: {length or 'all'} questions (press l to change)."
        )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.learner.progress.unfinished is not None and self.learner.unfinished() is not None
        return True

    def action_cycle_length(self) -> None:
        self.length_index = (self.length_index + 1) % len(LENGTHS)
        self.refresh_state()

    def action_resume(self) -> None:
        session = self.learner.unfinished()
        if session is not None:
            self.app.open_quiz(session)

    @on(OptionList.OptionSelected, "#scopes")
    def start(self, event: OptionList.OptionSelected) -> None:
        scope = self.scopes()[int(event.option.id)]
        selection = Selection(source=scope.source, kind=scope.kind,
                              count=LENGTHS[self.length_index], seed=self.app.seed)
        try:
            session = self.learner.start(selection)
        except SessionError as error:
            self.notify(str(error), severity="warning")
            return
        self.app.open_quiz(session)
