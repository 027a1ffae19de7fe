"""media-literacy-quiz: learn how persuasive writing works by quizzing yourself on two opposing articles.

The package root stays light on purpose: `quiz --version` and `quiz check` import it and must not pay for
Textual (or even pydantic, for `--version`).
"""

__version__ = "0.1.0"
