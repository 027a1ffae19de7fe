"""Schema 3 lines: what the fast reader accepts, it reads exactly as tomllib does; what it does not, it
hands to tomllib; and every line the quiz writes takes the fast way. Answer lines read as JSON, the way
a whole file's answers are read, give the same records as tomllib and the models, and refuse the same."""

import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quiz.domain.progress import AnswerRecord, ReviewCard, Settings
from pydantic import TypeAdapter, ValidationError

from quiz.storage.progress_lines import (
    HEADER, LineError, answer_fields, answer_line, fields_of, parse_record, read_fast, record_line, toml_value,
)
from quiz.storage.progress_read import ProgressError, parse_progress
from tests.progress_strategies import answers, cards, ids, quizzes, titles


@st.composite
def written_lines(draw) -> str:
    """A line as the quiz writes it, of any kind."""
    number = draw(st.integers(0, 10**12))
    kind = draw(st.sampled_from(["answer", "answer", "quiz", "end", "settings", "review"]))
    if kind == "answer":
        answer = draw(answers)
        card = draw(st.none() | cards | cards.map(
            lambda c: c.model_copy(update={"last_review": answer.answered_at})))
        return record_line(kind, number, answer_fields(answer, card))
    if kind == "quiz":
        return record_line(kind, number, fields_of(draw(quizzes)))
    if kind == "end":
        return record_line(kind, number, {"quiz_id": draw(ids)})
    if kind == "settings":
        return record_line(kind, number, fields_of(Settings(theme=draw(st.none() | titles))))
    return record_line(kind, number, {"question_id": draw(ids), **fields_of(draw(cards))})


def as_toml(record):
    """What tomllib gives for a line holding `record` (kind, number, fields)."""
    if record is None:
        return {}
    kind, number, fields = record
    return {kind: {number: fields}}


def same(a, b) -> bool:
    """Equal, and equal in type and in each time's offset (== alone takes 1 for 1.0, and two
    datetimes for equal when they are the same instant in different zones)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, datetime):
        return a == b and a.utcoffset() == b.utcoffset()
    return a == b or (a != a and b != b)


@settings(max_examples=400, deadline=None)
@given(line=written_lines())
def test_every_line_the_quiz_writes_reads_back_the_fast_way_as_tomllib_reads_it(line):
    assert line.endswith("\n") and line.count("\n") == 1, "one record, one line"
    text = line[:-1]
    expected = tomllib.loads(line)
    fast = read_fast(text)
    if '\\' in text or "inf" in text or "nan" in text:  # escaped strings and infinities go to tomllib
        assert fast is None or same(as_toml(fast), expected)
    else:
        assert fast is not None, f"the fast reader should take {text!r}"
        assert same(as_toml(fast), expected)
    assert same(as_toml(parse_record(text)), expected)


def read_as_json(text: str) -> tuple[AnswerRecord, ReviewCard | None]:
    """The answer on `text` (an `answer_line`) and its card, as the progress reader reads a file's
    answer lines (the JSON way); raises ProgressError if it refuses the line."""
    progress = parse_progress(Path("progress.toml"), f"{HEADER}{text}\n".encode()).progress
    (answer,) = progress.answers
    return answer, progress.reviews.get(answer.question_id)


def read_by_tomllib(text: str) -> tuple[AnswerRecord, ReviewCard | None]:
    """The answer on `text` and its card, read by tomllib and checked by the models."""
    (fields,) = tomllib.loads(text)["answer"].values()
    card = fields.pop("review", None)
    answer = TypeAdapter(AnswerRecord).validate_python(fields)
    return answer, card and ReviewCard.model_validate({"last_review": answer.answered_at, **card})


def dump(record: object, **options) -> dict:
    """A record's fields as pydantic dumps them (answers are dataclasses, the other records models)."""
    return TypeAdapter(type(record)).dump_python(record, **options)


def same_records(a: tuple, b: tuple) -> bool:
    return all(x is y is None or same(dump(x), dump(y)) for x, y in zip(a, b))


@settings(max_examples=400, deadline=None)
@given(number=st.integers(0, 10**18 - 1), answer=answers, card=st.none() | cards)
def test_an_answer_line_read_as_json_gives_the_records_tomllib_gives(number, answer, card):
    text = record_line("answer", number, answer_fields(answer, card))[:-1]
    assert answer_line(text), "every answer line the quiz writes takes the fast way"
    assert same_records(read_as_json(text), read_by_tomllib(text))


def mutated(line: str, data) -> str:
    """`line` with a few characters deleted, inserted or replaced, chosen from those that matter."""
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(line)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        character = data.draw(st.sampled_from(list('0123456789.-+eEZT:" ,[]{}=\\ab_\t#') + ["inf", "é"]))
        if action == "delete":
            line = line[:at] + line[at + 1:]
        elif action == "insert":
            line = line[:at] + character + line[at:]
        else:
            line = line[:at] + character + line[at + 1:]
    return line


@settings(max_examples=1500, deadline=None)
@given(line=written_lines(), data=st.data())
@example(line='answer.1 = { question_id = "q", quiz_id = "z", answered_at = 2026-02-30T00:00:00Z, score = 1.0 }\n',
         data=None)
def test_a_damaged_line_is_read_as_tomllib_reads_it_or_refused_like_tomllib(line, data):
    text = mutated(line[:-1], data) if data is not None else line[:-1]
    fast = read_fast(text)
    try:
        expected = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        assert fast is None, f"tomllib refuses {text!r}, the fast reader must not accept it"
        if answer_line(text):  # a time that cannot be, such as February 30th
            with pytest.raises(ProgressError):
                read_as_json(text)
        try:
            parse_record(text)
        except LineError:
            return
        raise AssertionError(f"{text!r} should be refused")
    if fast is not None:
        assert same(as_toml(fast), expected)
    if answer_line(text):
        try:
            by_tomllib = read_by_tomllib(text)
        except ValidationError:
            with pytest.raises(ProgressError):
                read_as_json(text)
        else:
            assert same_records(read_as_json(text), by_tomllib)
    try:
        record = parse_record(text)
    except LineError:  # TOML, but not one record on one line
        assert not (len(expected) == 1 and isinstance(next(iter(expected.values())), dict)
                    and len(next(iter(expected.values()))) == 1
                    and isinstance(next(iter(next(iter(expected.values())).values())), dict)
                    and next(iter(expected)) in ("answer", "quiz", "end", "settings", "review"))
        return
    assert same(as_toml(record), expected)


def test_strings_are_escaped_as_toml_wants_and_times_written_in_utc():
    assert toml_value('say "no" \\ then\ttab\x7f\x01') == r'"say \"no\" \\ then\ttab\u007F\u0001"'
    assert toml_value(datetime(2026, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))) == "2026-01-01T10:00:00Z"
    assert toml_value(datetime(2026, 1, 1, 12, 0, 0, 5, tzinfo=UTC)) == "2026-01-01T12:00:00.000005Z"
    assert toml_value(0.1) == "0.1" and toml_value(1e-7) == "1e-07" and toml_value(2.0) == "2.0"
    assert toml_value({}) == "{}" and toml_value([]) == "[]"


def test_an_answer_line_leaves_out_the_review_time_when_it_is_the_answer_time():
    when = datetime(2026, 11, 23, 9, 2, tzinfo=UTC)
    answer = AnswerRecord(question_id="q1", quiz_id="z", answered_at=when, choice=["b"], score=1.0)
    card = ReviewCard(state=2, stability=3.5, difficulty=5.0, due=when + timedelta(days=3), last_review=when)
    assert record_line("answer", 7, answer_fields(answer, card)) == (
        'answer.7 = { question_id = "q1", quiz_id = "z", answered_at = 2026-11-23T09:02:00Z, '
        'choice = ["b"], score = 1.0, review = { state = 2, stability = 3.5, difficulty = 5.0, '
        'due = 2026-11-26T09:02:00Z } }\n')
    earlier = card.model_copy(update={"last_review": when - timedelta(days=1)})
    assert "last_review = 2026-11-22T09:02:00Z" in record_line("answer", 7, answer_fields(answer, earlier))


def test_blank_and_comment_lines_hold_no_record_and_other_toml_is_refused():
    assert parse_record("") is None and parse_record("   # a note") is None
    assert parse_record("[answer.1]") == ("answer", "1", {}), "as TOML has it (the reader then finds no fields)"
    for line, reason in [("answer = 5", "not a progress record"),
                         ("answer.1 = {", "not valid TOML"), ("a.b = 1\x00", "not valid TOML"),
                         ("quiz.1 = 5", "not a progress record"), ("other.1 = {}", "not a progress record"),
                         ("x" + ".x" * 20_000 + " = 1", "dotted parts")]:
        try:
            parse_record(line)
        except LineError as error:
            assert reason in str(error)
        else:
            raise AssertionError(line)


def test_fields_of_is_pydantics_dump_without_defaults():
    from datetime import UTC, datetime

    from quiz.domain.progress import AnswerRecord, ReviewCard, Settings, UnfinishedQuiz
    from quiz.storage.progress_lines import fields_of

    when = datetime(2026, 11, 27, 9, tzinfo=UTC)
    for model in (AnswerRecord(question_id="q", quiz_id="z", answered_at=when, choice=["a"], score=0.5),
                  AnswerRecord(question_id="q", quiz_id="z", answered_at=when, words=[3, 4], score=1.0,
                               confidence="sure"),
                  ReviewCard(state=2, stability=1.5, difficulty=5.0, due=when, last_review=when),
                  UnfinishedQuiz(quiz_id="z", title="All", started_at=when, question_ids=["q"], seed=0),
                  Settings(), Settings(theme="textual-light")):
        assert fields_of(model) == dump(model, exclude_defaults=True)
