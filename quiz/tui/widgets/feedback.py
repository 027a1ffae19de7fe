"""What the learner sees after answering, drawn from `quiz.feedback` in its order: the verdict, why the
choice does not fit, the right answer, the explanation, the definition and tip, then every option marked.
Right and wrong are words and marks first; colour only repeats them."""

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quiz.feedback import Feedback
from quiz.words import shorten

MARK = {"right": "✔", "partial": "◐", "wrong": "✘"}


class FeedbackPanel(Vertical):
    DEFAULT_CSS = """
    FeedbackPanel { height: auto; }
    FeedbackPanel > .verdict { text-style: bold; }
    FeedbackPanel > .-right { color: $success; }
    FeedbackPanel > .-partial { color: $warning; }
    FeedbackPanel > .-wrong { color: $error; }
    FeedbackPanel > .answer { text-style: bold; margin-top: 1; }
    FeedbackPanel > .why-not, FeedbackPanel > .marks { margin-top: 1; }
    FeedbackPanel > .heading { text-style: bold; margin-top: 1; }
    FeedbackPanel > .definition { margin-top: 1; }
    FeedbackPanel > .hint { color: $text-muted; }
    FeedbackPanel > .options { margin-top: 1; }
    FeedbackPanel > .next { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, feedback: Feedback, last: bool, passage: Static | None = None) -> None:
        super().__init__()
        self.feedback, self.last, self.passage = feedback, last, passage
        """`passage`: for "find it in the text", the passage with the learner's marks and the key."""

    def compose(self) -> ComposeResult:
        shown = self.feedback
        yield Static(f"{MARK[shown.tone]} {shown.verdict}", classes=f"verdict -{shown.tone}")
        if shown.marks is not None:
            marked = "; ".join(f"“{run}”" for run in shown.marks.marked) or "nothing"
            yield Static(Content(f"You marked: {marked}\n{shown.marks.summary}"), classes="marks")
            if self.passage is not None:
                yield self.passage
        for label, reason in shown.why_not:
            yield Static(Content.assemble(("Why not ", "bold"), (shorten(label, 60), "bold"), f": {reason}"),
                         classes="why-not")
        if shown.answer:
            yield Static(Content(shown.answer), classes="answer")
        yield Static("Why", classes="heading")
        yield Static(Content(shown.explanation), classes="explanation")
        for technique in shown.techniques:
            yield Static(Content.assemble((technique.name, "bold"), f": {technique.definition}"),
                         classes="definition")
            yield Static(Content(f"Tip: {technique.hint}"), classes="hint")
        if shown.options:
            lines = [Content.assemble(f"{o.mark} {o.number}. ", o.label, (f"  ({o.status})", "italic"))
                     for o in shown.options]
            yield Static(Content("\n").join(lines), classes="options")
        yield Static("Press Enter to see your results." if self.last
                     else "Press Enter for the next question.", classes="next")
