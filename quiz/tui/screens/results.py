"""Results: the score, how each technique went in this quiz beside the learner's recent record on it, and
the questions missed, each with its quote, the answer given and the right one; `m` retries them."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from quiz.domain.discernment import RECENT, by_item
from quiz.feedback import missed
from quiz.session import QuizSession, Selection
from quiz.stats_text import this_quiz
from quiz.tui.widgets.footer import QuizFooter
from quiz.words import marks, percent, shorten, tally


class ResultsScreen(Screen):
    BINDINGS = [
        Binding("enter", "app.pop_screen", "Home"),
        Binding("escape", "app.pop_screen", "Home", show=False),
        Binding("m", "retry", "Retry the missed"),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.results = session.results()

    def compose(self) -> ComposeResult:
        results, bank = self.results, self.session.bank
        yield Header()
        with VerticalScroll(id="results"):
            yield Static(Content(f"{self.session.quiz.title}: finished"), classes="title")
            answers = results.tally
            yield Static(f"Score: {marks(answers.marks)} of {answers.answered} ({percent(answers.share)}): "
                         f"{tally(answers.right, answers.partly, answers.answered)}", id="score")
            rows = [s for s in results.skills if s.counts.signals or s.counts.false_alarms or s.words.signals]
            if rows:
                yield Static(f"By technique (spotted: chosen where it was; false alarms: chosen where "
                             f"it was not): this quiz, then your last {RECENT} answers offering it",
                             classes="heading")
                recent = by_item(bank, self.app.learner.progress.answers, recent=RECENT, words=False)
                lines = []
                for row in rows:
                    overall = recent.get(row.skill)
                    lines.append(Content.assemble((row.name, "bold"), f": {this_quiz(row.counts, row.words)}",
                                                  f"; recently {this_quiz(overall)}" if overall else ""))
                yield Static(Content("\n").join(lines), classes="skills")
            if results.missed:
                yield Static(f"Missed or partly right ({len(results.missed)}): press m to retry "
                             f"{'it' if len(results.missed) == 1 else 'them'}", classes="heading")
                for question, record in results.missed:
                    line = missed(bank, question, record)
                    yield Static(Content.assemble(("✘ " if record.score == 0 else "◐ ", "bold"),
                                                  shorten(line.about, 70)), classes="missed")
                    yield Static(Content(f"You: {shorten(line.chosen, 60)} · Answer: {shorten(line.right, 60)}"),
                                 classes="missed-answer")
            else:
                yield Static("Nothing missed.", classes="heading")
            yield Static("Press Enter to go home.", classes="next")
        yield QuizFooter()

    def on_mount(self) -> None:
        self.sub_title = "Results"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self.results.missed)
        return True

    def action_retry(self) -> None:
        ids = tuple(question.id for question, _ in self.results.missed)
        self.app.pop_screen()
        self.app.start_quiz(Selection(ids=ids, order="given", label="Retry the missed questions"))
