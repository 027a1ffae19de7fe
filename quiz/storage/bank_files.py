"""Loading a question bank from TOML files, reporting every problem at once as `file:line: message`.

Loading never raises at a user: unreadable bytes, TOML syntax, wrong types, unknown fields, broken rules,
quotes that are not in their source and files over the limits below all become `Problem`s pointing at
the line to fix, each with a hint where one exists. A `Bank` is built only when there are no errors.

Every independent problem is reported in one run, and only the root of a chain of them:
- a TOML syntax error costs only the table it is in: the file's other tables, and the other files, are
  still read and checked, and an id the broken table seems to define is not reported as unknown;
- a question with a field of the wrong type is still checked on its other fields (its id for
  duplicates, its options for unknown techniques, its quotes);
- a misspelt field is one problem ("unknown field 'promt' (did you mean 'prompt'?)"), not also a
  missing one, and a question's own field written after `[question.feedback]` (where TOML puts it in
  the feedback table) is reported as misplaced, then read where it was meant to be.

The bundled techniques are part of every bank; a bank's own `[[technique]]` tables add to them, and one
with the id of a bundled technique (and another definition) replaces it, with a warning.
"""

import codecs
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, Literal

import rtoml
from pydantic import TypeAdapter, ValidationError

from quiz.domain.bank import Bank
from quiz.domain.models import ITEM_MODELS, KINDS, QUESTION_MODELS, Question, Source, Technique
from quiz.domain.rules import Anchors, Finding, check_question, check_usage, closest, did_you_mean
from quiz.domain.text import CONTROL, REFUSED, describe_control, is_identifier
from quiz.locations import bundled_techniques
from quiz.storage import collector
from quiz.storage.bank_paths import toml_files
from quiz.storage.toml_lines import LineIndex
from quiz.storage.user_files import UnreadableFile, read_user_file
from quiz.words import counted

MAX_FILE_BYTES = 2 * 1024 * 1024
"""One question file or source text."""
MAX_BANK_BYTES = 128 * 1024 * 1024
"""All of a bank's files together, question files and source texts."""
MAX_QUESTIONS = 50_000
"""Questions in a bank: counted from the files' `[[question]]` lines before any file is parsed."""
MAX_KEY_PARTS = 100
"""Dotted parts of one key (`a.b.c = ...`); TOML parsers slow with their square, files need three."""
MAX_TEXT_PROBLEMS = 5
"""Control characters reported per source text; the rest are counted in one more line."""
TABLES = ("technique", "source", "question")

_QUESTION_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*question[ \t]*\]\]", re.M)
_TOP_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*(technique|source|question)[ \t]*\]\][ \t]*(?:#.*)?$", re.M)
_LONG_KEY = re.compile(r"""(?:^[ \t]*\[?\[?|[{,])[ \t]*(?:(?:[A-Za-z0-9_-]++|"[^"\n]*+"|'[^'\n]*+')"""
                       r"[ \t]*+\.[ \t]*+){%d}" % MAX_KEY_PARTS, re.M)
"""A key of more than MAX_KEY_PARTS parts, found in linear time (possessive quantifiers never backtrack)."""
_ID_LINE = re.compile(r"""^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]*)["']""", re.M)
_PLACEHOLDER = re.compile(r"\bTODO\b")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a line (None when it concerns the whole file)."""

    file: Path
    line: int | None
    message: str
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{shown_path(self.file)}:{self.line}" if self.line else f"{shown_path(self.file)}"
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.severity}: {self.message}{hint}"


def shown_path(file: Path) -> str:
    """A path as the user would type it: relative to the working folder when it lies inside it."""
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(file)


@dataclass
class LoadResult:
    bank: Bank | None
    problems: list[Problem] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)
    """Checks not run because problems above would make their findings misleading, in words."""
    files: list[Path] = field(default_factory=list)
    """Every file the bank was read from (TOML and source texts)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass(frozen=True)
class TechniqueListing:
    """A technique of a bank, where it is defined, and whether it replaces a bundled one."""

    technique: Technique
    file: Path
    bundled: bool
    replaces_bundled: bool


@dataclass
class _File:
    path: Path
    root: Path
    """The folder its source texts must stay inside."""
    text: str
    _lines: LineIndex | None = None
    _todo: bool | None = None

    @property
    def has_placeholders(self) -> bool:
        """Whether any `TODO` is in the file, looked for once."""
        if self._todo is None:
            self._todo = "TODO" in self.text
        return self._todo

    @property
    def lines(self) -> LineIndex:
        """Built on first use: a bank with no problems never needs a line number."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines


@dataclass
class _Entry:
    """One table of a file: its model, or for a question that failed validation, what could be read."""

    table: str
    index: int
    raw: dict[str, Any]
    file: _File
    value: Any = None
    readable: frozenset[str] | None = None
    """For a question with invalid fields: the fields that are valid (`value` holds only those)."""
    moved: dict[str, tuple[str | int, ...]] = field(default_factory=dict)
    """Question fields found inside a sub-table, with the path they were written at."""

    def line(self, *path: str | int) -> int:
        if path and path[0] in self.moved:
            path = self.moved[path[0]] + path[1:]
        return self.file.lines.line_of((self.table, self.index, *path))

    @property
    def ident(self) -> str | None:
        ident = self.raw.get("id")
        return ident if is_identifier(ident) else None


@cache
def _adapter(table: str) -> TypeAdapter[Any]:
    return TypeAdapter({"technique": Technique, "source": Source, "question": Question}[table])


@cache
def _field_names(model: Any) -> frozenset[str]:
    return frozenset(model.model_fields)


@cache
def _field_adapter(model: Any, name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)


def load_bank(paths: Sequence[str | os.PathLike[str]], *, strict: bool = False) -> LoadResult:
    """Load and check the bank made of `paths` (files, or folders of `*.toml` files).

    `strict` makes placeholders left from `quiz new` (TODO) errors instead of warnings.
    """
    with collector.paused():
        loader = _Loader()
        if not loader.read(paths):
            return LoadResult(None, sorted(loader.problems, key=_reading_order))
        return loader.check(strict)


def list_techniques(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[TechniqueListing], list[Problem]]:
    """The techniques a bank made of `paths` can use, bundled and its own, with the problems of its
    technique tables only: a bank whose questions are unfinished still lists its techniques."""
    loader = _Loader(only="technique")
    loader.read(paths)
    techniques = loader.techniques()
    bundled = bundled_techniques().resolve()
    listing = [TechniqueListing(entry.value, entry.file.path, entry.file.path.resolve() == bundled,
                                ident in loader.replaced) for ident, entry in techniques.items()]
    return listing, sorted(loader.problems, key=_reading_order)


def _reading_order(problem: Problem) -> tuple[bool, str, int]:
    """Errors first, then file by file, line by line."""
    return (problem.severity != "error", str(problem.file), problem.line or 0)


class _Loader:
    """One load of a bank: the files read, the entries found and the problems met on the way."""

    def __init__(self, only: str | None = None) -> None:
        self.only = only
        """Validate the tables of this name only (the others are parsed, not checked)."""
        self.problems: list[Problem] = []
        self.paths: list[Path] = []
        self.entries: list[_Entry] = []
        self.bundled: list[_Entry] = []
        self.replaced: set[str] = set()
        self.unreadable: dict[str, set[str] | None] = {}
        """Per table name, the ids of tables that could not be parsed or validated (None: a table whose
        id could not be read either), which references to unknown ids may stand for."""
        self.bytes = 0
        self.files: list[Path] = []
        """Every file read, TOML and source texts: what a cached copy of the bank depends on."""

    def problem(self, file: Path, line: int | None, message: str, hint: str | None = None,
                severity: Literal["error", "warning"] = "error") -> None:
        self.problems.append(Problem(file, line, message, hint, severity))

    # Reading -------------------------------------------------------------------------------------

    def read(self, paths: Sequence[str | os.PathLike[str]]) -> bool:
        """Read and parse every file; False when the bank is refused before parsing (too big)."""
        self.paths = [Path(p) for p in paths]
        files = []
        questions = 0
        for path, root in self._expand(self.paths):
            text = self._read_text(path, "split its questions into several smaller files")
            if text is None:
                continue
            count = text.count("[[question]]")  # at least the headers; exact only when it matters
            if questions + count > MAX_QUESTIONS:
                count = len(_QUESTION_HEADER.findall(text))
            if questions + count > MAX_QUESTIONS:
                over = list(_QUESTION_HEADER.finditer(text))[MAX_QUESTIONS - questions]
                self.problem(path, text.count("\n", 0, over.start()) + 1,
                             f"the bank has more than {MAX_QUESTIONS:,} questions, the limit: this is "
                             f"question {MAX_QUESTIONS + 1:,}", "split them into several banks and "
                             "check each on its own")
                return False
            questions += count
            if not self._count_bytes(path, text):
                return False
            files.append(_File(path, root, text))
        for file in files:
            self.entries += self._parse(file)
        own = {file.path.resolve() for file in files}
        bundled = bundled_techniques()
        if bundled.is_file() and bundled.resolve() not in own:
            self.files.append(bundled)
            text = bundled.read_text(encoding="utf-8")
            self.bundled = [e for e in self._parse(_File(bundled, bundled.parent, text))
                            if e.table == "technique" and e.value is not None]
        return True

    def _count_bytes(self, path: Path, text: str) -> bool:
        self.bytes += len(text)
        if self.bytes > MAX_BANK_BYTES:
            self.problem(path, None, f"the bank's files add up to more than {MAX_BANK_BYTES // 2**20} MiB, "
                         "the limit", "split it into several banks and check each on its own")
            return False
        return True

    def _expand(self, paths: Iterable[Path]) -> list[tuple[Path, Path]]:
        """Each TOML file to read, with the folder its source files must stay inside."""
        found, missing = toml_files(paths)
        for path in missing:
            self.problem(path, None, "no such file or folder", "give a question file or a folder of them")
        return found

    def _read_text(self, file: Path, too_big_hint: str) -> str | None:
        """The file's text, or None after reporting why it cannot be read as UTF-8 text.

        Read as every file a user names is (quiz.storage.user_files): a FIFO or a device in a bank
        folder is refused, not waited on, and a huge file is refused at the limit. A UTF-8 byte order
        mark, which some editors write first, is dropped: it is not part of the text.
        """
        self.files.append(file)
        try:
            data = read_user_file(file, MAX_FILE_BYTES).removeprefix(codecs.BOM_UTF8)
        except UnreadableFile as error:
            if error.too_big:
                self.problem(file, None, f"file is {_size_of(file)}more than the limit of "
                             f"{MAX_FILE_BYTES // 2**20} MiB", too_big_hint)
            else:
                self.problem(file, None, error.reason)
            return None
        if b"\x00" in data:
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            self.problem(file, line, "contains a NUL byte: this is not a text file", "save it as UTF-8 text")
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            self.problem(file, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x})", "save the file as UTF-8")
            return None

    def _parse(self, file: _File) -> list[_Entry]:
        try:  # rtoml (Rust) parses a large bank six times faster than tomllib, and fails safely
            document = rtoml.loads(file.text)
        except Exception:  # its messages differ from file to file: tomllib's, reparsed, are precise
            document = self._parse_slowly(file)
            if document is None:
                return []
        return self._tables(file, document)

    def _parse_slowly(self, file: _File) -> dict[str, Any] | None:
        """The file parsed by tomllib, for its precise messages; after a syntax error, table by table.
        None after reporting a file that cannot be parsed at all."""
        import tomllib  # only a file rtoml refused pays for the import
        if _LONG_KEY.search(file.text):  # tomllib slows with the square of a key's parts
            parts, line = file.lines.deepest_key
            if parts > MAX_KEY_PARTS:
                self.problem(file.path, line, f"a key of {parts:,} dotted parts, more than the limit of "
                             f"{MAX_KEY_PARTS}", "question files need keys like feedback.doubt")
                return None
        try:
            return tomllib.loads(file.text)
        except tomllib.TOMLDecodeError as error:
            return self._parse_by_table(file, error)
        except RecursionError:  # raised without a position, so no line can be given
            self.problem(file.path, None, "arrays or inline tables nested too deeply to read",
                         "look for a long run of '[' or '{'; question files nest three deep")
            return None
        except ValueError:  # Python's limit on an integer's digits, which the parser does not wrap
            self.problem(file.path, _line_of_long_number(file.text), f"a number has too many digits "
                         f"(more than {sys.get_int_max_str_digits():,})", "numbers here are small, like difficulty = 2")
            return None

    def _tables(self, file: _File, document: dict[str, Any]) -> list[_Entry]:
        """The entries of a parsed file, each validated."""
        if not document:
            if not any(p.file == file.path for p in self.problems):
                self.problem(file.path, None, "the file holds no techniques, sources or questions",
                             "add [[question]] tables, or remove the file")
            return []
        entries = []
        for key, value in document.items():
            if key not in TABLES:
                self.problem(file.path, file.lines.line_of((key,)), f"unknown table {_shorten(key)}",
                             did_you_mean(key, TABLES) or "a bank file holds [[technique]], [[source]] and "
                             "[[question]] tables")
                continue
            if not isinstance(value, list) or not all(isinstance(v, dict) or v is None for v in value):
                self.problem(file.path, file.lines.line_of((key,)), f"{key!r} must be an array of tables",
                             f"write each one under a [[{key}]] header")
                continue
            if self.only is not None and key != self.only:
                continue
            for index, raw in enumerate(value):
                if raw is not None:  # None: a table the syntax error was in, already reported
                    entries.append(self._validate(_Entry(key, index, raw, file)))
        return entries

    def _parse_by_table(self, file: _File, error: Exception) -> dict[str, list[Any]]:
        """After a syntax error, each top-level table parsed on its own: only the broken ones are lost.

        A table that cannot be parsed stays in its array as None, so the others keep the index the line
        index gives them; its id, if a line shows one, is noted so no question is told it is unknown.
        """
        import tomllib

        text = file.text
        starts = [0] + [m.start() for m in _TOP_HEADER.finditer(text)]
        document: dict[str, list[Any]] = {}
        reported = len(self.problems)
        for begin, end in zip(starts, starts[1:] + [len(text)]):
            chunk = text[begin:end]
            header = _TOP_HEADER.match(chunk)
            try:
                part = tomllib.loads(chunk)
            except tomllib.TOMLDecodeError as error:
                self.problems.append(_syntax_problem(file.path, error, text.count("\n", 0, begin)))
                if header:
                    document.setdefault(header.group(1), []).append(None)
                    found = _ID_LINE.search(chunk)
                    self._note_unreadable(header.group(1), found.group(1) if found else None)
                continue
            except (RecursionError, ValueError):
                if header:
                    document.setdefault(header.group(1), []).append(None)
                    self._note_unreadable(header.group(1), None)
                continue
            for key, value in part.items():
                if key in TABLES and isinstance(value, list) and isinstance(document.get(key, []), list):
                    document.setdefault(key, []).extend(value)
                else:
                    document[key] = value  # type: ignore[assignment]  # reported as it would be unparsed
        if len(self.problems) == reported:  # only the whole file is wrong (a table declared twice...)
            self.problems.append(_syntax_problem(file.path, error))
            for table in TABLES:
                self._note_unreadable(table, None)
            return {}
        return document

    def _note_unreadable(self, table: str, ident: str | None) -> None:
        ids = self.unreadable.setdefault(table, set())
        if ident is None:
            self.unreadable[table] = None
        elif ids is not None:
            ids.add(ident)

    # Validating ----------------------------------------------------------------------------------

    def _validate(self, entry: _Entry) -> _Entry:
        if entry.table == "question":
            kind = entry.raw.get("kind")
            model = QUESTION_MODELS.get(kind) if isinstance(kind, str) else None  # a list is no key
            if model is not None:
                entry.raw = self._lift_misplaced(entry, model)
        else:
            model = {"technique": Technique, "source": Source}[entry.table]
        try:
            entry.value = _adapter(entry.table).validate_python(entry.raw)
            return entry
        except ValidationError as error:
            broken = self._report_invalid(entry, model, error)
        self._note_unreadable(entry.table, entry.ident)
        if entry.table == "question" and model is not None:
            values, readable = {}, set()
            for name, info in model.model_fields.items():
                if name in broken:
                    continue
                if name not in entry.raw:
                    readable.update(() if info.is_required() else (name,))  # its default is set
                    continue
                try:
                    values[name] = _field_adapter(model, name).validate_python(entry.raw[name])
                    readable.add(name)
                except ValidationError:  # valid under the model's strict rules, so not expected here
                    pass
            entry.value = model.model_construct(**values)
            entry.readable = frozenset(readable)
        return entry

    def _lift_misplaced(self, entry: _Entry, model: Any) -> dict[str, Any]:
        """The question with its own fields moved out of the sub-table TOML put them in, each reported.

        In TOML every `key = value` after a `[question.feedback]` or `[[question.sentences]]` header
        belongs to that sub-table: a `difficulty = 2` written last lands there, and the question then
        lacks it. The teacher meant it for the question; say so, and check it there.
        """
        raw = entry.raw
        names = _field_names(model)
        for sub, own_model in _SUB_TABLES.items():
            value = raw.get(sub)
            if own_model is not None and isinstance(value, list) and value and isinstance(value[-1], dict):
                table, path, header = value[-1], (sub, len(value) - 1), f"[[question.{sub}]]"
                own = _field_names(own_model)
            elif isinstance(value, dict) and sub == "feedback":
                table, path, header, own = value, (sub,), "[question.feedback]", frozenset()
            else:
                continue
            if names.isdisjoint(table):
                continue
            lost = [key for key in table if key in names and key not in raw and key not in own]
            if not lost:
                continue
            raw = raw if raw is not entry.raw else dict(raw)
            table = {k: v for k, v in table.items() if k not in lost}
            raw[sub] = table if isinstance(value, dict) else [*value[:-1], table]
            for key in lost:
                raw[key] = value[-1][key] if isinstance(value, list) else value[key]
                entry.moved[key] = (*path, key)
                self.problem(entry.file.path, entry.line(key), f"{key!r} is read as part of {header}, "
                             "because it comes after that header",
                             f"move the line above the question's first sub-table ({header}): a "
                             "question's own fields come first")
        return raw

    def _report_invalid(self, entry: _Entry, model: Any, error: ValidationError) -> set[str]:
        """Report each validation error once, pairing a misspelt field with the one it should be;
        return the top-level fields that are invalid or missing."""
        details = []
        for detail in error.errors(include_url=False):
            loc = tuple(detail["loc"])
            if entry.table == "question" and loc and loc[0] in KINDS:
                loc = loc[1:]
            details.append((loc, detail))
        broken = {str(loc[0]) for loc, _ in details if loc}
        missing = {loc: d for loc, d in details if d["type"] == "missing"}
        file, fields = entry.file.path, set(model.model_fields) if model is not None else set()
        for loc, detail in details:
            kind, name = detail["type"], str(loc[-1]) if loc else ""
            where = entry.line(*loc)
            if kind == "missing":
                continue  # after the loop, unless a misspelt field accounts for it
            if kind == "extra_forbidden":
                siblings = [m[-1] for m in missing if m[:-1] == loc[:-1]]
                pair = _pairing(name, siblings, entry.raw.get("kind"), fields,
                                entry.table == "question" and len(loc) == 1)
                if pair is not None:
                    message, hint, meant = pair
                    if meant is not None:
                        missing.pop((*loc[:-1], meant), None)
                    self.problem(file, where, message, hint)
                    continue
                self.problem(file, where, f"unknown field {_shorten(name)}",
                             did_you_mean(name, fields or _all_fields()) or "remove it")
            elif kind == "union_tag_not_found":
                self.problem(file, where, "missing field 'kind'",
                             f"add kind = one of {', '.join(repr(k) for k in KINDS)}")
            elif kind == "union_tag_invalid":
                given = entry.raw.get("kind")
                self.problem(file, entry.line("kind"), f"unknown kind {_shorten(given)}",
                             did_you_mean(str(given), KINDS) or f"use one of {', '.join(KINDS)}")
            elif entry.table == "question" and loc[:1] == ("feedback",) and len(loc) == 2 \
                    and kind == "string_type":
                self.problem(file, where, f"feedback for {_shorten(loc[1])} must be text",
                             f'write {loc[1]} = "why it does not fit this passage"')
            elif entry.table == "question" and loc[:1] == ("feedback",) and loc[-1] == "[key]":
                self.problem(file, where, f"feedback key {_shorten(loc[1])} is not a technique id",
                             "key each line by the wrong option's id, like loaded_language")
            elif entry.table == "question" and loc == ("feedback",) and kind == "dict_type":
                self.problem(file, where, "feedback must be a table of one line per wrong option",
                             'write [question.feedback], then one line per wrong option: doubt = "..."')
            else:
                label = ".".join(str(part) for part in loc) or entry.table
                self.problem(file, where, f"{label}: {detail['msg'][:1].lower()}{detail['msg'][1:]}",
                             _HINTS.get(kind))
        for loc in missing:
            name = str(loc[-1])
            self.problem(file, entry.line(*loc), f"missing field {name!r}", f"add {name} = ...")
        return broken

    # Checking ------------------------------------------------------------------------------------

    def techniques(self) -> dict[str, _Entry]:
        """The bank's techniques: the bundled ones, added to or replaced by its own."""
        own = self._unique("technique")
        merged = {}
        for entry in self.bundled:
            ident = entry.value.id
            if ident not in own:
                merged[ident] = entry
            elif own[ident].value is not None and own[ident].value != entry.value:
                self.replaced.add(ident)
                replacing = own[ident]
                self.problem(replacing.file.path, replacing.line("id"),
                             f"technique {ident!r} replaces the bundled technique of that id",
                             "give it another id to add a technique beside the bundled one, or remove "
                             "it to use the bundled definition", "warning")
        merged.update({k: e for k, e in own.items() if e.value is not None})
        return merged

    def check(self, strict: bool) -> LoadResult:
        techniques = self.techniques()
        sources = {k: e for k, e in self._unique("source").items() if e.value is not None}
        questions = self._unique("question")
        texts = self._read_sources(sources)
        anchors = Anchors()
        tech_models = {k: e.value for k, e in techniques.items()}
        source_models = {k: e.value for k, e in sources.items()}
        findings: list[tuple[_Entry, Finding]] = []
        for entry in self.entries:
            if entry.table == "question" and entry.value is not None:
                found = check_question(entry.value, tech_models, source_models, texts, anchors, entry.readable)
                findings += [(entry, f) for f in found]
        for entry, finding in findings:
            if not self._explained(finding):
                self.problem(entry.file.path, entry.line(*finding.path), finding.message, finding.hint,
                             finding.severity)
        self._placeholders("error" if strict else "warning")

        valid = {k: e.value for k, e in questions.items() if e.value is not None and e.readable is None}
        held_back = []
        if any(p.severity == "error" for p in self.problems):  # counts over a broken bank would mislead
            held_back.append("reused quotes, balance between sources and how often each technique is the "
                             "answer: checked once there are no errors")
        else:
            for table, ident, finding in check_usage(valid, tech_models, list(source_models)):
                entry = questions.get(ident) if table == "question" else None
                file = entry.file.path if entry else _bank_name(self.paths)
                self.problem(file, entry.line(*finding.path) if entry else None, finding.message,
                             finding.hint, finding.severity)
        problems = sorted(self.problems, key=_reading_order)
        if any(p.severity == "error" for p in problems):
            return LoadResult(None, problems, held_back, self.files)
        bank = Bank(techniques=tech_models, sources=source_models, texts=texts, questions=valid,
                    spans=anchors.spans)
        return LoadResult(bank, problems, held_back, self.files)

    def _explained(self, finding: Finding) -> bool:
        """Whether a table that could not be parsed may define the id this finding calls unknown."""
        if finding.about is None:
            return False
        table, ident = finding.about
        if table not in self.unreadable:
            return False
        ids = self.unreadable[table]
        return ids is None or ident in ids

    def _unique(self, table: str) -> dict[str, _Entry]:
        """Entries of one table by id; a second use of an id is an error naming the first."""
        seen: dict[str, _Entry] = {}
        for entry in self.entries:
            if entry.table != table or (ident := entry.ident) is None:
                continue
            if ident in seen:
                first = seen[ident]
                self.problem(entry.file.path, entry.line("id"), f"duplicate {table} id {ident!r}",
                             f"first defined at {shown_path(first.file.path)}:{first.line('id')}; rename one")
            else:
                seen[ident] = entry
        return seen

    def _placeholders(self, severity: Literal["error", "warning"]) -> None:
        """Text still holding a `TODO` placeholder from `quiz new`: learners would read it."""
        for entry in self.entries:
            if not entry.file.has_placeholders:
                continue
            for path, value in _strings(entry.raw, ()):
                if _PLACEHOLDER.search(value):
                    label = ".".join(str(p) for p in path)
                    self.problem(entry.file.path, entry.line(*path), f"{label} still holds the placeholder "
                                 f"{_shorten(value)}", "replace it with your own text", severity)

    def _read_sources(self, sources: dict[str, _Entry]) -> dict[str, str]:
        """Each source's text, read from inside its bank folder only, refused if it holds control
        characters (as text in question files is)."""
        texts = {}
        for ident, entry in sources.items():
            root = entry.file.root.resolve()
            try:
                target = (entry.file.path.parent / entry.value.file).resolve()
                is_file = target.is_file()
            except (OSError, ValueError) as error:  # a NUL byte, or a name too long for the file system
                self.problem(entry.file.path, entry.line("file"), f"source file {_shorten(entry.value.file)} "
                             f"cannot be opened: {getattr(error, 'strerror', None) or error}",
                             "give the article's file name, relative to this file")
                continue
            if not target.is_relative_to(root):
                self.problem(entry.file.path, entry.line("file"), f"source file {entry.value.file!r} is "
                             f"outside the bank folder {root}", "keep source texts inside the bank's folder")
                continue
            if not is_file:
                self.problem(entry.file.path, entry.line("file"), f"source file {entry.value.file!r} does "
                             "not exist", f"put the article's text at {target}")
                continue
            text = self._read_text(target, "keep only the article's text in the source file")
            if text is None or not self._count_bytes(target, text):
                continue
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            if self._clean_text(target, text):
                texts[ident] = text
        return texts

    def _clean_text(self, file: Path, text: str) -> bool:
        """False after reporting the control characters of a source text, a few lines of them at most."""
        matches = CONTROL.finditer(text)
        found = list(islice(matches, MAX_TEXT_PROBLEMS + 1))
        for match in found[:MAX_TEXT_PROBLEMS]:
            line_start = text.rfind("\n", 0, match.start()) + 1
            self.problem(file, text.count("\n", 0, match.start()) + 1,
                         f"contains {describe_control(match.group())} at column {match.start() - line_start + 1}",
                         f"delete it, or copy the article again as plain text: {REFUSED}")
        if len(found) > MAX_TEXT_PROBLEMS:
            rest = len(found) - MAX_TEXT_PROBLEMS + sum(1 for _ in matches)
            self.problem(file, None, f"and {counted(rest, 'more control character')} after these",
                         "copy the article again as plain text")
        return not found


def _pairing(name: str, missing: list[str | int], kind: Any, fields: set[str],
             top: bool) -> tuple[str, str | None, str | None] | None:
    """One message for an unknown field that stands for a missing one, and the missing field it
    accounts for; None when it stands for none."""
    if top and name == "answer" and "answers" in missing:
        return ("an all-that-apply question lists its right options as answers = [...], not answer",
                'write answers = ["...", "..."] (two or more options)', "answers")
    if top and name == "answers" and "answer" in missing:
        return (f"a {kind!r} question has one right option: answer = \"...\", not answers",
                'for several right options, use kind = "techniques"', "answer")
    guess = closest(name, [str(m) for m in missing])
    if guess is not None:
        return f"unknown field {_shorten(name)}", f"did you mean {guess!r}?", guess
    if top and name in _all_fields() and name not in fields:
        owners = [k for k, model in QUESTION_MODELS.items() if name in model.model_fields]
        if name == "source" and kind == "pair":
            return "a 'pair' question has no 'source'", "each [[question.passages]] names its own", None
        if owners:
            return (f"a {kind!r} question has no field {name!r}",
                    f"{name} belongs to {', '.join(repr(k) for k in owners)} questions; remove it", None)
    return None


_SUB_TABLES = {"feedback": None, **ITEM_MODELS}
"""A question's sub-tables, with the model of one element for those written as [[question.NAME]]."""


@cache
def _all_fields() -> frozenset[str]:
    models = [*QUESTION_MODELS.values(), *ITEM_MODELS.values(), Technique, Source]
    return frozenset(name for model in models for name in model.model_fields)


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterable[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _bank_name(paths: Sequence[Path]) -> Path:
    """Where to attach a finding about the whole bank: the first path named."""
    return paths[0] if paths else Path(".")


def _line_of_long_number(text: str) -> int | None:
    """The line of the first run of digits longer than Python reads, found in one pass."""
    match = re.search(r"(?<![0-9_])[0-9_]{%d}" % sys.get_int_max_str_digits(), text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _shorten(value: object, limit: int = 60) -> str:
    """The repr of a value taken from a file, cut so that a hostile one cannot flood the report."""
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit]}... ({len(shown):,} characters)"


def _syntax_problem(file: Path, error: Exception, offset: int = 0) -> Problem:
    message = str(error)
    line = None
    if "(at line " in message:
        message, _, position = message.rpartition(" (at line ")
        line = int(position.split(",")[0]) + offset
    elif message.endswith("(at end of document)"):
        message = message.removesuffix(" (at end of document)")
    hint = next((h for start, h in _SYNTAX_HINTS.items() if message.startswith(start)),
                "check quotes, brackets and '=' on this line")
    return Problem(file, line, f"TOML syntax: {message[:1].lower()}{message[1:]}", hint)


_SYNTAX_HINTS = {
    "Illegal character '\\n'": 'a text in double quotes must end on its line: close it with ", or write '
                                'text over several lines between """ and """',
    "Invalid value": 'text must be in double quotes: prompt = "..."; a list in brackets: ["...", "..."]',
    "Cannot overwrite a value": "this key is given twice in one table: keep one",
    "Cannot declare": "a table header is given twice in one question: keep one",
    "Expected '=' after a key": "write key = value; a key holds letters, digits, '_' and '-' only",
}
"""Hints for tomllib's commonest messages, by how the message starts."""


_HINTS = {
    "string_type": 'write text in double quotes: "..."',
    "list_type": 'write a list in brackets: ["...", "..."]',
    "int_type": "write a whole number without quotes, like 2",
    "int_parsing": "write a whole number, like 2",
    "string_too_long": "shorten it",
    "too_long": "remove some",
    "too_short": "add more",
    "string_too_short": "write something, or remove the line",
    "string_pattern_mismatch": "ids use lowercase letters, digits, '_' and '-'",
}
"""How to fix a field of the wrong type or beyond a limit of its type, by pydantic's error type."""


def _size_of(file: Path) -> str:
    """A too-big file's size as the message starts it ("12.3 MiB (12,912,323 bytes), "), if known."""
    try:
        size = file.stat().st_size
    except OSError:
        return ""
    return f"{size / 2**20:.1f} MiB ({size:,} bytes), "
