"""What the learner sees after answering: right or wrong in words (colour only repeats it), each
option marked, the explanation, the technique's definition, and why each chosen wrong option is wrong."""

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quiz.domain.bank import Bank
from quiz.domain.models import Question
from quiz.domain.progress import AnswerRecord
from quiz.domain.scoring import is_correct, judge


def verdict(score: float) -> tuple[str, str]:
    """The verdict in words and the CSS class that colours it."""
    if is_correct(score):
        return "✔ Right.", "-right"
    if score > 0:
        return f"◐ Partly right: {score:.0%} of the marks.", "-partial"
    return "✘ Not right.", "-wrong"


class FeedbackPanel(Vertical):
    DEFAULT_CSS = """
    FeedbackPanel { height: auto; }
    FeedbackPanel > .verdict { text-style: bold; margin-bottom: 1; }
    FeedbackPanel > .-right { color: $success; }
    FeedbackPanel > .-partial { color: $warning; }
    FeedbackPanel > .-wrong { color: $error; }
    FeedbackPanel > .heading { text-style: bold; margin-top: 1; }
    FeedbackPanel > .next { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, bank: Bank, question: Question, order: list[str], record: AnswerRecord,
                 last: bool) -> None:
        super().__init__()
        self.bank, self.question, self.order, self.record, self.last = bank, question, order, record, last

    def compose(self) -> ComposeResult:
        bank, question, record = self.bank, self.question, self.record
        text, css = verdict(record.score)
        yield Static(text, classes=f"verdict {css}")
        verdict_ = judge(question.correct(), record.choice)
        for n, key in enumerate(self.order, 1):
            mark, status = _mark(question.multiple, key, verdict_)
            line = Content.assemble(f"{mark} {n}. ", bank.label(question, key),
                                    (f"  ({status})" if status else "", "italic"))
            yield Static(line, classes="option")
        yield Static("Why", classes="heading")
        yield Static(Content(question.explanation), classes="explanation")
        if question.kind != "unsupported":
            for key in sorted(question.correct()):
                technique = bank.techniques[key]
                yield Static(Content.assemble((technique.name, "bold"), f": {technique.definition}"),
                             classes="definition")
                yield Static(Content(f"Tip: {technique.hint}"), classes="hint")
        for key in record.choice:
            if key not in question.correct() and (reason := question.feedback_for(key)):
                label = bank.label(question, key)
                short = label if len(label) <= 60 else label[:57] + "…"
                yield Static(Content.assemble(("Why not ", "bold"), (short, "bold"), f": {reason}"),
                             classes="why-not")
        yield Static("Press Enter to see your results." if self.last
                     else "Press Enter for the next question.", classes="next")


def _mark(multiple: bool, key: str, verdict_) -> tuple[str, str]:
    if key in verdict_.hits:
        return "✔", "ticked, applies" if multiple else "your answer: right"
    if key in verdict_.false_alarms:
        return "✘", "ticked, does not apply" if multiple else "your answer: not this one"
    if key in verdict_.misses:
        return "→", "not ticked, but applies" if multiple else "the right answer"
    return "·", ""
