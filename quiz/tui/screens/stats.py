"""Stats: mastery per technique with its trend, accuracy per article (does the learner read one side
more critically?), discernment, confidence calibration and what is due for review."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quiz.domain.stats import RECENT, accuracy_by_source, calibration, discernment, mastery
from quiz.tui.widgets.bars import bar, sparkline


def _share(right: int, total: int) -> str:
    return f"{right} of {total} ({right / total:.0%})" if total else "none yet"


def _when(label: str, right: int, total: int) -> str:
    return f"When you were {label}: {right} of {total} right ({right / total:.0%})." if total else \
        f"When you were {label}: no answers yet."


class StatsScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Home"), Binding("t", "app.pop_screen", "Home", show=False)]

    def compose(self) -> ComposeResult:
        learner = self.app.learner
        bank, answers = learner.bank, learner.progress.answers
        yield Header()
        with VerticalScroll(id="stats"):
            yield Static("Your progress", classes="title")
            if not answers:
                yield Static("No answers yet. Take a quiz, and your mastery of each technique, your "
                             "accuracy on each article and more will show here.")
            skills = mastery(bank, answers)
            if skills:
                yield Static(f"Mastery by technique: your last {RECENT} answers on each, then the "
                             "trend (one mark per quiz, oldest first) and how many you answered",
                             classes="heading")
                width = max(len(m.name) for m in skills)
                for m in skills:
                    yield Static(Content(f"{m.name:<{width}} {bar(m.share, 10)} {m.share:4.0%} "
                                         f"{sparkline(m.trend):<12} {m.attempts:>3}"), classes="skill")
            articles = accuracy_by_source(bank, answers)
            if articles:
                yield Static("Accuracy by article (a gap suggests you read one side less critically)",
                             classes="heading")
                width = max(len(a.name) for a in articles)
                for a in articles:
                    yield Static(Content(f"{a.name:<{width}} {bar(a.share, 10)} {a.share:4.0%}  "
                                         f"({a.correct} of {a.answered} right)"), classes="article")
            d = discernment(bank, answers)
            if d.signals:
                yield Static("Discernment (unsupported claims and all-that-apply)", classes="heading")
                yield Static(
                    f"Right options chosen (hits): {_share(d.hits, d.signals)}\n"
                    f"Sound options wrongly chosen (false alarms): {_share(d.false_alarms, d.noises)}\n"
                    f"Discernment: {d.score:+.2f}  (hits rate minus false-alarm rate: 1 is perfect; "
                    "choosing everything, or guessing, earns about 0)", id="discernment")
            c = calibration(answers)
            yield Static("Confidence", classes="heading")
            if c.sure or c.unsure:
                yield Static(f"{_when('sure', c.sure_right, c.sure)}\n"
                             f"{_when('unsure', c.unsure_right, c.unsure)}", id="calibration")
            else:
                yield Static("Press s on a question to say whether you are sure before answering; "
                             "how often your sure answers are right will show here.", id="calibration")
            due = learner.due()
            yield Static("Review", classes="heading")
            yield Static(f"{len(due)} questions due now." if due else "Nothing is due for review now.",
                         id="due")
            yield Static("Press Esc to go home.", classes="next")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Stats"
