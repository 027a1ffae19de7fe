"""The app's screens. Those a learner opens now and then are imported the first time one is, so the
time to the first question pays only for home and the question screen."""

from importlib import import_module

from textual.screen import Screen

SCREENS = {
    "article": "quiz.tui.screens.article:ArticleScreen",
    "damaged": "quiz.tui.screens.damaged:DamagedProgressScreen",
    "drop-unfinished": "quiz.tui.screens.unfinished:DropUnfinishedScreen",
    "filters": "quiz.tui.screens.filters:FiltersScreen",
    "glossary": "quiz.tui.screens.glossary:GlossaryScreen",
    "help": "quiz.tui.screens.help:HelpScreen",
    "learner-name": "quiz.tui.screens.learner_name:LearnerNameScreen",
    "quit-anyway": "quiz.tui.screens.unfinished:QuitAnywayScreen",
    "results": "quiz.tui.screens.results:ResultsScreen",
    "source-card": "quiz.tui.screens.source_card:SourceCardScreen",
    "stats": "quiz.tui.screens.stats:StatsScreen",
}
"""Screens opened by name, as "module:class"."""


def screen(name: str, *args, **kwargs) -> Screen:
    """A new screen of SCREENS by name, built with `args`."""
    module, _, cls = SCREENS[name].partition(":")
    return getattr(import_module(module), cls)(*args, **kwargs)
