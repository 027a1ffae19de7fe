"""Which line of a TOML file defines a given key path, for `file:line` messages.

`tomllib` parses without positions, so this scans the text once for table headers and `key =` lines and
indexes them by the path the parsed document would give them: ("question", 3, "sentences", 1, "quote").
It understands what question files use (arrays of tables, sub-tables, dotted keys, multi-line strings);
for anything it does not place, `line_of` falls back to the nearest enclosing path it knows.

Lines are counted on "\n" only, as TOML and `tomllib`'s own messages count them: `str.splitlines` would
also break at characters a string may hold (U+2028, U+0085, form feed) and shift every later line.

The scan also notes the key with the most dotted parts (`deepest_key`): `tomllib` takes time or memory
that grows with the square of a key's parts, so the loader refuses absurd keys before parsing.
"""

import re

_KEY_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_ASSIGNMENT = re.compile(rf"^\s*({_DOTTED})\s*=\s*(.*)$")
_INLINE_KEY = re.compile(rf"[{{,]\s*({_DOTTED})\s*=")
_PART = re.compile(_KEY_PART)
_INDEXED_DEPTH = 16
"""Keys are indexed to this many dotted parts at most; question files use three at most."""

Path = tuple[str | int, ...]


def _parts(dotted: str) -> list[str]:
    return [p[1:-1] if p[0] in "\"'" else p for p in _PART.findall(dotted)]


class LineIndex:
    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._arrays: dict[Path, int] = {}
        self.deepest_key: tuple[int, int] = (0, 1)
        """The most dotted parts of any key, and the line of the first key with that many."""
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
        for part in parts[:_INDEXED_DEPTH]:
            path += (part,)
            if path in self._arrays:
                path += (self._arrays[path] - 1,)
        return path

    def _note(self, path: Path, line: int) -> None:
        self._lines.setdefault(path, line)

    def _key(self, parts: list[str], line: int) -> list[str]:
        """`parts` cut to the indexed depth, after noting how deep the key goes."""
        if len(parts) > self.deepest_key[0]:
            self.deepest_key = (len(parts), line)
        return parts[:_INDEXED_DEPTH]

    def _scan(self, text: str) -> None:
        current: Path = ()
        closing: str | None = None
        for number, line in enumerate(text.split("\n"), start=1):
            if closing is not None:
                if closing in line:
                    closing = None
                continue
            for match in _INLINE_KEY.finditer(line):
                self._key(_parts(match.group(1)), number)
            if match := _ARRAY_HEADER.match(line):
                parts = self._key(_parts(match.group(1)), number)
                array = self._resolve(parts[:-1]) + (parts[-1],)
                self._arrays[array] = self._arrays.get(array, 0) + 1
                current = array + (self._arrays[array] - 1,)
                self._note(array, number)
                self._note(current, number)
            elif match := _TABLE_HEADER.match(line):
                current = self._resolve(self._key(_parts(match.group(1)), number))
                self._note(current, number)
            elif match := _ASSIGNMENT.match(line):
                parts = self._key(_parts(match.group(1)), number)
                for depth in range(1, len(parts) + 1):
                    self._note(current + tuple(parts[:depth]), number)
                closing = _opens_multiline_string(match.group(2))


def _opens_multiline_string(value: str) -> str | None:
    """The delimiter that ends a multi-line string begun in `value` and not closed on its line."""
    for delimiter in ('"""', "'''"):
        if value.startswith(delimiter) and value.count(delimiter) == 1:
            return delimiter
    return None
