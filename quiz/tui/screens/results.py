"""Results: the score, how each technique went, and the questions missed with their right answers."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quiz.domain.stats import RECENT, mastery
from quiz.session import QuizSession
from quiz.tui.widgets.bars import bar


class ResultsScreen(Screen):
    BINDINGS = [Binding("enter", "app.pop_screen", "Home"), Binding("escape", "app.pop_screen", "Home", show=False)]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        results = self.session.results()
        bank = self.session.bank
        yield Header()
        with VerticalScroll(id="results"):
            yield Static(Content(f"{self.session.quiz.title}: finished"), classes="title")
            yield Static(f"Score: {results.score:g} of {results.total} ({results.percent}%)", id="score")
            yield Static(f"By technique: this quiz, then your mastery (last {RECENT} answers on each)",
                         classes="heading")
            learner = self.app.learner
            mastered = {m.skill: m.share for m in mastery(bank, learner.progress.answers)}
            width = max((len(s.name) for s in results.skills), default=0)
            for skill in results.skills:
                share = skill.score / skill.count
                overall = mastered.get(skill.skill, share)
                yield Static(Content(f"{skill.name:<{width}} {share:4.0%} {skill.score:g}/{skill.count}"
                                     f"  mastery {bar(overall, 10)} {overall:4.0%}"), classes="skill")
            yield Static("Missed" if results.missed else "Nothing missed.", classes="heading")
            for question, record in results.missed:
                right = ", ".join(bank.label(question, k) for k in sorted(question.correct()))
                chosen = ", ".join(bank.label(question, k) for k in record.choice)
                yield Static(Content.assemble(("✘ ", "bold"), question.prompt), classes="missed")
                yield Static(Content(f"You chose: {chosen}\nAnswer: {right}"), classes="missed-answer")
            yield Static("Press Enter to go home.", classes="next")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Results"
