"""The footer, recomposed only when the keys it shows change, and in the frame that changed them.

Textual asks the footer to rebuild itself after every focus change and every binding refresh, and each
rebuild restyles every key it shows; most of those refreshes change nothing a learner sees (the question
screen refreshes bindings as the body scrolls, to show "▼ More below" only while something is cut off).
Textual's footer also rebuilds only after the next refresh, so a new screen is painted once without its
keys and again with them; this one rebuilds before that first paint (the first question appears a
frame sooner, and the keys with it).
"""

from textual.screen import Screen
from textual.widgets import Footer


class QuizFooter(Footer):
    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            return  # not shown now: the next change rebuilds it
        shown = tuple((key, active.binding.description, active.enabled)
                      for key, active in screen.active_bindings.items() if active.binding.show)
        if shown == getattr(self, "_shown", None):
            return
        self._shown = shown
        self.call_later(self.recompose)
