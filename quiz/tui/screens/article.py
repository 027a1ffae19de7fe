"""An article, whole, under its source card; opened from a question, the quoted passage is highlighted
and scrolled into view.

The highlight is reverse video plus a marker in the margin, so it stays visible without colour. The
title is shown once: as the article's own first lines when its text starts with it, else above it.
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from quiz.domain.anchoring import Span
from quiz.tui.screens.source_card import card
from quiz.tui.widgets.footer import QuizFooter


class ArticleScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("c", "app.pop_screen", "Back", show=False),
        Binding("o", "other", "Other article"),
    ]

    def __init__(self, views: list[tuple[str, list[Span]]]) -> None:
        super().__init__()
        self.views = views
        self.index = 0

    def compose(self) -> ComposeResult:
        bank = self.app.learner.bank
        source_id, spans = self.views[self.index]
        source = bank.sources[source_id]
        text = bank.texts[source_id]
        yield Header()
        with VerticalScroll(id="article"):
            yield Static(card(source, title=source.title not in text[:2000]), id="article-card")
            offset = 0
            for paragraph in text.split("\n\n"):
                start, end = offset, offset + len(paragraph)
                offset = end + 2
                inside = [s for s in spans if s.start < end and s.end > start]
                content = Content(paragraph)
                for span in inside:
                    content = content.stylize("reverse bold", max(0, span.start - start),
                                              min(len(paragraph), span.end - start))
                yield Static(content, classes="paragraph -quoted" if inside else "paragraph")
        yield QuizFooter()

    def on_mount(self) -> None:
        quoting = any(spans for _, spans in self.views)
        self.sub_title = "The passage in its article" if quoting else "Reading the article"
        self.call_after_refresh(self._scroll_to_quote)

    def _scroll_to_quote(self) -> None:
        quoted = self.query(".-quoted")
        if quoted:
            self.query_one("#article").scroll_to_widget(quoted.first(), animate=False, center=True)
        self.query_one("#article").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "other":
            return len(self.views) > 1
        return True

    async def action_other(self) -> None:
        self.index = (self.index + 1) % len(self.views)
        await self.recompose()
        self.call_after_refresh(self._scroll_to_quote)

