"""The Textual app: opens the learner's progress and moves between screens; the rules live below it."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from quiz.domain.bank import Bank
from quiz.learner import Learner, utc_now
from quiz.session import QuizSession, Selection, SessionError
from quiz.storage.progress_file import ProgressError, move_aside
from quiz.tui.screens.article import ArticleScreen
from quiz.tui.screens.damaged import DamagedProgressScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.learner_name import LearnerNameScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.stats import StatsScreen


class QuizApp(App[None]):
    CSS_PATH = "quiz.tcss"
    TITLE = "Media literacy quiz"
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
        self.sub_title = name
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
        self.notify(f"Your old progress file was kept as {kept.name}.", timeout=15)

    def open_quiz(self, session: QuizSession) -> None:
        self.push_screen(QuestionScreen(session))

    def start_quiz(self, selection: Selection) -> None:
        try:
            self.open_quiz(self.learner.start(selection))
        except SessionError as error:
            self.notify(str(error), severity="warning")

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen):
        """The command palette (Ctrl+P): Textual's own commands (themes, keys, quit) and the quiz's."""
        yield from super().get_system_commands(screen)
        if self.learner is None:
            return
        yield SystemCommand("Start a quiz", "Ten questions on both articles",
                            lambda: self.start_quiz(Selection(count=10, seed=self.seed)))
        for source in self.bank.sources.values():
            name = f"{source.outlet} {source.kind}"
            yield SystemCommand(f"Start a quiz on the {name}", f"Ten questions quoting only the {name}",
                                lambda s=source.id: self.start_quiz(Selection(source=s, count=10, seed=self.seed)))
            yield SystemCommand(f"Read the {name}", source.title,
                                lambda s=source.id: self.push_screen(ArticleScreen([(s, [])])))
        yield SystemCommand("Review", "The questions due for review first",
                            lambda: self.start_quiz(self.learner.review_selection(10, self.seed)))
        yield SystemCommand("Stats", "Mastery per technique, accuracy per article, discernment",
                            lambda: self.push_screen(StatsScreen()))
        yield SystemCommand("Switch to the light theme" if self.current_theme.dark else "Switch to the dark theme",
                            "Swap dark and light colours",
                            lambda: setattr(self, "theme", "textual-light" if self.current_theme.dark
                                            else "textual-dark"))

    def on_unmount(self) -> None:
        if self.learner is not None:
            self.learner.close()
