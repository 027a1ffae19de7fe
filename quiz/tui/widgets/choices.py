"""Option lists that answer with the keyboard: number keys pick, arrows move, Enter confirms.

Both lists say in characters what colour would otherwise say: the highlighted option is in reverse video
(see quiz.tcss), and in "all that apply" each option starts with [x] when ticked and [ ] when not.
"""

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class HonoursReverse:
    """Applies `text-style: reverse` from the stylesheet to component styles. Textual 8's
    `get_visual_style` keeps bold, italic and underline but drops reverse, so the rule that shows the
    highlighted option in reverse video without colour (quiz.tcss, `:nocolor`) would do nothing."""

    def get_visual_style(self, *component_classes: str, partial: bool = False) -> Style:
        style = super().get_visual_style(*component_classes, partial=partial)
        if any(self.get_component_styles(name).text_style.reverse for name in component_classes):
            style = style + Style(reverse=True)
        return style


class MenuList(HonoursReverse, OptionList):
    """An option list whose highlight stays visible without colour (the home screen's quiz menu)."""


class Confirmed(Message):
    """The learner pressed Enter on their answer: the chosen option keys, or the words marked."""

    def __init__(self, keys: list[str] = (), words: list[int] = ()) -> None:
        super().__init__()
        self.keys = list(keys)
        self.words = list(words)


class SingleChoice(HonoursReverse, OptionList):
    """One answer: a number key highlights that option, Enter confirms the highlighted one.

    Nothing is highlighted until the learner picks, so an Enter pressed once too often after the
    previous feedback cannot answer the next question by itself, and the question opens at its top."""

    BINDINGS = [Binding("enter", "confirm", "Answer", show=False)]

    def __init__(self, options: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(
            *(Option(Content(f"{n}. {label}"), id=key) for n, (key, label) in enumerate(options, 1)),
            **kwargs,
        )

    def on_mount(self) -> None:
        self.highlighted = None

    def action_confirm(self) -> None:
        if self.highlighted is None:
            self.post_message(Confirmed())
        else:
            self.action_select()

    def pick(self, index: int) -> None:
        if 0 <= index < self.option_count:
            self.highlighted = index

    async def _on_click(self, event) -> None:
        """A click highlights an option; a click on the highlighted one answers with it, as Enter does,
        so that a stray click never answers."""
        clicked = event.style.meta.get("option")
        if clicked is None:
            return
        if clicked == self.highlighted:
            self.action_select()
        else:
            self.highlighted = clicked

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Confirmed(keys=[event.option.id]))


class MultiChoice(HonoursReverse, OptionList):
    """All that apply: a number key or Space ticks or unticks an option, Enter confirms the ticked ones."""

    BINDINGS = [Binding("space", "toggle", "Tick", show=False),
                Binding("enter", "confirm", "Answer", show=False)]

    def __init__(self, options: list[tuple[str, str]], **kwargs) -> None:
        self.labels = options
        self.ticked: set[str] = set()
        super().__init__(*(Option(self._prompt(n, key, label), id=key)
                           for n, (key, label) in enumerate(options)), **kwargs)

    def on_mount(self) -> None:
        self.highlighted = None  # as in SingleChoice: every highlight is the learner's doing

    def _prompt(self, index: int, key: str, label: str) -> Content:
        box = "[x]" if key in self.ticked else "[ ]"
        return Content(f"{index + 1}. {box} {label}")

    def pick(self, index: int) -> None:
        if 0 <= index < self.option_count:
            self.highlighted = index
            self.action_toggle()

    def action_toggle(self) -> None:
        if self.highlighted is None:
            return
        key, label = self.labels[self.highlighted]
        self.ticked ^= {key}
        self.replace_option_prompt_at_index(self.highlighted, self._prompt(self.highlighted, key, label))

    async def _on_click(self, event) -> None:
        """A click ticks or unticks the option clicked; Enter answers."""
        clicked = event.style.meta.get("option")
        if clicked is not None:
            self.highlighted = clicked
            self.action_toggle()

    def action_confirm(self) -> None:
        """Enter answers with the ticked options (none ticked: the screen asks for a tick)."""
        self.post_message(Confirmed(keys=[key for key, _ in self.labels if key in self.ticked]))
