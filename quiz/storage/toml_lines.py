"""Which line of a TOML file defines a given key path, for `file:line` messages.

`tomllib` parses without positions, so this scans the text once for table headers and `key =` lines and
indexes them by the path the parsed document would give them: ("question", 3, "sentences", 1, "quote").
It understands what question files use (arrays of tables, sub-tables, dotted keys, multi-line strings);
for anything it does not place, `line_of` falls back to the nearest enclosing path it knows.
"""

import re

_KEY_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_ASSIGNMENT = re.compile(rf"^\s*({_DOTTED})\s*=\s*(.*)$")
_PART = re.compile(_KEY_PART)

Path = tuple[str | int, ...]


def _parts(dotted: str) -> list[str]:
    return [p[1:-1] if p[0] in "\"'" else p for p in _PART.findall(dotted)]


class LineIndex:
    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._arrays: dict[Path, int] = {}
        self._scan(text)

    def line_of(self, path: Path) -> int:
        """The line defining `path`, or of its nearest enclosing table; 1 if nothing matches."""
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return 1

    def _resolve(self, parts: list[str]) -> Path:
        """A dotted header name as a document path, stepping into the last element of each array."""
        path: Path = ()
        for part in parts:
            path += (part,)
            if path in self._arrays:
                path += (self._arrays[path] - 1,)
        return path

    def _note(self, path: Path, line: int) -> None:
        self._lines.setdefault(path, line)

    def _scan(self, text: str) -> None:
        current: Path = ()
        closing: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if closing is not None:
                if closing in line:
                    closing = None
                continue
            if match := _ARRAY_HEADER.match(line):
                parts = _parts(match.group(1))
                array = self._resolve(parts[:-1]) + (parts[-1],)
                self._arrays[array] = self._arrays.get(array, 0) + 1
                current = array + (self._arrays[array] - 1,)
                self._note(array, number)
                self._note(current, number)
            elif match := _TABLE_HEADER.match(line):
                current = self._resolve(_parts(match.group(1)))
                self._note(current, number)
            elif match := _ASSIGNMENT.match(line):
                parts = _parts(match.group(1))
                for depth in range(1, len(parts) + 1):
                    self._note(current + tuple(parts[:depth]), number)
                closing = _opens_multiline_string(match.group(2))


def _opens_multiline_string(value: str) -> str | None:
    """The delimiter that ends a multi-line string begun in `value` and not closed on its line."""
    for delimiter in ('"""', "'''"):
        if value.startswith(delimiter) and value.count(delimiter) == 1:
            return delimiter
    return None
