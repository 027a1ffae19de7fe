"""Reading a progress file of any schema, fast, and telling a torn last line from damage.

Schema 3 (`quiz.storage.progress_lines`) holds one record per line, appended as things happen. A save
killed while appending leaves a torn last line: it is dropped here (the answer in flight, never one
already acknowledged) and `Loaded.length` tells the writer where to cut it off before appending.
Damage anywhere else is a `ProgressError` naming the file and line; so is a file of a schema this
release does not know, and callers must then leave the file exactly as it is.

Given a summary of the file's beginning (`progress_summary`) that its bytes still match, only the
lines after it are read and checked; the answers before wait in the History (`quiz.domain.history`)
until something needs them. Whatever follows, this reads what reading the whole file reads (a
hypothesis test holds it to that), damage included.

Schema 1 and 2 files (one TOML document: an answers array, a reviews table, an unfinished table) are
read as the first release read them; schema 1's review schedule is rebuilt by replaying its answers.
"""

import hashlib
import re
import tomllib
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from quiz.domain.history import History, Unread
from quiz.domain.progress import (
    SCHEMA_VERSION, AnswerRecord, Progress, ReviewCard, Settings, UnfinishedQuiz,
)
from quiz.domain.review import replay
from quiz.domain.text import Identifier
from quiz.storage import collector
from quiz.storage.progress_lines import (
    HEADER, MAX_KEY_PARTS, LineError, answer_json, answer_line, parse_record,
)
from quiz.storage.progress_summary import Remembered
from quiz.storage.toml_lines import LineIndex
from quiz.storage.user_files import MiB, UnreadableFile, read_user_file

MAX_PROGRESS_BYTES = 64 * MiB
"""More than 200,000 answers; far beyond any learner, far below what would exhaust memory."""

_BOM = b"\xef\xbb\xbf"


class ProgressError(Exception):
    """The progress file exists but cannot be used; the message says where and why.

    The file is left exactly as it is; the interfaces offer to move it aside."""


class ProgressUnavailable(ProgressError):
    """The progress path cannot be used at all (its folder is a file, permission denied, a FIFO or a
    device): moving it aside would not help, so the interfaces say so and exit 1."""


@dataclass
class Loaded:
    """A progress file as read: the progress, and what a writer needs to know to append to it."""

    progress: Progress
    schema: int | None = None
    """The file's schema version; None when there is no file (or it is empty)."""
    length: int = 0
    """Bytes of the file that hold whole records; a torn last line, if any, begins here."""
    needs_newline: bool = False
    """The last record has no newline after it (an editor saved it so): the next append adds one."""
    last_number: int = 0
    torn: str | None = None
    """The dropped last line, if a save was cut off while writing it."""
    data: bytes = b""
    """The bytes read."""
    hashed: "hashlib._Hash | None" = None
    """SHA-256 of the bytes a summary described and this reading trusted, if any (their beginning)."""
    hashed_length: int = 0

    def digest(self) -> "hashlib._Hash":
        """SHA-256 of the file's whole records (its first `length` bytes), to summarise them."""
        hashed = self.hashed.copy() if self.hashed is not None else hashlib.sha256()
        hashed.update(memoryview(self.data)[self.hashed_length:self.length])
        return hashed


def load_progress(path: Path) -> Progress:
    """The progress stored at `path`; a fresh, empty one if there is no file yet.

    Raises ProgressError (or its ProgressUnavailable) with `path:line` when the file cannot be used."""
    return read_progress(path).progress


def read_progress(path: Path, shown: Path | None = None, remembered: Remembered | None = None) -> Loaded:
    """The file at `path`, named `shown` in messages (the path as the learner gave it, before
    symlinks were resolved); `path` itself by default. With a summary of the file as its last
    session left it (`remembered`), only what follows the bytes it describes is read now, if the
    file still begins with exactly those bytes."""
    shown = shown or path
    try:
        data = read_user_file(path, MAX_PROGRESS_BYTES)
    except UnreadableFile as error:
        if error.missing:
            return Loaded(_fresh())
        if error.too_big:
            raise ProgressError(f"{shown}: damaged: {error.reason}, more than any progress file "
                                f"(200,000 answers take about 50 MiB)") from None
        raise ProgressUnavailable(f"{shown}: {error.reason}") from None
    return parse_progress(shown, data, remembered)


def parse_progress(path: Path, data: bytes, remembered: Remembered | None = None) -> Loaded:
    """Progress from the bytes of the file at `path` (named in messages only); see `read_progress`."""
    seed = _seed(path, data, remembered) if remembered is not None else None
    start = seed.length if seed else len(_BOM) if data.startswith(_BOM) else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        cut = data.rfind(b"\n") + 1
        if start + error.start >= cut:  # inside the last line: torn in the middle of a character?
            try:
                loaded = _parse_lines(path, data[start:cut].decode("utf-8"), cut, seed)
            except (UnicodeDecodeError, _NotLines):
                pass
            else:
                loaded.torn = data[cut:].decode("utf-8", "replace")
                return _with_data(loaded, data, seed)
        line = data.count(b"\n", 0, start + error.start) + 1
        raise ProgressError(f"{path}:{line}: damaged: not valid UTF-8 text") from None
    try:
        return _with_data(_parse_lines(path, text, len(data), seed), data, seed)
    except _NotLines:
        return _parse_document(path, text)


@dataclass
class _Seed:
    """Where reading resumes: after the first `length` bytes, which a summary describes (`hashed`
    is their SHA-256), holding `lines` lines and this state at their end."""

    length: int
    hashed: "hashlib._Hash"
    lines: int
    needs_newline: bool
    last_number: int
    state: Progress
    unread: Unread | None


def _seed(path: Path, data: bytes, remembered: Remembered) -> _Seed | None:
    """Where reading resumes with what was `remembered`, if the file begins with the bytes it
    describes and the entry is whole; None to read the whole file."""
    length = remembered.length
    if len(data) < length or not length:
        return None
    if data[length - 1:length] != b"\n" and data[length:length + 1] not in (b"", b"\n"):
        return None  # a line went on after the last record described: only the whole file tells
    hashed = hashlib.sha256(memoryview(data)[:length])
    if hashed.hexdigest() != remembered.digest:
        return None
    try:
        state = _parse_lines(path, remembered.state, len(remembered.state.encode()))
    except (ProgressError, _NotLines):
        return None
    progress = state.progress
    kept = list(progress.answers)
    in_quiz = kept[:remembered.in_quiz]
    quiz_id = progress.unfinished.quiz_id if progress.unfinished is not None else None
    if remembered.count:  # the quiz's answers, then the last answer unless it is theirs
        whole = len(in_quiz) == remembered.in_quiz and len(kept) - len(in_quiz) in ((0, 1) if in_quiz else (1,))
    else:
        whole = not kept
    if not whole or any(answer.quiz_id != quiz_id for answer in in_quiz):
        return None
    unread = None
    if remembered.count:
        unread = Unread(remembered.count, remembered.summary, kept[-1], quiz_id, in_quiz,
                        lambda: list(parse_progress(path, data[:length]).progress.answers))
    return _Seed(length, hashed, data.count(b"\n", 0, length), data[length - 1:length] != b"\n",
                 remembered.last_number, progress, unread)


def _with_data(loaded: Loaded, data: bytes, seed: _Seed | None) -> Loaded:
    loaded.data = data
    if seed is not None:
        loaded.hashed, loaded.hashed_length = seed.hashed, seed.length
    return loaded


class _NotLines(Exception):
    """The file does not begin with `schema_version = 3`: it is a whole TOML document (schema 1, 2)."""


def _significant(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _parse_lines(path: Path, text: str, size: int, seed: _Seed | None = None) -> Loaded:
    """A schema 3 file, one record per line (`text`, the decoded `size` bytes of the file, without a
    byte order mark); raises _NotLines if its first line says it is not one. With a `seed`, `text`
    is what follows the bytes it describes, and reading goes on from its state."""
    lines = text.split("\n")
    if seed is None:
        header = next((n for n, line in enumerate(lines) if _significant(line)), None)
        if header is None or not _is_header(lines[header].removesuffix("\r")):
            raise _NotLines
    else:
        header = -1
    tail = len(lines) - 1
    while tail > header and not _significant(lines[tail]):
        tail -= 1
    reader = _LineReader(path, text, lines, seed)
    with collector.paused():
        reader.add_lines(header + 1, tail)
        torn = None
        if tail > header:
            try:
                reader.add_last(tail + 1, lines[tail].removesuffix("\r"), terminated=tail < len(lines) - 1)
            except _TornLine:
                torn = "\n".join(lines[tail:])
        progress = reader.progress()
    if torn is not None:
        return Loaded(progress, SCHEMA_VERSION, length=size - len(torn.encode("utf-8")),
                      last_number=reader.last_number, torn=torn)
    needs_newline = not text.endswith("\n") if text or seed is None else seed.needs_newline
    return Loaded(progress, SCHEMA_VERSION, length=size, needs_newline=needs_newline,
                  last_number=reader.last_number)


def _is_header(line: str) -> bool:
    if line == HEADER[:-1]:
        return True
    if "schema_version" not in line or line.count(".") > MAX_KEY_PARTS:
        return False
    try:
        document = tomllib.loads(line)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return False
    version = document.get("schema_version")
    return len(document) == 1 and type(version) is int and version == SCHEMA_VERSION


class _TornLine(Exception):
    pass


@cache
def _answers_adapter() -> TypeAdapter:
    return TypeAdapter(list[AnswerRecord])


@cache
def _answer_adapter() -> TypeAdapter:
    return TypeAdapter(AnswerRecord)


CARD_FIELDS = tuple(ReviewCard.model_fields)
"""A card's fields in the order `progress_lines.answer_json` writes their values."""


@cache
def _cards_adapter() -> TypeAdapter:
    """Checks cards as tuples of values (CARD_FIELDS) against ReviewCard's own field types: a fraction
    of the time of making a model of each, and only each question's last card becomes a ReviewCard."""
    types = [Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
             for info in ReviewCard.model_fields.values()]
    return TypeAdapter(list[tuple[tuple(types)]], config=ConfigDict(strict=True))


def _card_values(card: object) -> object:
    """A card `tomllib` read, as the tuple the cards' batch checks; as it is (to be refused there, and
    told by the model) unless it is a table of exactly a card's fields."""
    if isinstance(card, dict) and card.keys() == set(CARD_FIELDS):
        return tuple(card[name] for name in CARD_FIELDS)
    return card


@cache
def _identifier_adapter() -> TypeAdapter:
    return TypeAdapter(Identifier, config=ConfigDict(strict=True))


class _Refused(Exception):
    """A batch refused the record on `line`, for the reasons in `error` (which may tell of others)."""

    def __init__(self, line: int, error: ValidationError) -> None:
        self.line, self.error = line, error


@dataclass
class _Batch:
    """Records to check together: JSON text from lines read the fast way, the rare dicts `tomllib`
    read (their places in `dicts`), and the line of each."""

    items: list[str | dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    dicts: list[int] = field(default_factory=list)

    def add_dict(self, fields: dict, line: int) -> None:
        self.dicts.append(len(self.items))
        self.items.append(fields)
        self.lines.append(line)

    def check(self, adapter_of: Callable[[], TypeAdapter], before: int | None = None) -> list:
        """The records checked, in order (only those on lines before `before`, if given): each run of
        JSON text in one call, each dict in its own. Raises _Refused for the first record refused.
        Once only: each JSON text is let go as its run is joined. With no records the adapter is not
        built: a learner with no answers yet starts without building validators (about 20 ms)."""
        end = len(self.items) if before is None else bisect_left(self.lines, before)
        if not end:
            return []
        adapter = adapter_of()
        checked: list = []
        start = 0
        for stop in [*(n for n in self.dicts if n < end), end]:
            if start < stop:
                run = "[" + ",".join(self.items[start:stop]) + "]"
                self.items[start:stop] = [None] * (stop - start)
                checked += self._run(adapter.validate_json, run, start)
            if stop < end:
                checked += self._run(adapter.validate_python, [self.items[stop]], stop)
            start = stop + 1
        return checked

    def _run(self, validate, items: object, start: int) -> list:
        try:
            return validate(items)
        except ValidationError as error:
            raise _Refused(self.lines[start + error.errors(include_url=False)[0]["loc"][0]], error) from None


class _LineReader:
    """Records read line by line. Answers and review cards, the bulk, are checked in batches at the
    end (much faster than one by one): each run of lines read the fast way as JSON text in one call,
    each line `tomllib` read as a dict. The few other records (quizzes started and ended, settings)
    are checked as they come, since each replaces the one before."""

    def __init__(self, path: Path, text: str, lines: list[str], seed: _Seed | None = None) -> None:
        self.path = path
        self.text = text
        """The file's text, where a message finds the line of a record refused."""
        self.lines = lines
        """The file's lines, read once: `progress` lets them go."""
        self.answers = _Batch()
        self.cards = _Batch()
        self.card_questions: list[object] = []
        """The question of each card: the answer's that carries it, or that of a card on its own."""
        if seed is None:
            self.skipped, self.unread, self.last_number = 0, None, -1
            self.unfinished: UnfinishedQuiz | None = None
            self.settings = Settings.model_construct()  # the defaults need no validating (nor a validator built)
            self.reviews: dict[str, ReviewCard] = {}
        else:
            self.skipped, self.unread, self.last_number = seed.lines, seed.unread, seed.last_number
            state = seed.state
            self.unfinished, self.settings, self.reviews = state.unfinished, state.settings, state.reviews
        """Lines before `text` (which a summary told of), answers among them not read, and the
        state at their end."""

    def fail(self, line: int, message: str) -> ProgressError:
        """Damage on line `line` of `text`, told at its line in the file."""
        return ProgressError(f"{self.path}:{line + self.skipped}: damaged: {message}")

    def add_lines(self, start: int, stop: int) -> None:
        """Lines `start` to `stop` (0-based, `stop` excluded). Answers in the layout written here take
        the short way, inline, since they are nearly every line."""
        answers, cards, questions = self.answers, self.cards, self.card_questions
        for number_of_line, line in enumerate(self.lines[start:stop], start + 1):
            if line.endswith("\r"):
                line = line[:-1]
            match = answer_line(line)
            if match is None:
                self.add(number_of_line, line)
                continue
            number, question, answer, card = answer_json(match)
            value = int(number)
            if value <= self.last_number:
                raise self._out_of_order(number_of_line, f"answer.{number}")
            self.last_number = value
            answers.items.append(answer)
            answers.lines.append(number_of_line)
            if card is not None:
                cards.items.append(card)
                cards.lines.append(number_of_line)
                questions.append(question)

    def add(self, line_number: int, line: str) -> None:
        try:
            record = parse_record(line)
        except LineError as error:
            raise self.fail(line_number, str(error)) from None
        if record is not None:
            self._record(line_number, *record)

    def add_last(self, line_number: int, line: str, terminated: bool) -> None:
        """The last line, which a save killed while writing it leaves torn: raises _TornLine if it
        is not TOML, or if it has no newline and is not a whole, valid record. A line with its
        newline that is TOML but not valid is damage, reported as on any other line."""
        if terminated and answer_line(line):
            self.add_lines(line_number - 1, line_number)
            return
        try:
            record = parse_record(line)
        except LineError:
            raise _TornLine from None
        if record is None:
            return
        if not terminated:
            try:
                _check_alone(*record)
            except ValidationError:
                raise _TornLine from None
        self._record(line_number, *record)

    def _out_of_order(self, line_number: int, key: str) -> ProgressError:
        return self.fail(line_number, f"{key}: records are numbered upwards, and this one comes after "
                                      f"number {self.last_number} (a line copied or moved?)")

    def _record(self, line_number: int, kind: str, number: str, fields: dict) -> None:
        key = f"{kind}.{number}"
        if not (number.isascii() and number.isdigit() and len(number) <= 18
                and (number == "0" or number[0] != "0")):
            raise self.fail(line_number, f"{key}: a record's number is a whole number like 12")
        if int(number) <= self.last_number:
            raise self._out_of_order(line_number, key)
        self.last_number = int(number)
        if kind == "answer":
            card = fields.pop("review", None)
            self.answers.add_dict(fields, line_number)
            if card is not None:
                if isinstance(card, dict) and "last_review" not in card:
                    card["last_review"] = fields.get("answered_at")
                self.cards.add_dict(_card_values(card), line_number)
                self.card_questions.append(fields.get("question_id"))
        elif kind == "review":
            card = dict(fields)
            question = card.pop("question_id", None)
            try:
                _identifier_adapter().validate_python(question)
            except ValidationError as error:
                raise self._invalid(line_number, key + ".question_id", error) from None
            self.cards.add_dict(_card_values(card), line_number)
            self.card_questions.append(question)
        else:
            try:
                model = _MODELS[kind].model_validate(fields)
            except ValidationError as error:
                raise self._invalid(line_number, key, error) from None
            if kind == "quiz":
                self.unfinished = model
            elif kind == "end":
                if self.unfinished is not None and self.unfinished.quiz_id == model.quiz_id:
                    self.unfinished = None
            else:
                self.settings = model

    def _invalid(self, line_number: int, key: str, error: ValidationError, skip: int = 0) -> ProgressError:
        first = error.errors(include_url=False)[0]
        where = ".".join([key, *(str(part) for part in first["loc"][skip:])])
        more = error.error_count() - 1
        return self.fail(line_number, f"{where}: {_said(first)}"
                         + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""))

    def _problem(self, line_number: int, error: ValidationError) -> ProgressError:
        """What is wrong with the record on `line_number`, which a batch refused (with `error`): the
        record read and checked again by itself, so the message is the same however it was read,
        with its own count of problems (a time that cannot be, such as February 30th, is told as
        `tomllib` tells it)."""
        try:
            kind, number, fields = parse_record(self.text.split("\n")[line_number - 1].removesuffix("\r"))
        except LineError as syntax:
            return self.fail(line_number, str(syntax))
        key = f"{kind}.{number}"
        try:
            _check_alone(kind, number, fields)
        except ValidationError as alone:
            card = kind == "answer" and alone.title == ReviewCard.__name__
            return self._invalid(line_number, key + (".review" if card else ""), alone)
        return self._invalid(line_number, key, error, skip=1)  # never met: read alone, it passes

    def progress(self) -> Progress:
        """The records checked, once every line is read. The lines and the JSON texts are let go first,
        so that the records are made in the memory they held (a first load is some 5% faster)."""
        self.lines.clear()
        try:
            answers = self.answers.check(_answers_adapter)
        except _Refused as refused:  # unless a card before it is refused too: the first is told
            try:
                self.cards.check(_cards_adapter, before=refused.line)
            except _Refused as earlier:
                refused = earlier
            raise self._problem(refused.line, refused.error) from None
        try:
            cards = self.cards.check(_cards_adapter)
        except _Refused as refused:
            raise self._problem(refused.line, refused.error) from None
        last = dict(zip(self.card_questions, cards))  # each question's last card
        reviews = self.reviews | {question: ReviewCard.model_validate(dict(zip(CARD_FIELDS, card)))
                                  for question, card in last.items()}
        return Progress.model_construct(answers=History(answers, self.unread), reviews=reviews,
                                        unfinished=self.unfinished, settings=self.settings)


class _QuizEnd(BaseModel):
    """The unfinished quiz with this id was finished or dropped."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)
    quiz_id: Identifier


_MODELS = {"quiz": UnfinishedQuiz, "end": _QuizEnd, "settings": Settings}


def _check_alone(kind: str, number: str, fields: dict) -> None:
    """Validate one record by itself: raises ValidationError, whose title names the model that
    refused it (ReviewCard for the card an answer carries)."""
    fields = dict(fields)
    if kind == "answer":
        card = fields.pop("review", None)
        _answer_adapter().validate_python(fields)
        if card is not None:
            ReviewCard.model_validate({"last_review": fields.get("answered_at"), **card}
                                      if isinstance(card, dict) else card)
    elif kind == "review":
        _identifier_adapter().validate_python(fields.pop("question_id", None))
        ReviewCard.model_validate(fields)
    else:
        _MODELS[kind].model_validate(fields)


_MANY_DOTS = re.compile(r"^(?:[^\n.]*\.){%d}" % MAX_KEY_PARTS, re.MULTILINE)
"""A line with this many dots might hold an absurd dotted key: only then are key parts counted.
Anchored at line starts, so the search stays linear in the file's length."""


def _parse_document(path: Path, text: str) -> Loaded:
    """A schema 1 or 2 file: one TOML document, checked as a whole as the first release did."""
    if _MANY_DOTS.search(text):
        parts, line = LineIndex(text).deepest_key
        if parts > MAX_KEY_PARTS:
            raise ProgressError(f"{path}:{line}: damaged: a key of {parts:,} dotted parts "
                                f"(progress files need at most 3)")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProgressError(_syntax_message(path, error, text)) from None
    except (RecursionError, ValueError) as error:  # nesting too deep, an integer too long to read
        raise ProgressError(f"{path}:1: damaged: not a progress file ({type(error).__name__})") from None
    if not document:
        return Loaded(_fresh())
    version = document.get("schema_version", 1)
    if type(version) is not int:
        raise ProgressError(
            f"{path}:{_line_of(text, 'schema_version')}: damaged: schema_version must be a whole "
            f"number, like schema_version = {SCHEMA_VERSION}; this file has {_shown(version)}")
    if version > SCHEMA_VERSION:
        raise ProgressError(
            f"{path}: written by a newer version of the quiz (schema {version}; this one reads "
            f"up to {SCHEMA_VERSION}); upgrade media-literacy-quiz to use it")
    if version < 1:
        raise ProgressError(f"{path}:{_line_of(text, 'schema_version')}: damaged: schema_version "
                            f"{version} was never written by the quiz (1 to {SCHEMA_VERSION} are)")
    if version == SCHEMA_VERSION:
        raise ProgressError(
            f"{path}:{_line_of(text, 'schema_version')}: damaged: a schema {SCHEMA_VERSION} progress "
            f"file begins with the line `{HEADER.strip()}` and holds one record per line after it")
    try:
        progress = Progress.model_validate(document)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        more = error.error_count() - 1
        raise ProgressError(
            f"{path}:{_line_of(text, *first['loc'])}: damaged: {where}: {_said(first)}"
            + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")) from None
    if version < 2:
        progress.reviews = replay(progress.answers)
    progress.schema_version = SCHEMA_VERSION
    return Loaded(progress, schema=version)


def _said(problem: dict) -> str:
    """Pydantic's message for one problem, in the same words for every kind of record: an answer (a
    dataclass) is told of an unknown field as the models are."""
    if problem["type"] == "unexpected_keyword_argument":
        return "Extra inputs are not permitted"
    return problem["msg"]


def _line_of(text: str, *path: str | int) -> int:
    """The line defining `path` (scanned only when there is an error to report)."""
    return LineIndex(text).line_of(path)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true or false)"
    if isinstance(value, str):
        return f"the text {value[:20]!r}" if len(value) <= 20 else "a text"
    if isinstance(value, float):
        return f"the decimal number {value!r}"
    return f"a {type(value).__name__}"


def _syntax_message(path: Path, error: tomllib.TOMLDecodeError, text: str) -> str:
    message, _, position = str(error).partition(" (at line ")
    line = position.split(",")[0] if position else ""
    if not line.isdigit():  # "(at end of document)"
        message = message.removesuffix(" (at end of document)")
        line = str(text.count("\n") + 1)
    return f"{path}:{line}: damaged: not valid TOML ({message[:1].lower()}{message[1:]})"


def _fresh() -> Progress:
    """A learner with no answers yet: the defaults need no validating, and skipping it spares a new
    learner's first start from building the progress models' validators before the first screen."""
    return Progress.model_construct()
