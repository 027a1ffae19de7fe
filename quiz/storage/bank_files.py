"""Loading a question bank from TOML files, reporting every problem at once as `file:line: message`.

Loading never raises at a user: unreadable bytes, TOML syntax, wrong types, unknown fields, broken rules,
quotes that are not verbatim and files over the limits below all become `Problem`s pointing at the line
to fix, each with a hint where one exists. A `Bank` is built only when there are no errors.
"""

import codecs
import os
import re
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from quiz.domain.bank import Bank
from quiz.domain.models import (
    KINDS,
    FindQuestion,
    SourceQuestion,
    TextOption,
    WrongMark,
    PairQuestion,
    Passage,
    Question,
    Sentence,
    Source,
    Technique,
    TechniqueQuestion,
    TechniquesQuestion,
    UnsupportedQuestion,
)
from quiz.domain.rules import Anchors, check_question, check_usage, did_you_mean
from quiz.locations import bundled_techniques
from quiz.storage.toml_lines import LineIndex

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_QUESTIONS = 5000
"""Questions in a bank, and tables of one kind in a file: more are refused before they are checked."""
MAX_KEY_PARTS = 100
"""Dotted parts of one key (`a.b.c = ...`); `tomllib` slows with their square, files need three."""
TABLES = ("technique", "source", "question")

_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    "technique": TypeAdapter(Technique),
    "source": TypeAdapter(Source),
    "question": TypeAdapter(Question),
}
_FIELDS = {
    name
    for model in (TechniqueQuestion, TechniquesQuestion, UnsupportedQuestion, PairQuestion,
                  FindQuestion, SourceQuestion, TextOption, WrongMark, Sentence, Passage, Technique,
                  Source)
    for name in model.model_fields
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a line (None when it concerns the whole file)."""

    file: Path
    line: int | None
    message: str
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{_shown(self.file)}:{self.line}" if self.line else f"{_shown(self.file)}"
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.severity}: {self.message}{hint}"


def _shown(file: Path) -> str:
    """A path as the user would type it: relative to the working folder when it lies inside it."""
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(file)


@dataclass
class LoadResult:
    bank: Bank | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class _Entry:
    """One validated table of a file, with where it came from."""

    table: str
    index: int
    value: Any
    file: Path
    root: Path
    lines: LineIndex

    def line(self, *path: str | int) -> int:
        return self.lines.line_of((self.table, self.index, *path))


def load_bank(paths: Sequence[str | os.PathLike[str]]) -> LoadResult:
    """Load and check the bank made of `paths` (files, or folders of `*.toml` files)."""
    problems: list[Problem] = []
    files = _expand(paths, problems)
    entries: list[_Entry] = []
    for file, root in files:
        entries += _read_file(file, root, problems)
    if not any(e.table == "technique" for e in entries) and bundled_techniques().is_file():
        entries += _read_file(bundled_techniques(), bundled_techniques().parent, problems)

    techniques = _unique(entries, "technique", problems)
    sources = _unique(entries, "source", problems)
    questions = _unique(entries, "question", problems)
    if len(questions) > MAX_QUESTIONS:
        first_extra = list(questions.values())[MAX_QUESTIONS]
        problems.append(_too_many(first_extra.file, first_extra.line(), len(questions), "questions"))
        return LoadResult(None, sorted(problems, key=_reading_order))
    texts = _read_sources(sources, problems)

    anchors = Anchors()
    tech_models = {k: e.value for k, e in techniques.items()}
    source_models = {k: e.value for k, e in sources.items()}
    for entry in questions.values():
        for finding in check_question(entry.value, tech_models, source_models, texts, anchors):
            problems.append(Problem(entry.file, entry.line(*finding.path), finding.message,
                                    finding.hint, finding.severity))
    question_models = {k: e.value for k, e in questions.items()}
    owners = {"question": questions, "technique": techniques}
    for table, ident, finding in check_usage(question_models, tech_models):
        entry = owners.get(table, {}).get(ident)
        file = entry.file if entry else Path(str(paths[0])) if paths else Path(".")
        line = entry.line(*finding.path) if entry else None
        problems.append(Problem(file, line, finding.message, finding.hint, finding.severity))

    problems.sort(key=_reading_order)
    if any(p.severity == "error" for p in problems):
        return LoadResult(None, problems)
    bank = Bank(techniques=tech_models, sources=source_models, texts=texts,
                questions=question_models, spans=anchors.spans)
    return LoadResult(bank, problems)


def _reading_order(problem: Problem) -> tuple[bool, str, int]:
    """Errors first, then file by file, line by line."""
    return (problem.severity != "error", str(problem.file), problem.line or 0)


def _expand(paths: Iterable[str | os.PathLike[str]], problems: list[Problem]) -> list[tuple[Path, Path]]:
    """Each TOML file to read, with the folder its source files must stay inside."""
    found: dict[Path, Path] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(path.rglob("*.toml")):
                if file.is_file():  # not a folder, a pipe or a device (such as a link to /dev/zero)
                    found.setdefault(file, path)
        elif path.is_file():
            found.setdefault(path, path.parent)
            for sibling in ("techniques.toml", "sources.toml"):
                if (path.parent / sibling).is_file():
                    found.setdefault(path.parent / sibling, path.parent)
        else:
            problems.append(Problem(path, None, "no such file or folder",
                                    "give a question file or a folder of them"))
    return list(found.items())


def _read_file(file: Path, root: Path, problems: list[Problem]) -> list[_Entry]:
    text = _read_text(file, problems, "split its questions into several smaller files")
    if text is None:
        return []
    lines = LineIndex(text)
    parts, line = lines.deepest_key
    if parts > MAX_KEY_PARTS:
        problems.append(Problem(file, line, f"a key of {parts:,} dotted parts, more than the limit of "
                                f"{MAX_KEY_PARTS}", "question files need keys like feedback.doubt"))
        return []
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(_syntax_problem(file, error))
        return []
    except RecursionError:  # raised without a position, so no line can be given
        problems.append(Problem(file, None, "arrays or inline tables nested too deeply to read",
                                "look for a long run of '[' or '{'; question files nest three deep"))
        return []
    except ValueError:  # Python's limit on an integer's digits, which tomllib does not wrap
        problems.append(Problem(file, _line_of_long_number(text), f"a number has too many digits "
                                f"(more than {sys.get_int_max_str_digits():,})",
                                "numbers here are small, like difficulty = 2"))
        return []
    if not document:
        problems.append(Problem(file, None, "the file holds no techniques, sources or questions",
                                "add [[question]] tables, or remove the file"))
        return []
    entries = []
    for key, value in document.items():
        if key not in TABLES:
            problems.append(Problem(file, lines.line_of((key,)), f"unknown table {_shorten(key)}",
                                    did_you_mean(key, TABLES) or "a bank file holds [[technique]], "
                                    "[[source]] and [[question]] tables"))
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problems.append(Problem(file, lines.line_of((key,)), f"{key!r} must be an array of tables",
                                    f"write each one under a [[{key}]] header"))
            continue
        if len(value) > MAX_QUESTIONS:
            problems.append(_too_many(file, lines.line_of((key, MAX_QUESTIONS)), len(value),
                                      f"[[{key}]] tables in one file"))
            continue
        for index, raw in enumerate(value):
            try:
                model = _ADAPTERS[key].validate_python(raw)
            except ValidationError as error:
                for problem in _validation_problems(file, lines, (key, index), raw, error):
                    problems.append(problem)
                continue
            entries.append(_Entry(key, index, model, file, root, lines))
    return entries


def _too_many(file: Path, line: int, count: int, what: str) -> Problem:
    """The limit on questions (or tables of one kind in a file), at the first one over it."""
    return Problem(file, line, f"{count:,} {what}, more than the limit of {MAX_QUESTIONS:,}",
                   "split them into several banks and check each on its own")


def _line_of_long_number(text: str) -> int | None:
    """The line of the first run of digits longer than Python reads, found in one pass."""
    match = re.search(r"(?<![0-9_])[0-9_]{%d}" % sys.get_int_max_str_digits(), text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _shorten(value: object, limit: int = 60) -> str:
    """The repr of a value taken from a file, cut so that a hostile one cannot flood the report."""
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit]}... ({len(shown):,} characters)"


def _read_text(file: Path, problems: list[Problem], too_big_hint: str) -> str | None:
    """The file's text, or None after reporting why it cannot be read as UTF-8 text.

    The size is checked before reading, so a huge file is refused at once. A UTF-8 byte order mark,
    which some editors write first, is dropped: it is not part of the text.
    """
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(file, None, f"file is {size / 2**20:.1f} MiB ({size:,} bytes), more "
                                    f"than the limit of {MAX_FILE_BYTES // 2**20} MiB", too_big_hint))
            return None
        data = file.read_bytes().removeprefix(codecs.BOM_UTF8)
    except OSError as error:
        problems.append(Problem(file, None, f"cannot read: {error.strerror or error}"))
        return None
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        problems.append(Problem(file, line, "contains a NUL byte: this is not a text file",
                                "save it as UTF-8 text"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(Problem(file, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x})",
                                "save the file as UTF-8"))
        return None


def _syntax_problem(file: Path, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    line = None
    if "(at line " in message:
        message, _, position = message.rpartition(" (at line ")
        line = int(position.split(",")[0])
    elif message.endswith("(at end of document)"):
        message = message.removesuffix(" (at end of document)")
        line = None
    return Problem(file, line, f"TOML syntax: {message[:1].lower()}{message[1:]}",
                   "check quotes, brackets and '=' on this line")


_HINTS = {
    "string_type": 'write text in double quotes: "..."',
    "list_type": 'write a list in brackets: ["...", "..."]',
    "int_parsing": "write a whole number, like 2",
    "string_too_long": "shorten it",
    "too_long": "remove some",
    "too_short": "add more",
    "string_too_short": "write something, or remove the line",
    "string_pattern_mismatch": "ids use lowercase letters, digits, '_' and '-'",
}
"""How to fix a field of the wrong type or beyond a limit of its type, by pydantic's error type."""


def _validation_problems(file: Path, lines: LineIndex, prefix: tuple[str, int], raw: dict,
                         error: ValidationError) -> Iterable[Problem]:
    for detail in error.errors(include_url=False):
        loc = list(detail["loc"])
        if prefix[0] == "question" and loc and loc[0] in KINDS:
            loc = loc[1:]
        kind = detail["type"]
        name = str(loc[-1]) if loc else ""
        where = lines.line_of(prefix + tuple(loc))
        if kind == "missing":
            yield Problem(file, where, f"missing field {name!r}", f'add {name} = ...')
        elif kind == "extra_forbidden":
            yield Problem(file, lines.line_of(prefix + tuple(loc)), f"unknown field {_shorten(name)}",
                          did_you_mean(name, _FIELDS) or "remove it")
        elif kind == "union_tag_not_found":
            yield Problem(file, where, "missing field 'kind'",
                          f"add kind = one of {', '.join(repr(k) for k in KINDS)}")
        elif kind == "union_tag_invalid":
            given = raw.get("kind")
            yield Problem(file, lines.line_of(prefix + ("kind",)), f"unknown kind {_shorten(given)}",
                          did_you_mean(str(given), KINDS) or f"use one of {', '.join(KINDS)}")
        else:
            label = ".".join(str(part) for part in loc) or prefix[0]
            yield Problem(file, where, f"{label}: {detail['msg'][:1].lower()}{detail['msg'][1:]}",
                          _HINTS.get(kind))


def _unique(entries: list[_Entry], table: str, problems: list[Problem]) -> dict[str, _Entry]:
    """Entries of one table by id; a second use of an id is an error naming the first."""
    seen: dict[str, _Entry] = {}
    for entry in entries:
        if entry.table != table:
            continue
        ident = entry.value.id
        if ident in seen:
            first = seen[ident]
            problems.append(Problem(entry.file, entry.line("id"), f"duplicate {table} id {ident!r}",
                                    f"first defined at {_shown(first.file)}:{first.line('id')}; rename one"))
        else:
            seen[ident] = entry
    return seen


def _read_sources(sources: dict[str, _Entry], problems: list[Problem]) -> dict[str, str]:
    """Each source's text, read from inside its bank folder only."""
    texts = {}
    for ident, entry in sources.items():
        root = entry.root.resolve()
        try:
            target = (entry.file.parent / entry.value.file).resolve()
            is_file = target.is_file()
        except (OSError, ValueError) as error:  # a NUL byte, or a name too long for the file system
            problems.append(Problem(entry.file, entry.line("file"),
                                    f"source file {_shorten(entry.value.file)} cannot be opened: "
                                    f"{getattr(error, 'strerror', None) or error}",
                                    "give the article's file name, relative to this file"))
            continue
        if not target.is_relative_to(root):
            problems.append(Problem(entry.file, entry.line("file"),
                                    f"source file {entry.value.file!r} is outside the bank folder {root}",
                                    "keep source texts inside the bank's folder"))
            continue
        if not is_file:
            problems.append(Problem(entry.file, entry.line("file"),
                                    f"source file {entry.value.file!r} does not exist",
                                    f"put the article's text at {target}"))
            continue
        text = _read_text(target, problems, "keep only the article's text in the source file")
        if text is not None:
            texts[ident] = text.replace("\r\n", "\n")
    return texts
