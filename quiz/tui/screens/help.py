"""Help: every key, and what each kind of question asks of the learner."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.domain.models import KINDS
from quiz.domain.scoring import multiple_rule

KEYS = [
    ("↑ ↓", "move between options and lists"),
    ("1 to 9", "pick that option; in 'all that apply', tick or untick it"),
    ("Space", "tick or untick the highlighted option ('all that apply'); mark a word ('find it')"),
    ("← →", "'find it in the text': move word by word; Shift+← → marks a run of words"),
    ("Enter", "answer; on the feedback, scroll to what is below, then go to the next question"),
    ("PgUp PgDn", "scroll the question or the feedback; Home and End go to its top and bottom"),
    ("s", "say how sure you are before answering: sure, unsure, or not said"),
    ("c", "show the quote in its article, highlighted"),
    ("i", "about the source: outlet, kind, date, language, what this copy lacks"),
    ("o", "in an article: switch to the other article"),
    ("f", "on the home screen: filters for every quiz (technique, difficulty, length)"),
    ("r", "on the home screen: continue the unfinished quiz"),
    ("t", "on the home screen: your stats; p there practises the techniques you mix up"),
    ("l", "on the home screen: learn the techniques, with examples from both articles"),
    ("m", "on the results: retry the questions you missed"),
    ("Esc", "go back; your progress is kept"),
    ("Ctrl+P", "command palette: start a quiz, review, stats, read an article, switch theme"),
    ("F1 or ?", "this help"),
    ("Ctrl+Q", "quit; progress is already saved after every answer"),
]
MOUSE = ("Mouse: click an option to choose it and click it again to answer; in 'all that apply' a click "
         "ticks; in 'find it in the text' a click marks a word.")

ASKS = {
    "technique": "One passage: choose the technique it relies on most.",
    "techniques": "One passage that works in more than one way: tick every technique that applies. "
                  + multiple_rule(),
    "unsupported": "Several sentences of one article: choose the one stated as fact with nothing in the "
                   "text to back it. Support comes in levels: evidenced (shown in the text), attributed to "
                   "a named source (not proof, but someone to check), hedged, or bare. A hollow 'said' or "
                   "a 'might' that still asserts is no support: read for support, not for cue words.",
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
            yield Static(MOUSE, classes="kind")
            yield Static("What each kind of question asks", classes="heading")
            for kind, name in KINDS.items():
                yield Static(Content.assemble((name, "bold"), f": {ASKS[kind]}"), classes="kind")
            yield Static("Press Esc to close.", classes="next")
