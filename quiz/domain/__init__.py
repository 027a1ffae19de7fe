"""The domain: what sources, techniques, questions and progress are, and how answers are scored.

Nothing here does I/O or imports a user interface; a test proves that Textual never loads from here.
"""
