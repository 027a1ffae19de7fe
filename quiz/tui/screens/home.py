"""Home: review what is due, start a quiz (on everything, one article or one kind of question, narrowed by
technique, difficulty and length), continue an unfinished quiz, see totals; `t` opens the stats."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Select, Static
from textual.widgets.option_list import Option

from quiz.session import MenuEntry, QuizSession, Selection, SessionError, quiz_menu
from quiz.tui.screens.stats import StatsScreen
from quiz.words import counted

LENGTHS = [("5 questions", 5), ("10 questions", 10), ("20 questions", 20), ("All questions", 0)]
DIFFICULTIES = [("Any difficulty", 0), ("1: easy", 1), ("2: medium", 2), ("3: hard", 3)]
REVIEW = "review"


class HomeScreen(Screen):
    BINDINGS = [
        Binding("r", "resume", "Continue"),
        Binding("t", "stats", "Stats"),
    ]

    @property
    def learner(self):
        return self.app.learner

    def __init__(self) -> None:
        super().__init__()
        self.menu: list[MenuEntry] = []
        self.resumable: QuizSession | None = None
        """The unfinished quiz as of the last refresh, so bindings need not rebuild it on every check."""

    def compose(self) -> ComposeResult:
        bank = self.learner.bank
        yield Header()
        with VerticalScroll(id="home"):
            yield Static("How does this text try to persuade you?", classes="title")
            yield Static(
                "Each question quotes opinion writing and asks how it persuades: its words, its "
                "evidence, what it leaves out. No question asks who is right.",
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
            yield OptionList(id="scopes")
            yield Static("Narrow it down (Tab to reach these):", classes="heading")
            with Horizontal(id="filters"):
                yield Select([(Content("Any technique"), "")] +
                             [(Content(bank.skill_name(s)), s) for s in bank.skills()],
                             allow_blank=False, value="", id="skill")
                yield Select(DIFFICULTIES, allow_blank=False, value=0, id="difficulty")
                yield Select(LENGTHS, allow_blank=False, value=10, id="length")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#read-only").display = self.learner.read_only
        self.refresh_state()
        self.query_one("#scopes").focus()

    def on_screen_resume(self) -> None:
        self.refresh_state()

    def refresh_state(self) -> None:
        learner, bank = self.learner, self.learner.bank
        totals = learner.totals()
        due = learner.due()
        summary = (f"So far: {counted(totals.answered, 'answer')}, {totals.correct} right "
                   f"({round(100 * totals.score / totals.answered)}% of the marks)."
                   if totals.answered else "No answers yet: your progress is saved after every answer.")
        if totals.answered:
            summary += f" {len(due)} due for review." if due else " Nothing is due for review."
        self.query_one("#totals", Static).update(summary)
        unfinished = self.resumable = learner.unfinished()
        self.query_one("#unfinished", Static).update(
            Content(f"Unfinished: {unfinished.quiz.title}, {len(unfinished.answers)} of "
                    f"{unfinished.total} answered. Press r to continue.") if unfinished else ""
        )
        self.query_one("#unfinished").display = unfinished is not None
        scopes = self.query_one("#scopes", OptionList)
        highlighted = scopes.highlighted
        scopes.clear_options()
        if due:
            scopes.add_option(Option(Content(f"Review: {len(due)} due now, most overdue first"), id=REVIEW))
        self.menu = quiz_menu(bank)
        scopes.add_options(Option(Content(f"{entry.label}  ({entry.size})"), id=str(n))
                           for n, entry in enumerate(self.menu))
        scopes.highlighted = min(highlighted or 0, scopes.option_count - 1)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.resumable is not None
        return True

    def action_resume(self) -> None:
        if self.resumable is not None:
            self.app.open_quiz(self.resumable)

    def action_stats(self) -> None:
        self.app.push_screen(StatsScreen())

    @on(OptionList.OptionSelected, "#scopes")
    def start(self, event: OptionList.OptionSelected) -> None:
        count = self.query_one("#length", Select).value or None
        if event.option.id == REVIEW:
            selection = self.learner.review_selection(count, seed=self.app.seed)
        else:
            scope = self.menu[int(event.option.id)]
            selection = Selection(source=scope.source, kind=scope.kind,
                                  skill=self.query_one("#skill", Select).value or None,
                                  difficulty=self.query_one("#difficulty", Select).value or None,
                                  count=count, seed=self.app.seed)
        try:
            session = self.learner.start(selection)
        except SessionError as error:
            self.notify(f"{error}: widen the filters.", severity="warning")
            return
        self.app.open_quiz(session)
