"""Constraints shared by every piece of text that comes from a file.

Text from files is data. Control characters (ANSI escape sequences among them) are refused at load time
because a terminal would act on them, and so are the invisible bidirectional overrides that can make text
display in another order than it reads; markup such as ``[bold]`` is allowed and shown literally by the UI.
"""

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters refused in text from files: C0 and C1 controls but tab and line feed, DEL, and the
bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069)."""

REFUSED = "terminal escape sequences, bidirectional overrides and other control characters are not allowed"


def describe_control(character: str) -> str:
    """A refused character named for a teacher: "an escape character (ESC, U+001B)"."""
    code = f"U+{ord(character):04X}"
    if character == "\x1b":
        return f"an escape character (ESC, {code})"
    if "\u202a" <= character <= "\u202e" or "\u2066" <= character <= "\u2069":
        return f"a bidirectional control character ({code})"
    return f"the control character {character!r} ({code})"


def _no_control_characters(value: str) -> str:
    if value.isprintable():  # holds none of them (they are all unprintable): the common case, in C
        return value
    match = CONTROL.search(value)
    if match:
        # A custom error, not ValueError, so the message reads without pydantic's "Value error, " prefix.
        raise PydanticCustomError(
            "control_character",
            "contains {name} at position {position} (remove it: " + REFUSED + ")",
            {"name": describe_control(match.group()), "position": match.start() + 1},
        )
    return value


def text(max_length: int, min_length: int = 1) -> type[str]:
    """A string type with a length range and no control characters."""
    return Annotated[  # type: ignore[return-value]
        str,
        StringConstraints(min_length=min_length, max_length=max_length),
        AfterValidator(_no_control_characters),
    ]


ID_MAX = 64
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")

Identifier = Annotated[str, StringConstraints(pattern=f"^{_ID.pattern}$", min_length=1, max_length=ID_MAX)]
"""Ids of questions, sources, techniques and sentence keys: lowercase letters, digits, `_` and `-`."""


def is_identifier(value: object) -> bool:
    """Whether `value` is a valid Identifier, without a pydantic validator: for code that only asks."""
    return isinstance(value, str) and len(value) <= ID_MAX and _ID.fullmatch(value) is not None


Name = text(200)
Paragraph = text(4000)
Quote = text(2000)
