"""Asked before a new quiz would replace an unfinished one: nothing is dropped without the learner's say."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class DropUnfinishedScreen(ModalScreen[str | None]):
    """Dismissed with "continue", "drop", or None (Esc: neither, back where the learner was)."""

    BINDINGS = [
        Binding("c", "dismiss('continue')", "Continue it"),
        Binding("d", "dismiss('drop')", "Drop it, start the new one"),
        Binding("escape", "dismiss(None)", "Back"),
    ]

    def __init__(self, title: str, answered: int, total: int, new_title: str) -> None:
        super().__init__()
        self.title_, self.answered, self.total, self.new_title = title, answered, total, new_title

    def compose(self) -> ComposeResult:
        with Vertical(id="drop-unfinished"):
            yield Static("You have an unfinished quiz", classes="title")
            yield Static(Content(f"{self.title_}: {self.answered} of {self.total} answered. Continue it, "
                                 f"or drop it and start {self.new_title}?"))
            yield Static("c: continue it · d: drop it and start the new one · Esc: back", classes="next")


class QuitAnywayScreen(ModalScreen[bool]):
    """Asked when quitting while answers could not be saved: quit and lose them, or stay."""

    BINDINGS = [
        Binding("q", "dismiss(True)", "Quit anyway"),
        Binding("escape", "dismiss(False)", "Stay"),
    ]

    def __init__(self, problem: str, unsaved: int) -> None:
        super().__init__()
        self.problem, self.unsaved = problem, unsaved

    def compose(self) -> ComposeResult:
        answers = f"{self.unsaved} answer{'' if self.unsaved == 1 else 's'}"
        with Vertical(id="drop-unfinished"):
            yield Static("Your last answers are not saved", classes="title")
            yield Static(Content(f"{self.problem}. {answers} given in this window would be lost; the "
                                 "answers saved before them are kept. Free some space or fix the "
                                 "folder, then quit again to save them."))
            yield Static("q: quit anyway · Esc: stay", classes="next")
