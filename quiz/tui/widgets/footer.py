"""The footer, recomposed only when the keys it shows change.

Textual asks the footer to rebuild itself after every focus change and every binding refresh, and each
rebuild restyles every key it shows; most of those refreshes change nothing a learner sees (the question
screen refreshes bindings as the body scrolls, to show "▼ More below" only while something is cut off).
"""

from textual.screen import Screen
from textual.widgets import Footer


class QuizFooter(Footer):
    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple((key, active.binding.description, active.enabled)
                      for key, active in screen.active_bindings.items() if active.binding.show)
        if self._bindings_ready and shown == getattr(self, "_shown", None):
            return
        self._shown = shown
        super().bindings_changed(screen)
