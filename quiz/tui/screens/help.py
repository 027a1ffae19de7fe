"""Help: every key, and what each kind of question asks of the learner."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.domain.models import KINDS

KEYS = [
    ("↑ ↓", "move between options and lists"),
    ("1 to 9", "pick that option; in 'all that apply', tick or untick it"),
    ("Space", "tick or untick the highlighted option ('all that apply')"),
    ("Enter", "answer; on the feedback, go to the next question"),
    ("s", "say how sure you are before answering: sure, unsure, or not said"),
    ("c", "show the quote in its article, highlighted"),
    ("o", "in an article: switch to the other article"),
    ("Tab", "on the home screen: reach the filters (technique, difficulty, length)"),
    ("r", "on the home screen: continue the unfinished quiz"),
    ("t", "on the home screen: your stats"),
    ("Esc", "go back; your progress is kept"),
    ("Ctrl+P", "command palette: start a quiz, review, stats, read an article, switch theme"),
    ("F1 or ?", "this help"),
    ("Ctrl+Q", "quit; progress is already saved after every answer"),
]

ASKS = {
    "technique": "One passage: choose the technique it relies on most.",
    "techniques": "One passage that works in more than one way: tick every technique that applies. "
                  "Ticking a wrong one costs as much as missing a right one, so ticking everything scores 0.",
    "unsupported": "Several sentences of one article: choose the one stated as fact with no evidence, "
                   "source or attribution in the text. The others are attributed, sourced, hedged or "
                   "marked as opinion.",
    "pair": "One passage from each article: name the technique both use. Persuasion is not one side's habit.",
    "find": "A paragraph and a technique: mark the words that carry it. Move word by word with the arrows, "
            "Space marks a word, Enter answers.",
    "source": "A question about the article itself: who publishes it, what kind of text it is, when it "
              "appeared, what you cannot check in this copy and what you would look up.",
}


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in KEYS)
        with VerticalScroll(id="help"):
            yield Static("Keys", classes="title")
            yield Static(Content("\n".join(f"{key:<{width}}  {what}" for key, what in KEYS)))
            yield Static("What each kind of question asks", classes="heading")
            for kind, name in KINDS.items():
                yield Static(Content.assemble((name, "bold"), f": {ASKS[kind]}"), classes="kind")
            yield Static("Press Esc to close.", classes="next")
