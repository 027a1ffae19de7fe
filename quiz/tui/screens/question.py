"""The question screen: passage(s), prompt and options; after Enter, the feedback on the same screen.

At 80x24 the screen opens at the top, so the source line, the passage(s) and the prompt are always seen
first, then as many options as fit. The option list (or the passage to mark) keeps the keyboard while
PageUp, PageDown, Home and End scroll the question, and the footer says "▼ More below" while anything is
cut off. After an answer the feedback opens at the verdict; while part of it is below the fold, Enter
first scrolls down to it ("▼ More below" in the footer) and only then moves on ("Next").
"""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, ProgressBar, Static

from quiz import feedback
from quiz.domain.models import KINDS
from quiz.learner import SaveFailed
from quiz.session import Phase, QuizSession, SessionError
from quiz.tui.screens import screen
from quiz.tui.widgets.choices import Confirmed, MultiChoice, SingleChoice
from quiz.tui.widgets.feedback import FeedbackPanel
from quiz.tui.widgets.footer import QuizFooter
from quiz.tui.widgets.passage import PassageView, source_line
from quiz.tui.widgets.word_marker import WordMarker

DIFFICULTY = {1: "●○○ easy", 2: "●●○ medium", 3: "●●● hard"}
HOW = {
    "single": "Choose one: number keys or ↑ ↓, then Enter.",
    "multiple": "Tick all that apply: number keys or Space, then Enter.",
    "find": "Mark words: ← → move, Space marks, Shift+← → marks a run, Enter answers.",
}

NOTHING_CHOSEN = {
    "single": "Choose an option first (number keys or ↑ ↓), then press Enter.",
    "multiple": "Tick at least one option first (number keys or Space).",
    "find": "Mark at least one word first (Space marks the word under the cursor).",
}


class QuestionScreen(Screen):
    BINDINGS = [
        Binding("enter", "more_below", "▼ More below"),
        Binding("enter", "next", "Next"),
        Binding("pagedown", "more_below", "▼ More below", priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("home", "edge(0)", "Top", show=False, priority=True),
        Binding("end", "edge(1)", "Bottom", show=False, priority=True),
        Binding("c", "context", "In the article"),
        Binding("i", "source_card", "Source"),
        Binding("s", "confidence", "Sure?"),
        Binding("escape", "home", "Home"),
        *(Binding(str(n), f"pick({n})", f"Option {n}", show=False) for n in range(1, 10)),
    ]

    CONFIDENCE = (None, "sure", "unsure")
    AUTO_FOCUS = ""
    """Focus is set by `_settle` without scrolling: Textual's auto-focus would scroll the question's top
    out of sight to show the options."""

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.question = session.current
        self.confidence: str | None = None
        """What the learner said of the answer they are about to give; asked afresh for each question."""

    @property
    def learner(self):
        return self.app.learner

    def compose(self) -> ComposeResult:
        session, question, bank = self.session, self.question, self.session.bank
        yield Header()
        with Horizontal(id="progress-row"):
            yield Label(f"Question {session.number} of {session.total} · {KINDS[question.kind]} · "
                        f"{DIFFICULTY[question.difficulty]}", id="position")
            yield ProgressBar(total=session.total, show_eta=False, show_percentage=False, id="bar")
        with VerticalScroll(id="body", can_focus=False):
            answered = session.phase is not Phase.ASKING
            if question.option_skill or question.marks_words:  # no passage of its own above the prompt
                yield Static(source_line(bank.sources[question.source]), classes="source")
                if question.kind == "source" and question.quote:
                    yield Static(Content(question.quote), classes="quote")
            else:
                for passage in question.quotes():
                    yield PassageView(bank.sources[passage.source], passage.quote)
            yield Static(Content(question.prompt), classes="prompt")
            if not answered:
                yield from self._answer_widgets()
            else:
                shown = feedback.build(bank, question, session.options, session.last_answer)
                yield FeedbackPanel(shown, last=session.number == session.total,
                                    passage=self._marked_passage() if question.marks_words else None)
        yield Static("", id="notice")
        yield QuizFooter()

    def _answer_widgets(self) -> ComposeResult:
        question, bank, session = self.question, self.session.bank, self.session
        yield Static(HOW[self._mode], classes="how")
        if question.marks_words:
            yield WordMarker(question.passage, question.words(), id="choices")
            yield Static("Nothing marked yet.", id="marked")
        else:
            options = [(key, bank.label(question, key)) for key in session.options]
            yield (MultiChoice if question.multiple else SingleChoice)(options, id="choices", compact=True)
        yield Static(self._confidence_text(), id="confidence")

    @property
    def _mode(self) -> str:
        """How the current question is answered: the key of HOW and NOTHING_CHOSEN."""
        return "find" if self.question.marks_words else "multiple" if self.question.multiple else "single"

    def _marked_passage(self) -> Static:
        """The passage after a "find" answer: the learner's marks in [brackets], the key underlined."""
        question, record = self.question, self.session.last_answer
        marked, key = set(record.words), question.key_words()
        passage, parts, end = question.passage, [], 0
        for index, word in enumerate(question.words()):
            parts.append(passage[end:word.start])
            opens = index in marked and index - 1 not in marked
            closes = index in marked and index + 1 not in marked
            parts += ["["] if opens else []
            parts.append((word.text, "bold underline") if index in key else word.text)
            parts += ["]"] if closes else []
            end = word.end
        parts.append(passage[end:])
        legend = ("\n[brackets]: your marks · underlined: the key", "dim")
        return Static(Content.assemble(*parts, legend), classes="quote marked-passage")

    def on_mount(self) -> None:
        self.sub_title = self.session.quiz.title
        self._settle()

    def _settle(self) -> None:
        """After (re)composing: the bar shows the answers given, the keys act on the right widget, and
        the question opens at its top (the feedback at its verdict)."""
        self.query_one(ProgressBar).update(progress=len(self.session.answers))
        if self.session.phase is Phase.ASKING:
            self.query_one("#choices").focus(scroll_visible=False)
        else:
            self.set_focus(None)
        body = self.query_one("#body", VerticalScroll)
        body.scroll_home(animate=False, immediate=True)
        self.watch(body, "scroll_y", lambda: self.refresh_bindings(), init=False)
        self.watch(body, "virtual_size", lambda: self.refresh_bindings(), init=False)
        self.call_after_refresh(self._opened)

    def _opened(self) -> None:
        choices = self.query("#choices")
        if self.session.phase is Phase.ASKING and choices and not choices.first().has_focus:
            choices.first().focus(scroll_visible=False)  # a focus asked for before layout can be dropped
        if self.session.phase is Phase.ANSWERED:
            self.query_one("#body", VerticalScroll).scroll_to_widget(
                self.query_one(".verdict"), animate=False, top=True, immediate=True)
        self.refresh_bindings()

    def on_resize(self) -> None:
        self.call_after_refresh(self.refresh_bindings)

    def _more_below(self) -> bool:
        body = self.query_one("#body", VerticalScroll)
        return body.scroll_y < body.max_scroll_y

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.session.phase
        if action == "more_below":
            return self._more_below()
        if action == "next":
            return phase is Phase.ANSWERED
        if action in ("pick", "confidence"):
            return phase is Phase.ASKING and (action == "confidence" or not self.question.marks_words)
        return True

    @on(OptionList.OptionHighlighted, "#choices")
    def _show_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the highlighted option in view as the learner moves through a long list (the lists
        start with nothing highlighted, so this never scrolls a question that has just opened)."""
        choices = event.option_list
        lines = choices._index_to_line
        top = lines.get(event.option_index, 0)
        height = choices._heights.get(event.option_index, 1)
        placed = choices.virtual_region
        region = Region(placed.x, placed.y + top, placed.width, height)
        self.query_one("#body", VerticalScroll).scroll_to_region(region, animate=False, immediate=True)

    @on(WordMarker.Changed)
    def _show_marks(self, event: WordMarker.Changed) -> None:
        self.query_one("#marked", Static).update(Content(event.marker.describe()))

    def _confidence_text(self) -> str:
        said = {None: "not said", "sure": "sure", "unsure": "unsure"}[self.confidence]
        return f"How sure are you? {said} (press s to change; optional)"

    def action_confidence(self) -> None:
        options = self.CONFIDENCE
        self.confidence = options[(options.index(self.confidence) + 1) % len(options)]
        self.query_one("#confidence", Static).update(self._confidence_text())

    def action_pick(self, number: int) -> None:
        self.query_one("#choices", SingleChoice | MultiChoice).pick(number - 1)

    def action_page(self, step: int) -> None:
        body = self.query_one("#body", VerticalScroll)
        (body.scroll_page_down if step > 0 else body.scroll_page_up)(animate=False)

    def action_edge(self, end: int) -> None:
        body = self.query_one("#body", VerticalScroll)
        (body.scroll_end if end else body.scroll_home)(animate=False)

    def action_more_below(self) -> None:
        self.action_page(1)

    def say(self, message: str) -> None:
        """A warning on its own line above the footer, where it covers nothing."""
        self.query_one("#notice", Static).update(Content(message))

    @on(Confirmed)
    async def answer(self, event: Confirmed) -> None:
        if not event.keys and not event.words:
            self.say(NOTHING_CHOSEN[self._mode])
            return
        try:
            self.learner.answer(self.session, event.keys, self.confidence, words=event.words)
        except SessionError as error:
            self.say(f"{error}.")
            return
        except SaveFailed as error:
            await self.recompose()
            self._settle()
            self.app.save_failed(error)
            return
        self.say("")
        await self.recompose()
        self._settle()

    async def action_next(self) -> None:
        if self.session.phase is not Phase.ANSWERED:
            return
        self.session.advance()
        if self.session.phase is Phase.FINISHED:
            self.app.switch_screen(screen("results", self.session))
            return
        self.question = self.session.current
        self.confidence = None
        await self.recompose()
        self._settle()

    def action_context(self) -> None:
        self.app.push_screen(screen("article", list(self.session.bank.highlights(self.question).items())))

    def action_source_card(self) -> None:
        self.app.push_screen(screen("source-card", self.question.source_ids()))

    def action_home(self) -> None:
        self.app.pop_screen()
