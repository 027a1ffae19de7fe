"""The Textual app: opens the learner's progress and moves between screens; the rules live below it."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from quiz.domain.bank import Bank
from quiz.learner import Learner, SaveFailed, utc_now
from quiz.session import QuizSession, Selection, SessionError
from quiz.storage import collector
from quiz.storage.progress_file import ProgressError, ProgressUnavailable, move_aside
from quiz.tui.screens import screen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen

THEMES = ("textual-dark", "textual-light")


def _commands():
    """The palette's provider, imported when the palette first opens."""
    from quiz.tui.commands import QuizCommands

    return QuizCommands


class QuizApp(App[None]):
    CSS_PATH = "quiz.tcss"
    TITLE = "Media literacy quiz"
    COMMANDS = {_commands}
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
        self.call_after_refresh(self._started)
        if self.learners is not None:
            self.push_screen(screen("learner-name"))
        else:
            self.open_progress()

    def _started(self) -> None:
        """The first screen is up: resume the garbage collector `quiz_app` paused for the start, with
        every object made so far set aside from its passes (they live as long as the app)."""
        collector.started()

    def choose_learner(self, name: str, stem: str) -> None:
        """Use the progress file of the learner who typed `name`."""
        self.progress_path = self.learners / f"{stem}.toml"
        self.sub_title = name  # the header shows titles as plain text, never markup
        self.pop_screen()
        self.open_progress()

    def open_progress(self) -> None:
        try:
            self.learner = Learner.open(self.bank, self.progress_path, self.clock)
        except ProgressUnavailable as error:
            self.exit(return_code=1, message=f"Cannot use the progress file: {error}.\n"
                                             "Choose another with --progress PATH.")
            return
        except ProgressError as error:
            self.push_screen(screen("damaged", str(error)))
            return
        theme = self.learner.settings.theme
        if theme in self.available_themes:
            self.theme = theme
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

        self.push_screen(screen("drop-unfinished", unfinished.quiz.title, len(unfinished.answers),
                                unfinished.total, selection.title(self.bank)), decided)

    def _start(self, selection: Selection) -> None:
        try:
            session = self.learner.start(selection)
        except SessionError as error:
            self.notify(f"{error}: widen the filters.", severity="warning", markup=False)
            return
        except SaveFailed as error:
            self.open_quiz(error.session)
            self.call_after_refresh(self.save_failed, error)
            return
        self.open_quiz(session)

    def save_failed(self, error: SaveFailed) -> None:
        """Say that progress could not be saved, where it covers no feedback: on the question screen's
        own notice line, else as a notification."""
        message = f"{error}. Your answers are kept in this window and saved with the next one."
        say = getattr(self.screen, "say", None)
        if say is not None:
            say(message)
        else:
            self.notify(message, severity="error", timeout=20, markup=False)

    def read_article(self, source_id: str) -> None:
        self.push_screen(screen("article", [(source_id, [])]))

    def action_help(self) -> None:
        if type(self.screen).__name__ != "HelpScreen":
            self.push_screen(screen("help"))

    def action_stats(self) -> None:
        self.push_screen(screen("stats"))

    def action_learn(self) -> None:
        self.push_screen(screen("glossary"))

    def toggle_theme(self) -> None:
        """Swap dark and light, and keep the choice for next time (in the learner's progress file)."""
        self.theme = THEMES[1] if self.current_theme.dark else THEMES[0]
        if self.learner is not None:
            try:
                self.learner.save_settings(theme=self.theme)
            except SaveFailed as error:
                self.save_failed(error)

    async def action_quit(self) -> None:
        """Quit, after saving anything a failed save left in memory; if it still cannot be saved, ask
        before losing it."""
        if self.learner is not None and not self.learner.read_only:
            try:
                self.learner.flush()
            except SaveFailed as error:
                if type(self.screen).__name__ != "QuitAnywayScreen":
                    self.push_screen(screen("quit-anyway", str(error), self.learner.unsaved_answers),
                                     lambda quit_anyway: self.exit(return_code=1) if quit_anyway else None)
                return
        self.exit()

    def _fatal_error(self) -> None:
        """An unexpected error: its details go to a log file, and the learner reads one plain line
        instead of a traceback; the process exits 1 (Textual has set the return code)."""
        import traceback

        from quiz.locations import error_log

        details = "".join(traceback.format_exception(self._exception)) if self._exception else ""
        where = error_log()
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            with where.open("a", encoding="utf-8") as log:
                log.write(f"{self.clock().isoformat()}\n{details}\n")
            told = f"The details are in {where}."
        except OSError:
            told = "The details could not be written to a log file."
        saved = ("Answers given before it are saved." if self.learner is None or not self.learner.unsaved
                 else "Some answers could not be saved.")
        self._exit_renderables.append(f"The quiz stopped on an unexpected error. {saved} {told}")
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        if self.learner is not None:
            self.learner.close()
