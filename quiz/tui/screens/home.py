"""Home: what is due and when, the filters (technique, difficulty, length: `f`) and the quizzes they
narrow, each with how many questions it holds under them; continue an unfinished quiz (`r`), stats
(`t`), learn the techniques (`l`).

The filters stay set after a quiz (and the line above the quizzes says so), since a learner working on
one technique takes several quizzes on it; "Any technique" resets them.
"""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from quiz.menu import Filters, MenuEntry, quiz_menu
from quiz.session import QuizSession
from quiz.tui.screens import screen
from quiz.tui.widgets.choices import MenuList
from quiz.tui.widgets.footer import QuizFooter
from quiz.words import counted, due_summary, percent, tally


class HomeScreen(Screen):
    BINDINGS = [
        Binding("r", "resume", "Continue"),
        Binding("f", "filters", "Filters"),
        Binding("t", "stats", "Stats"),
        Binding("l", "learn", "Learn the techniques"),
    ]

    @property
    def learner(self):
        return self.app.learner

    def __init__(self) -> None:
        super().__init__()
        self.menu: list[MenuEntry] = []
        self.filters = Filters()
        """What every quiz is narrowed to; kept after a quiz, and said under the heading."""
        self.resumable: QuizSession | None = None
        """The unfinished quiz as of the last refresh, so bindings need not rebuild it on every check."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home", can_focus=False):
            yield Static("How does this text try to persuade you?", classes="title")
            yield Static("Each question asks how a text persuades, never who is right.",
                         classes="intro")
            yield Static(id="totals")
            yield Static(Content(f"Read-only: {self.learner.read_only_reason or ''}"), id="read-only")
            yield Static(id="unfinished")
            yield Static(id="filtered")
            yield Static("Choose a quiz (↑ ↓, then Enter):", classes="heading")
            yield MenuList(id="scopes", compact=True)
            yield Static(id="notice")
        yield QuizFooter()

    def on_mount(self) -> None:
        self.query_one("#read-only").display = self.learner.read_only
        self.refresh_state()
        self.query_one("#scopes").focus(scroll_visible=False)

    def on_screen_resume(self) -> None:
        self.refresh_state()

    def action_filters(self) -> None:
        def chosen(filters: Filters | None) -> None:
            if filters is not None and filters != self.filters:
                self.filters = filters
                self.refresh_state()

        self.app.push_screen(screen("filters", self.filters), chosen)

    def refresh_state(self) -> None:
        learner, bank = self.learner, self.learner.bank
        totals = learner.totals()
        summary = (f"So far: {counted(totals.answered, 'answer')}: "
                   f"{tally(totals.right, totals.partly, totals.answered)} "
                   f"({percent(totals.share)} of the marks). {due_summary(learner.forecast())}"
                   if totals.answered else "No answers yet: your progress is saved after every answer.")
        self.query_one("#totals", Static).update(summary)
        unfinished = self.resumable = learner.unfinished()
        self.query_one("#unfinished", Static).update(
            Content(f"Unfinished: {unfinished.quiz.title}, {len(unfinished.answers)} of "
                    f"{unfinished.total} answered. Press r to continue.") if unfinished else ""
        )
        self.query_one("#unfinished").display = unfinished is not None
        filters = self.filters
        described = filters.describe(bank)
        length = f"{filters.count} questions a quiz" if filters.count else "every question that matches"
        self.query_one("#filtered", Static).update(Content(
            f"Filters set: {described}; {length}. The counts below follow them (f to change)."
            if described else f"Filters: any technique, any difficulty; {length} (f to change)."))
        scopes = self.query_one("#scopes", OptionList)
        highlighted_key = (self.menu[scopes.highlighted].key
                           if scopes.highlighted is not None and scopes.highlighted < len(self.menu) else None)
        self.menu = quiz_menu(learner, filters, seed=self.app.seed)
        scopes.clear_options()
        scopes.add_options(Option(Content(entry.describe()), id=entry.key) for entry in self.menu)
        keys = [entry.key for entry in self.menu]
        scopes.highlighted = keys.index(highlighted_key) if highlighted_key in keys else 0
        self._describe_highlighted()
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted, "#scopes")
    def _describe_highlighted(self) -> None:
        """Say before starting when fewer questions match than the length asked."""
        scopes = self.query_one("#scopes", OptionList)
        notice = ""
        if scopes.highlighted is not None and scopes.highlighted < len(self.menu):
            entry = self.menu[scopes.highlighted]
            count = entry.selection.count
            if entry.size == 0:
                notice = "No question of this quiz matches the filters: widen them (Tab)."
            elif count and entry.size < count:
                notice = (f"This quiz will have {counted(entry.size, 'question')}, fewer than the "
                          f"{count} asked: only {entry.size} match.")
        self.query_one("#notice", Static).update(notice)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.resumable is not None
        return True

    def action_resume(self) -> None:
        if self.resumable is not None:
            self.app.open_quiz(self.resumable)

    def action_stats(self) -> None:
        self.app.action_stats()

    def action_learn(self) -> None:
        self.app.action_learn()

    @on(OptionList.OptionSelected, "#scopes")
    def start(self, event: OptionList.OptionSelected) -> None:
        entry = self.menu[event.option_index]
        if entry.size == 0:
            self.query_one("#notice", Static).update(
                "No question of this quiz matches the filters: widen them (Tab).")
            return
        self.app.start_quiz(entry.selection)
