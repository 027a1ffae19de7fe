"""The Textual app: holds the learner and moves between screens; every rule lives in the layers below."""

from textual.app import App

from quiz.learner import Learner
from quiz.session import QuizSession
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen


class QuizApp(App[None]):
    CSS_PATH = "quiz.tcss"
    TITLE = "Media literacy quiz"

    def __init__(self, learner: Learner, *, seed: int | None = None) -> None:
        super().__init__()
        self.learner = learner
        self.seed = seed
        """Fixes question order when set (tests, `--seed`); None shuffles afresh each quiz."""

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())

    def open_quiz(self, session: QuizSession) -> None:
        self.push_screen(QuestionScreen(session))
