"""The Textual app: opens the learner's progress and moves between screens; the rules live below it."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App

from quiz.domain.bank import Bank
from quiz.learner import Learner, utc_now
from quiz.session import QuizSession
from quiz.storage.progress_file import ProgressError, move_aside
from quiz.tui.screens.damaged import DamagedProgressScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen


class QuizApp(App[None]):
    CSS_PATH = "quiz.tcss"
    TITLE = "Media literacy quiz"

    def __init__(self, bank: Bank, progress_path: Path, *, seed: int | None = None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self.bank = bank
        self.progress_path = progress_path
        self.seed = seed
        """Fixes question and option order when set (tests, `--seed`); None shuffles afresh."""
        self.clock = clock
        self.learner: Learner | None = None

    def on_mount(self) -> None:
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

    def on_unmount(self) -> None:
        if self.learner is not None:
            self.learner.close()
