"""A passage the learner marks word by word, for "find it in the text" questions.

← → move a word cursor, Space marks or unmarks the word under it, Shift+← → marks as it moves (extending
a marked run), Enter answers; a click on a word marks or unmarks it. The cursor is in reverse video and
marked words are underlined and bold (with a background where there is colour), so both show without
colour; the line under the passage says in words what is marked.
"""

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widgets import Static

from quiz import feedback
from quiz.domain.tokens import Word
from quiz.tui.widgets.choices import Confirmed, HonoursReverse


class WordMarker(HonoursReverse, Static, can_focus=True):
    DEFAULT_CSS = """
    WordMarker { height: auto; padding: 0 1; border-left: thick $accent; }
    WordMarker > .word-marker--marked { text-style: bold underline; background: $accent 30%; }
    WordMarker:nocolor > .word-marker--marked { background: initial; }
    WordMarker > .word-marker--cursor { text-style: reverse; }
    WordMarker:blur > .word-marker--cursor { text-style: none; }
    """
    COMPONENT_CLASSES = {"word-marker--marked", "word-marker--cursor"}
    BINDINGS = [
        Binding("left", "move(-1)", "Word before", show=False),
        Binding("right", "move(1)", "Word after", show=False),
        Binding("shift+left", "extend(-1)", "Mark leftwards", show=False),
        Binding("shift+right", "extend(1)", "Mark rightwards", show=False),
        Binding("space", "toggle", "Mark", show=False),
        Binding("enter", "confirm", "Answer", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(self, passage: str, words: list[Word], **kwargs) -> None:
        super().__init__(**kwargs)
        self.passage = passage
        self.words = words
        self.marked: set[int] = set()

    def on_mount(self) -> None:
        self._draw()

    def watch_cursor(self) -> None:
        self._draw()

    def on_focus(self) -> None:
        self._draw()

    def on_blur(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        marked_style = self.get_visual_style("word-marker--marked", partial=True)
        cursor_style = self.get_visual_style("word-marker--cursor", partial=True)
        content = Content(self.passage)
        for index, word in enumerate(self.words):
            content = content.stylize(Style.from_meta({"word": index}), word.start, word.end)
            if index in self.marked:
                content = content.stylize(marked_style, word.start, word.end)
            if index == self.cursor and self.has_focus:
                content = content.stylize(cursor_style, word.start, word.end)
        self.update(content)
        self.post_message(self.Changed(self))

    class Changed(Message):
        """The marks or the cursor moved: the screen repeats the marks in words."""

        def __init__(self, marker: "WordMarker") -> None:
            super().__init__()
            self.marker = marker

    def describe(self) -> str:
        """What is marked, in words, for the line under the passage."""
        runs = feedback.runs(self.words, self.marked)
        if not runs:
            return "Nothing marked yet."
        return "Marked: " + "; ".join(f"“{run}”" for run in runs)

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(len(self.words) - 1, self.cursor + step))

    def action_extend(self, step: int) -> None:
        """Mark the word under the cursor, move, and mark the next one: a run grows as Shift is held."""
        self.marked.add(self.cursor)
        self.action_move(step)
        self.marked.add(self.cursor)
        self._draw()

    def action_toggle(self) -> None:
        self.marked ^= {self.cursor}
        self._draw()

    def action_confirm(self) -> None:
        self.post_message(Confirmed(words=sorted(self.marked)))

    def on_click(self, event) -> None:
        index = event.style.meta.get("word")
        if index is not None:
            self.marked ^= {index}
            self.cursor = index
            self._draw()
