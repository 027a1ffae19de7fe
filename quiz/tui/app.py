"""The Textual app: opens the learner's progress and moves between screens; the rules live below it."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from quiz.domain.bank import Bank
from quiz.learner import Learner, SaveFailed, utc_now
from quiz.session import QuizSession, Selection, SessionError
from quiz.storage.progress_file import ProgressError, move_aside
from quiz.tui.commands import QuizCommands
from quiz.tui.screens.article import ArticleScreen
from quiz.tui.screens.damaged import DamagedProgressScreen
from quiz.tui.screens.glossary import GlossaryScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.learner_name import LearnerNameScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.stats import StatsScreen
from quiz.tui.screens.unfinished import DropUnfinishedScreen

THEMES = ("textual-dark", "textual-light")


class QuizApp(App[None]):
    CSS_PATH = "quiz.tcss"
    TITLE = "Media literacy quiz"
    COMMANDS = {QuizCommands}
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    def __init__(self, bank: Bank, progress_path: Path | None, *, seed: int | None = None,
                 clock: Callable[[], datetime] = utc_now, learners: Path | None = None) -> None:
        super().__init__()
        self.bank = bank
        self.progress_path = progress_path
        self.learners = learners
        """A folder of progress files, one per learner by name; the app then asks who is taking it."""
        self.seed = seed
        """Fixes question and option order when set (tests, `--seed`); None shuffles afresh."""
        self.clock = clock
        self.learner: Learner | None = None

    def on_mount(self) -> None:
        if self.learners is not None:
            self.push_screen(LearnerNameScreen())
        else:
            self.open_progress()

    def choose_learner(self, name: str, stem: str) -> None:
        """Use the progress file of the learner who typed `name`."""
        self.progress_path = self.learners / f"{stem}.toml"
        self.sub_title = name  # the header shows titles as plain text, never markup
        self.pop_screen()
        self.open_progress()

    def open_progress(self) -> None:
        try:
            self.learner = Learner.open(self.bank, self.progress_path, self.clock)
        except ProgressError as error:
            self.push_screen(DamagedProgressScreen(str(error)))
            return
        self.push_screen(HomeScreen())

    def move_progress_aside(self) -> None:
        """Keep the unreadable file under a timestamped name, then start with fresh progress."""
        kept = move_aside(self.progress_path, self.clock())
        self.pop_screen()
        self.open_progress()
        self.notify(f"Your old progress file was kept as {kept.name}.", timeout=15, markup=False)

    def open_quiz(self, session: QuizSession) -> None:
        self.push_screen(QuestionScreen(session))

    def start_quiz(self, selection: Selection) -> None:
        """Start a quiz; if one is unfinished with answers in it, ask first whether to continue it or
        drop it (one with no answer yet is replaced without asking: nothing of the learner's is lost)."""
        unfinished = self.learner.unfinished()
        if unfinished is None or not unfinished.answers:
            self._start(selection)
            return

        def decided(choice: str | None) -> None:
            if choice == "continue":
                self.open_quiz(unfinished)
            elif choice == "drop":
                self._start(selection)

        self.push_screen(DropUnfinishedScreen(unfinished.quiz.title, len(unfinished.answers),
                                              unfinished.total, selection.title(self.bank)), decided)

    def _start(self, selection: Selection) -> None:
        try:
            session = self.learner.start(selection)
        except SessionError as error:
            self.notify(f"{error}: widen the filters.", severity="warning", markup=False)
            return
        except SaveFailed as error:
            self.save_failed(error)
            return
        self.open_quiz(session)

    def save_failed(self, error: SaveFailed) -> None:
        """Say that the last answer could not be saved, where it covers no feedback: on the question
        screen's own notice line, else as a notification."""
        message = f"{error} Your answers are kept in this window and saved with the next one."
        say = getattr(self.screen, "say", None)
        if say is not None:
            say(message)
        else:
            self.notify(message, severity="error", timeout=20, markup=False)

    def read_article(self, source_id: str) -> None:
        self.push_screen(ArticleScreen([(source_id, [])]))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_stats(self) -> None:
        self.push_screen(StatsScreen())

    def action_learn(self) -> None:
        self.push_screen(GlossaryScreen())

    def toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.current_theme.dark else THEMES[0]

    def on_unmount(self) -> None:
        if self.learner is not None:
            self.learner.close()
