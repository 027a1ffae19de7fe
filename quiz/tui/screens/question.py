"""The question screen: passage(s), prompt and options; after Enter, the feedback on the same screen."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ProgressBar, Static

from quiz.domain.models import KINDS
from quiz.session import Phase, QuizSession, SessionError
from quiz.tui.screens.article import ArticleScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.widgets.choices import Confirmed, MultiChoice, SingleChoice
from quiz.tui.widgets.feedback import FeedbackPanel
from quiz.tui.widgets.passage import PassageView, source_line

DIFFICULTY = {1: "●○○ easy", 2: "●●○ medium", 3: "●●● hard"}


class QuestionScreen(Screen):
    BINDINGS = [
        Binding("enter", "next", "Next"),
        Binding("c", "context", "In the article"),
        Binding("s", "confidence", "Sure?"),
        Binding("escape", "home", "Home"),
        *(Binding(str(n), f"pick({n})", f"Option {n}", show=False) for n in range(1, 10)),
    ]

    CONFIDENCE = (None, "sure", "unsure")

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.question = session.current
        self.confidence: str | None = None
        """What the learner said of the answer they are about to give; asked afresh for each question."""

    @property
    def learner(self):
        return self.app.learner

    def compose(self) -> ComposeResult:
        session, question, bank = self.session, self.question, self.session.bank
        yield Header()
        with Horizontal(id="progress-row"):
            yield Label(f"Question {session.number} of {session.total} · {KINDS[question.kind]} · "
                        f"{DIFFICULTY[question.difficulty]}", id="position")
            yield ProgressBar(total=session.total, show_eta=False, show_percentage=False, id="bar")
        with VerticalScroll(id="body"):
            if question.kind == "unsupported":
                yield Static(source_line(bank.sources[question.source]), classes="source")
            else:
                for passage in question.quotes():
                    yield PassageView(bank.sources[passage.source], passage.quote)
            yield Static(Content(question.prompt), classes="prompt")
            options = [(key, bank.label(question, key)) for key in session.options]
            if session.phase is Phase.ASKING:
                if question.multiple:
                    yield Static("Tick all that apply: number keys or Space, then Enter.", classes="how")
                    yield MultiChoice(options, id="choices")
                else:
                    yield Static("Choose one: number keys or ↑ ↓, then Enter.", classes="how")
                    yield SingleChoice(options, id="choices")
                yield Static(self._confidence_text(), id="confidence")
            else:
                yield FeedbackPanel(bank, question, session.options, session.last_answer,
                                    last=session.number == session.total)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.session.quiz.title
        self._settle()

    def _settle(self) -> None:
        """After (re)composing: the bar shows the answers given, focus goes where the keys now act."""
        self.query_one(ProgressBar).update(progress=len(self.session.answers))
        self.query_one("#choices" if self.session.phase is Phase.ASKING else "#body").focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.session.phase is Phase.ANSWERED
        if action in ("pick", "confidence"):
            return self.session.phase is Phase.ASKING
        return True

    def _confidence_text(self) -> str:
        said = {None: "not said", "sure": "sure", "unsure": "unsure"}[self.confidence]
        return f"How sure are you? {said} (press s to change; optional)"

    def action_confidence(self) -> None:
        options = self.CONFIDENCE
        self.confidence = options[(options.index(self.confidence) + 1) % len(options)]
        self.query_one("#confidence", Static).update(self._confidence_text())

    def action_pick(self, number: int) -> None:
        self.query_one("#choices", SingleChoice | MultiChoice).pick(number - 1)

    @on(Confirmed)
    async def answer(self, event: Confirmed) -> None:
        if not event.keys:
            self.notify("Tick at least one option first (number keys or Space).", severity="warning")
            return
        try:
            self.learner.answer(self.session, event.keys, self.confidence)
        except SessionError as error:
            self.notify(str(error), severity="warning")
            return
        await self.recompose()
        self._settle()
        self.call_after_refresh(self._show_verdict)

    def _show_verdict(self) -> None:
        """On a small terminal the feedback starts below the fold: bring the verdict to the top."""
        self.query_one("#body", VerticalScroll).scroll_to_widget(
            self.query_one(".verdict"), animate=False, top=True)

    async def action_next(self) -> None:
        if self.session.phase is not Phase.ANSWERED:
            return
        self.session.advance()
        if self.session.phase is Phase.FINISHED:
            self.app.switch_screen(ResultsScreen(self.session))
            return
        self.question = self.session.current
        self.confidence = None
        await self.recompose()
        self._settle()

    def action_context(self) -> None:
        self.app.push_screen(ArticleScreen(list(self.session.bank.highlights(self.question).items())))

    def action_home(self) -> None:
        self.app.pop_screen()
