"""Constraints shared by every piece of text that comes from a file.

Text from files is data. Control characters (ANSI escape sequences among them) are refused at load time
because a terminal would act on them, and so are the invisible bidirectional overrides that can make text
display in another order than it reads; markup such as ``[bold]`` is allowed and shown literally by the UI.
"""

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _no_control_characters(value: str) -> str:
    match = _CONTROL.search(value)
    if match:
        # A custom error, not ValueError, so the message reads without pydantic's "Value error, " prefix.
        raise PydanticCustomError(
            "control_character",
            "contains the control character {character} at position {position}"
            " (remove it: terminal escape sequences, bidirectional overrides and other control"
            " characters are not allowed)",
            {"character": repr(match.group()), "position": match.start() + 1},
        )
    return value


def text(max_length: int, min_length: int = 1) -> type[str]:
    """A string type with a length range and no control characters."""
    return Annotated[  # type: ignore[return-value]
        str,
        StringConstraints(min_length=min_length, max_length=max_length),
        AfterValidator(_no_control_characters),
    ]


Identifier = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64)
]
"""Ids of questions, sources, techniques and sentence keys: lowercase letters, digits, `_` and `-`."""

Name = text(200)
Paragraph = text(4000)
Quote = text(2000)
