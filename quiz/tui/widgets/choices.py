"""Option lists that answer with the keyboard: number keys pick, arrows move, Enter confirms."""

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection


class Confirmed(Message):
    """The learner pressed Enter on their choice: `keys` are the chosen option keys."""

    def __init__(self, keys: list[str]) -> None:
        super().__init__()
        self.keys = keys


class SingleChoice(OptionList):
    """One answer: a number key highlights that option, Enter confirms the highlighted one."""

    def __init__(self, options: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(
            *(Option(Content(f"{n}. {label}"), id=key) for n, (key, label) in enumerate(options, 1)),
            **kwargs,
        )

    def pick(self, index: int) -> None:
        if 0 <= index < self.option_count:
            self.highlighted = index

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Confirmed([event.option.id]))


class MultiChoice(SelectionList[str]):
    """All that apply: a number key or Space ticks an option, Enter confirms the ticked ones."""

    BINDINGS = [Binding("enter", "confirm", "Answer")]

    def __init__(self, options: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(
            *(Selection(Content(f"{n}. {label}"), key) for n, (key, label) in enumerate(options, 1)),
            **kwargs,
        )

    def pick(self, index: int) -> None:
        if 0 <= index < self.option_count:
            self.highlighted = index
            self.toggle(self.get_option_at_index(index).value)

    def action_confirm(self) -> None:
        self.post_message(Confirmed(list(self.selected)))
