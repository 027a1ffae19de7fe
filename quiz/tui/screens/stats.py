"""Stats: discernment per technique (spotting it where it is, not seeing it where it is not), the
techniques the learner confuses with both definitions side by side, accuracy per article, calibration,
and what is due; the same numbers as `quiz stats` (quiz.stats_text), drawn with bars."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from quiz import stats_text
from quiz.domain.stats import learner_stats
from quiz.menu import quiz_menu
from quiz.tui.widgets.bars import bar
from quiz.tui.widgets.footer import QuizFooter
from quiz.words import counted, due_summary, percent


class StatsScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Home"),
        Binding("t", "app.pop_screen", "Home", show=False),
        Binding("p", "practise", "Practise my confusions"),
    ]

    def compose(self) -> ComposeResult:
        learner = self.app.learner
        bank = learner.bank
        stats = self.stats = learner_stats(bank, learner.progress, learner.clock().astimezone())
        yield Header()
        with VerticalScroll(id="stats"):
            yield Static("Your progress", classes="title")
            if not stats.answered:
                yield Static("No answers yet. Take a quiz, and how well you spot each technique, your "
                             "accuracy on each article and more will show here.")
            else:
                yield Static(f"{counted(stats.answered, 'answer')}. {due_summary(stats.due)}", id="due")
                yield Static("Per technique: spots it (chose it where it was) and sees it where it is not "
                             "(chose it where it was not); d′ is 0 for guessing, 2 or more for telling "
                             "them apart well.", classes="heading")
                for line in stats.techniques + [s for s in (stats.unsupported, stats.sources) if s]:
                    yield self._technique(line)
            if stats.confusions:
                yield Static("Techniques you mix up (press p to practise them)", classes="heading")
                for confusion in stats.confusions[:stats_text.CONFUSIONS_SHOWN]:
                    answer = bank.techniques[confusion.answer]
                    chosen = bank.techniques[confusion.chosen]
                    yield Static(Content(f"You chose {chosen.name} when it was {answer.name}: "
                                         f"{stats_text.times(confusion.count)}."), classes="confusion")
                    yield Static(Content.assemble((answer.name, "bold"), f": {answer.definition}\n",
                                                  (chosen.name, "bold"), f": {chosen.definition}\n",
                                                  ("Telling them apart: ", "italic"),
                                                  bank.contrast(answer.id, chosen.id) or answer.hint),
                                 classes="contrast")
            if len(stats.accuracy) > 1:
                yield Static("Accuracy by article (a gap suggests you read one side less critically)",
                             classes="heading")
                yield Static(Content("\n".join(f"{bar(a.tally.share, 10)} {stats_text.by_article(a)}"
                                               for a in stats.accuracy)), id="accuracy")
            c = stats.calibration
            yield Static("Confidence", classes="heading")
            if c.sure or c.unsure:
                yield Static("\n".join(f"When you were {label}: {right} of {total} right ({percent(right / total)})."
                                       for label, right, total in (("sure", c.sure_right, c.sure),
                                                                   ("unsure", c.unsure_right, c.unsure))
                                       if total), id="calibration")
            else:
                yield Static("Press s on a question to say whether you are sure before answering; "
                             "how often your sure answers are right will show here.", id="calibration")
            yield Static("Press Esc to go home.", classes="next")
        yield QuizFooter()

    def _technique(self, line) -> Static:
        counts = line.counts
        rate = counts.hit_rate if counts.hit_rate is not None else line.words.hit_rate
        spotted = rate if rate is not None else 0.0
        return Static(Content.assemble(bar(spotted, 5), " ", (line.name, "bold"), ": ",
                                       stats_text.in_words(counts, line.words)), classes="technique")

    def on_mount(self) -> None:
        self.sub_title = "Stats"
        self.query_one("#stats").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "practise":
            return bool(self.stats.confusions)
        return True

    def action_practise(self) -> None:
        entry = next((e for e in quiz_menu(self.app.learner, seed=self.app.seed) if e.key == "confusions"),
                     None)
        if entry is not None:
            self.app.pop_screen()
            self.app.start_quiz(entry.selection)
