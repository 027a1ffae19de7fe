"""The source card: what a careful reader checks about a text before believing it (outlet, kind, author
or speaker, date, language, what this copy lacks), opened from any question with `i`."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.domain.models import Source


def card(source: Source, title: bool = True) -> Content:
    """The card as lines of "Label: value", the title first unless `title` is False (for a text that
    opens with its own title, so it is not read twice)."""
    rows = [Content.styled(source.title, "bold")] if title else []
    rows += [Content.assemble((f"{label}: ", "bold"), value) for label, value in source.card()]
    return Content("\n").join(rows)


class SourceCardScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("i", "dismiss", "Close", show=False)]

    def __init__(self, source_ids: list[str]) -> None:
        super().__init__()
        self.source_ids = source_ids

    def compose(self) -> ComposeResult:
        bank = self.app.learner.bank
        with VerticalScroll(id="source-card"):
            yield Static("About the source", classes="title")
            for source_id in self.source_ids:
                yield Static(card(bank.sources[source_id]), classes="card")
            yield Static("Press Esc to close.", classes="next")
