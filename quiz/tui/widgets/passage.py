"""A quoted passage, set apart, under a line saying which article it is from and who is speaking."""

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quiz.domain.models import Source


def source_line(source: Source) -> Content:
    who = f"Author: {source.author}" if source.author else f"Speaker: {source.voice}"
    return Content.assemble((f"{source.outlet} {source.kind}", "bold"), f" · {who}")


class PassageView(Vertical):
    DEFAULT_CSS = """
    PassageView { height: auto; margin-bottom: 1; }
    PassageView > .source { color: $text-muted; }
    PassageView > .quote {
        border-left: thick $accent; padding: 0 1; margin-top: 0; text-style: italic;
    }
    """

    def __init__(self, source: Source, quote: str) -> None:
        super().__init__()
        self.source = source
        self.quote = quote

    def compose(self) -> ComposeResult:
        yield Static(source_line(self.source), classes="source")
        yield Static(Content(self.quote), classes="quote")
