"""Schema 3 progress files, line by line: one TOML record per line, written and read fast.

A schema 3 file is an ordinary TOML document laid out so that saving is an append:

    schema_version = 3
    quiz.1 = { quiz_id = "3f2a9c1b7d0e", title = "All questions", started_at = 2026-11-23T09:01:00Z, question_ids = ["q1", "q2"], seed = 7 }
    answer.2 = { question_id = "q1", quiz_id = "3f2a9c1b7d0e", answered_at = 2026-11-23T09:02:00Z, choice = ["b"], score = 1.0, confidence = "sure", review = { state = 2, stability = 3.17, difficulty = 5.28, due = 2026-11-26T09:02:00Z } }
    settings.3 = { theme = "textual-light" }
    end.4 = { quiz_id = "3f2a9c1b7d0e" }

Each record is `KIND.NUMBER = { fields }`; numbers count up through the file, one sequence for all
kinds, so every key is unique (the whole file stays valid TOML for any tool) and a record's place in
the history is its number. The fields are the models' fields in `quiz.domain.progress`. An answer
carries its question's review card after it, so loading needs no FSRS replay; the card's
`last_review` is left out when it is the answer's own time (as it is whenever the answer made the
card), which a reader fills back in.

`tomllib` takes about 30 microseconds a line, 300 ms for 10,000 answers. Lines this module wrote
are read instead by one compiled regular expression per kind of record, which accepts only a strict
subset of TOML (the exact spacing and field order written here, strings without escapes, UTC times):
for such a line it gives exactly what `tomllib` gives (a hypothesis test holds it to that). Any other
line (edited by hand, a title with quotes) goes through `tomllib`, after a cap on dotted-key parts.

A whole file's answer lines, the bulk, take a shorter way still: `answer_json` turns each match into
JSON text, which pydantic reads and checks for thousands of lines in one call (`validate_json`), with
its times and numbers parsed in compiled code. The subset above is also JSON once its times are
quoted, and reads to the same values (a hypothesis test holds the two ways to that too).
"""

import re
import tomllib
from datetime import UTC, datetime

from pydantic import BaseModel

from quiz.domain.progress import SCHEMA_VERSION, AnswerRecord, Progress, ReviewCard, Settings
from quiz.storage.toml_lines import LineIndex

HEADER = f"schema_version = {SCHEMA_VERSION}\n"
KINDS = ("answer", "quiz", "end", "review", "settings")
"""answer: an answer and its question's card after it. quiz: a quiz started (it becomes the unfinished
one). end: the unfinished quiz finished or dropped. review: a question's card on its own (written only
when a whole file is rewritten, for a card no answer carries). settings: all settings, the last wins."""

MAX_KEY_PARTS = 16
"""Records need keys of two parts; `tomllib` slows with the square of a key's parts."""


class LineError(ValueError):
    """A line that is not TOML, or not one progress record; the message says why (no file or line)."""


# Writing ----------------------------------------------------------------------------------------

_ESCAPED = re.compile(r'[\x00-\x1f"\\\x7f]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    character = match.group()
    return _ESCAPES.get(character) or f"\\u{ord(character):04X}"


def toml_value(value: object) -> str:
    """`value` as TOML, inline: tables as `{ key = value, ... }`, times in UTC with a `Z`."""
    if isinstance(value, str):
        return f'"{_ESCAPED.sub(_escape, value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        return repr(value)  # the shortest text that reads back as the same float; inf and -inf as TOML spells them
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError("progress times must carry a timezone")
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} to a progress file")


def record_line(kind: str, number: int, fields: dict) -> str:
    """One record as a line of TOML, with its newline."""
    return f"{kind}.{number} = {toml_value(fields)}\n"


def fields_of(record: BaseModel | AnswerRecord) -> dict:
    """A record's fields to write, in their declared order: those not at their default. Read straight
    off the record, since progress records are flat (text, numbers, times and lists of them): the same
    as pydantic's `model_dump(exclude_defaults=True)` without building its serializer at a learner's
    first save."""
    return {name: value for name, info in type(record).__pydantic_fields__.items()
            if (value := getattr(record, name)) != info.get_default(call_default_factory=True)}


def answer_fields(answer: AnswerRecord, card: ReviewCard | None) -> dict:
    """An answer's fields, with the question's card after it. The card's `last_review` is left out
    when it is the answer's own time, as it is whenever the card comes from that answer."""
    fields = fields_of(answer)
    if card is not None:
        fields["review"] = review = fields_of(card)
        if card.last_review == answer.answered_at:
            del review["last_review"]
    return fields


def file_lines(progress: Progress) -> list[str]:
    """The whole of `progress` as a schema 3 file: settings, answers (each question's card on its
    last answer), cards no answer carries, then the unfinished quiz."""
    lines = [HEADER]
    number = 0

    def add(kind: str, fields: dict) -> None:
        nonlocal number
        number += 1
        lines.append(record_line(kind, number, fields))

    if progress.settings != Settings.model_construct():
        add("settings", fields_of(progress.settings))
    last_answer = {answer.question_id: index for index, answer in enumerate(progress.answers)}
    for index, answer in enumerate(progress.answers):
        last = last_answer[answer.question_id] == index
        add("answer", answer_fields(answer, progress.reviews.get(answer.question_id) if last else None))
    for question, card in progress.reviews.items():
        if question not in last_answer:
            add("review", {"question_id": question, **fields_of(card)})
    if progress.unfinished is not None:
        add("quiz", fields_of(progress.unfinished))
    return lines


# Reading ----------------------------------------------------------------------------------------

_N = r"(0|[1-9][0-9]{0,17})"
"""A record's number: at most 18 digits, as records allow; a longer one goes to `tomllib`, and is refused."""
_S = r'"([^"\\\x00-\x1f\x7f]*)"'
_INT = r"(-?(?:0|[1-9][0-9]*))"
_FLOAT = r"(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:e[+-]?[0-9]+)?|e[+-]?[0-9]+))"
_DT = r"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?Z)"
_SLIST = r'\[((?:"[^"\\\x00-\x1f\x7f]*"(?:, "[^"\\\x00-\x1f\x7f]*")*)?)\]'
_ILIST = r"\[((?:-?(?:0|[1-9][0-9]*)(?:, -?(?:0|[1-9][0-9]*))*)?)\]"
_CARD = rf"state = {_INT}, stability = {_FLOAT}, difficulty = {_FLOAT}, due = {_DT}"

answer_line = re.compile(
    rf"answer\.{_N} = \{{ question_id = {_S}, quiz_id = {_S}, answered_at = {_DT}"
    rf"(?:, choice = {_SLIST})?(?:, words = {_ILIST})?, score = {_FLOAT}(?:, confidence = {_S})?"
    rf"(?:, review = \{{ {_CARD}(?:, last_review = {_DT})? \}})? \}}").fullmatch
"""Matches an answer line as written here (the bulk of every file); `answer_parts` reads the match."""
_QUIZ = re.compile(
    rf"quiz\.{_N} = \{{ quiz_id = {_S}, title = {_S}, started_at = {_DT}, question_ids = {_SLIST}"
    rf"(?:, seed = {_INT})? \}}")
_END = re.compile(rf"end\.{_N} = \{{ quiz_id = {_S} \}}")
_SETTINGS = re.compile(rf"settings\.{_N} = (?:\{{\}}|\{{ theme = {_S} \}})")
_REVIEW = re.compile(rf"review\.{_N} = \{{ question_id = {_S}, {_CARD}, last_review = {_DT} \}}")

_time = datetime.fromisoformat


def _strings(text: str) -> list[str]:
    return text[1:-1].split('", "') if text else []


def _card(state: str, stability: str, difficulty: str, due: str, last_review: str | None) -> dict:
    """A card's fields as written; without `last_review` when the line leaves it out."""
    card = {"state": int(state), "stability": float(stability), "difficulty": float(difficulty),
            "due": _time(due)}
    if last_review is not None:
        card["last_review"] = _time(last_review)
    return card


def answer_parts(match: re.Match) -> tuple[str, dict, dict | None]:
    """From an `answer_line` match: the record's number as written, its fields but the review card,
    and the card's fields as written (None if it carries none: then no `last_review` either, which
    means the answer's time). Raises ValueError for an impossible time."""
    (number, question, quiz, at, choice, words, score, confidence,
     state, stability, difficulty, due, last_review) = match.groups()
    answered = _time(at)
    fields = {"question_id": question, "quiz_id": quiz, "answered_at": answered}
    if choice is not None:
        fields["choice"] = _strings(choice)
    if words is not None:
        fields["words"] = [int(word) for word in words.split(", ")] if words else []
    fields["score"] = float(score)
    if confidence is not None:
        fields["confidence"] = confidence
    if state is None:
        return number, fields, None
    return number, fields, _card(state, stability, difficulty, due, last_review)


def answer_json(match: re.Match) -> tuple[str, str, str, str | None]:
    """From an `answer_line` match: the record's number and question as written, the answer's fields
    as one JSON object, and its card's values as a JSON array, in the order of ReviewCard's fields
    (None if it carries none; its `last_review`, when left out, is the answer's time). The same values
    as `answer_parts`, to be read by `validate_json`, which also refuses an impossible time."""
    (number, question, quiz, at, choice, words, score, confidence,
     state, stability, difficulty, due, last_review) = match.groups()
    sure = "null" if confidence is None else f'"{confidence}"'
    answer = (f'{{"question_id":"{question}","quiz_id":"{quiz}","answered_at":"{at}",'
              f'"choice":[{choice or ""}],"words":[{words or ""}],"score":{score},"confidence":{sure}}}')
    if state is None:
        return number, question, answer, None
    return number, question, answer, f'[{state},{stability},{difficulty},"{due}","{last_review or at}"]'


def read_fast(line: str) -> tuple[str, str, dict] | None:
    """The record on a line in this module's own layout, as `tomllib` would read it (kind, number as
    written, fields); None for any other line, which `parse_record` then gives to `tomllib`."""
    try:
        return _read_fast(line)
    except ValueError:  # a time such as February 30th, or a number too long: tomllib says which
        return None


def _read_fast(line: str) -> tuple[str, str, dict] | None:
    first = line[:1]
    if first == "a" and (match := answer_line(line)):
        number, fields, card = answer_parts(match)
        if card is not None:
            fields["review"] = card
        return "answer", number, fields
    if first == "q" and (match := _QUIZ.fullmatch(line)):
        number, quiz, title, started, questions, seed = match.groups()
        fields = {"quiz_id": quiz, "title": title, "started_at": _time(started),
                  "question_ids": _strings(questions)}
        if seed is not None:
            fields["seed"] = int(seed)
        return "quiz", number, fields
    if first == "e" and (match := _END.fullmatch(line)):
        return "end", match.group(1), {"quiz_id": match.group(2)}
    if first == "s" and (match := _SETTINGS.fullmatch(line)):
        number, theme = match.groups()
        return "settings", number, {} if theme is None else {"theme": theme}
    if first == "r" and (match := _REVIEW.fullmatch(line)):
        number, question, *card = match.groups()
        return "review", number, {"question_id": question, **_card(*card)}
    return None


def parse_record(line: str) -> tuple[str, str, dict] | None:
    """The record on one line (without its newline) as (kind, number as written, fields), exactly as
    `tomllib` reads that line; None for a blank or comment line. Raises LineError otherwise."""
    found = read_fast(line)
    if found is not None:
        return found
    parts, _ = LineIndex(line).deepest_key
    if parts > MAX_KEY_PARTS:
        raise LineError(f"a key of {parts:,} dotted parts (records have 2)")
    try:
        document = tomllib.loads(line)
    except tomllib.TOMLDecodeError as error:
        message = str(error).split(" (at ")[0]
        raise LineError(f"not valid TOML ({message[:1].lower()}{message[1:]})") from None
    except (RecursionError, ValueError) as error:  # nesting too deep, an integer too long to read
        raise LineError(f"not valid TOML ({type(error).__name__})") from None
    if not document:
        return None
    if len(document) == 1:
        (kind, table), = document.items()
        if kind in KINDS and isinstance(table, dict) and len(table) == 1:
            (number, fields), = table.items()
            if isinstance(fields, dict):
                return kind, number, fields
    keys = ", ".join(sorted(document))
    raise LineError(f"not a progress record (each line holds one, such as answer.12 = {{ ... }}; "
                    f"this line sets {keys[:80]})")
