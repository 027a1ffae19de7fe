"""The command palette (Ctrl+P): only what a learner of this app needs, each command's words taken as
plain text. Textual reads palette titles and help as markup, so bank text (an outlet such as
"OneWorld [/]") would crash or inject links there: this provider builds its own Content instead."""

from collections.abc import Callable
from dataclasses import dataclass

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from quiz.menu import quiz_menu
from quiz.words import counted


@dataclass(frozen=True)
class Command:
    title: str
    help: str
    callback: Callable[[], object]


def commands(app) -> list[Command]:
    """The learner's commands, in the order the palette lists them; the quizzes are the home menu's
    (ten questions, no filters), so both start the same quiz. Before a learner is chosen (the name
    screen, a damaged file), only the app's own commands."""
    found: list[Command] = []
    if app.learner is not None:
        bank = app.learner.bank
        for entry in quiz_menu(app.learner, seed=app.seed):
            start = (lambda s=entry.selection: app.start_quiz(s))
            if entry.key == "all":
                found.insert(0, Command("Start a quiz", "Ten questions on every article", start))
            elif entry.key.startswith("source:"):
                source = bank.sources[entry.selection.source]
                name = f"{source.outlet} {source.kind}"
                found += [Command(f"Start a quiz on the {name}", f"Ten questions quoting only the {name}", start),
                          Command(f"Read the {name}", source.title,
                                  lambda s=source.id: app.read_article(s))]
            elif entry.key in ("review", "new", "confusions"):
                found.append(Command(entry.label, counted(entry.size, "question"), start))
        found += [
            Command("Stats", "Discernment per technique, confusions, accuracy per article",
                    app.action_stats),
            Command("Learn the techniques", "Each technique's definition, tip and examples",
                    app.action_learn),
        ]
    found += [
        Command("Switch to the light theme" if app.current_theme.dark else "Switch to the dark theme",
                "Swap dark and light colours; kept for next time", app.toggle_theme),
        Command("Help", "Every key, and what each kind of question asks", app.action_help),
        Command("Quit", "Your progress is already saved", app.action_quit),
    ]
    return found


class QuizCommands(Provider):
    """The learner's commands, listed once each time the palette opens (the menu behind them counts the
    learner's whole history), then matched against every keystroke typed into it."""

    async def startup(self) -> None:
        self.commands = commands(self.app)

    async def discover(self) -> Hits:
        for command in self.commands:
            yield DiscoveryHit(Content(command.title), command.callback, text=command.title,
                               help=escape(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands:
            score = matcher.match(command.title)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(query, command.title)
                title = Content(command.title)
                for offset in offsets:
                    title = title.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, title, command.callback, text=command.title, help=escape(command.help))
