"""`quiz check` on hostile question files: a clear `file:line: error: message`, exit 1, never a traceback.

Small text cases are committed in tests/fixtures/hostile/ (each says what is wrong in its first comment);
binary, huge, deeply nested and symlinked files are written here at run time. Most problems have a line.
Those that concern the whole file print `file: error: ...` with no line: an empty file (no line is
wrong), a file over the size limit (refused before it is read, so its lines are never seen) and nesting
too deep to parse (`tomllib` stops with a RecursionError that carries no position).
"""

import gzip
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from quiz.storage.bank_files import MAX_FILE_BYTES, MAX_KEY_PARTS, MAX_QUESTIONS, load_bank
from tests.conftest import FIXTURES, line_of, run_quiz

HOSTILE = FIXTURES / "hostile"
REPORTED = re.compile(r"^(?P<file>.+?):(?:(?P<line>\d+):)? (?P<severity>error|warning): (?P<message>.*)$")


@dataclass(frozen=True)
class Printed:
    """A problem as `quiz check` prints it: in `file`, at `line` (None: the whole file), with `message`.

    As an expectation, `message` need only be part of the printed one.
    """

    file: Path
    line: int | None
    message: str


Expected = Printed


def check(*paths: Path, cwd: Path) -> tuple[int, list[Printed]]:
    """Run `quiz check` as a teacher does; the exit code and the problems it printed."""
    out = run_quiz("check", *paths, cwd=cwd)
    reported = []
    for line in out.stdout.splitlines():
        if match := REPORTED.match(line):
            reported.append(Printed((cwd / match["file"]).resolve(),
                                     int(match["line"]) if match["line"] else None, match["message"]))
    return out.returncode, reported


def assert_reported(expected: list[Printed], reported: list[Printed]) -> None:
    for want in expected:
        assert any(r.file == want.file.resolve() and r.line == want.line and want.message in r.message
                   for r in reported), f"{want} not in:\n" + "\n".join(map(str, reported))


def line_in(text: str, needle: str, occurrence: int = 1) -> int:
    """The number of the line holding `needle` (its n-th occurrence), counting lines as TOML does."""
    return [n for n, line in enumerate(text.split("\n"), 1) if needle in line][occurrence - 1]


# ---------------------------------------------------------------- committed files, one flaw each

COMMITTED: dict[str, list[tuple[str | None, str]]] = {
    # file: [(text on the line reported, or None for the whole file), message], ...
    "bad-syntax.toml": [('prompt = "Which technique', "TOML syntax: illegal character")],
    "wrong-types.toml": [("options = ", "options: input should be a valid list"),
                         ("prompt = 42", "prompt: input should be a valid string")],
    "missing-fields.toml": [("[[question]]", "missing field 'explanation'"),
                            ("[[question]]", "missing field 'difficulty'")],
    "unknown-fields.toml": [
        ("explaination =", "unknown field 'explaination' (did you mean 'explanation'?)"),
        ("colour =", "unknown field 'colour'"),
    ],
    "answer-not-an-option.toml": [
        ('answer = "name_caling"',
         "answer 'name_caling' is not among the options (did you mean 'name_calling'?)"),
    ],
    "unknown-technique.toml": [
        ("options = ", "unknown technique 'apeal_to_fear' (did you mean 'appeal_to_fear'?)"),
    ],
    "quote-off-by-one.toml": [
        ('quote = "', "quote not found in sources/letter.txt (the closest passage"),
    ],
    "empty.toml": [(None, "the file holds no techniques, sources or questions")],
    "source-outside.toml": [("file = ", "source file '../../etc/passwd' is outside the bank folder")],
    "control-characters.toml": [
        ("prompt = ", "prompt: contains an escape character (ESC, U+001B) at position 1 (remove it"),
        ("explanation = ", "explanation: contains the control character '\\x07' (U+0007) at position 49"),
        ("appeal_to_fear = ",
         "feedback.appeal_to_fear: contains the control character '\\x9b' (U+009B) at position 1"),
    ],
}


@pytest.mark.parametrize("name", COMMITTED)
def test_committed_hostile_file_is_reported_at_its_line(name):
    file = HOSTILE / name
    code, reported = check(file, cwd=HOSTILE)
    assert code == 1
    assert_reported([Expected(file, line_of(file, needle) if needle else None, message)
                     for needle, message in COMMITTED[name]], reported)


def test_duplicate_id_across_two_files_names_the_first():
    first, second = HOSTILE / "duplicate-id-a.toml", HOSTILE / "duplicate-id-b.toml"
    code, reported = check(first, second, cwd=HOSTILE)
    assert code == 1
    assert_reported([Expected(second, line_of(second, "id = "), "duplicate question id 'h-twice'")], reported)
    (duplicate,) = [r for r in reported if "duplicate" in r.message]
    assert f"first defined at {first.name}:{line_of(first, 'id = ')}" in duplicate.message


def test_markup_in_every_text_field_is_plain_data():
    """DECISION: Rich/Textual markup, even broken or clickable, is data: it loads and is kept as written."""
    code, reported = check(HOSTILE / "markup", cwd=HOSTILE)
    assert code == 0, "\n".join(map(str, reported))
    bank = load_bank([HOSTILE / "markup"]).bank
    assert bank.techniques["labels"].name == "[bold red]Name calling[/]"
    assert bank.sources["speech"].speaker == "[@click=app.quit]The candidate[/]"
    assert bank.questions["m-unsupported"].sentences[1].quote == "The sea wall will fail [/bold] next spring."


# ---------------------------------------------------------------- files written at run time

Case = Callable[[Path], tuple[list[Path], list[Expected]]]
GENERATED: dict[str, Case] = {}


def generated(case: Case) -> Case:
    GENERATED[case.__name__] = case
    return case


QUESTION = """\
[[question]]
id = "h-valid"
kind = "technique"
source = "letter"
quote = "The mayor, a puppet of the builders, says all is well."
prompt = "Which technique does the letter use here?"
options = ["name_calling", "bandwagon", "appeal_to_fear"]
answer = "name_calling"
explanation = "The word 'puppet' is a label pinned on the mayor: it invites the reader to dismiss him without \
showing any act that makes him one. Ask: what does he do that earns it?"
difficulty = 1

[question.feedback]
bandwagon = "Nothing here claims that everyone agrees; the sentence labels one person."
appeal_to_fear = "No threat is raised in this sentence; it describes the mayor."
"""
"""A valid question on the letter, to break one way or another."""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@generated
def binary_file(bank):
    png = bank / "picture.toml"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return [png], [Expected(png, 3, "contains a NUL byte: this is not a text file")]


@generated
def compressed_file(bank):
    packed = bank / "packed.toml"
    packed.write_bytes(gzip.compress(QUESTION.encode(), mtime=0))
    return [packed], [Expected(packed, 1, "contains a NUL byte: this is not a text file")]


@generated
def nul_bytes(bank):
    file = bank / "nul.toml"
    file.write_bytes(QUESTION.replace('prompt = "Which', 'prompt = "\x00Which').encode())
    return [file], [Expected(file, line_of(file, "prompt = "), "contains a NUL byte")]


@generated
def not_utf8(bank):
    file = bank / "latin1.toml"
    file.write_bytes(QUESTION.replace("use here?", "use here, café?").encode("latin-1"))
    return [file], [Expected(file, line_in(QUESTION, "use here?"), "not valid UTF-8 (byte 0xe9)")]


@generated
def fifty_megabytes(bank):
    """Refused by its size before it is read: no line can be given."""
    file = bank / "huge.toml"
    file.write_bytes((b"# " + b"x" * 97 + b"\n") * (50 * 1024 * 1024 // 100))
    limit = f"more than the limit of {MAX_FILE_BYTES // 2**20} MiB"
    return [file], [Expected(file, None, f"file is 50.0 MiB (52,428,800 bytes), {limit}")]


@generated
def deep_arrays(bank):
    """100,000 nested arrays: tomllib runs out of recursion, with no position to report."""
    file = _write(bank / "deep.toml", QUESTION.replace(
        "difficulty = 1", "difficulty = " + "[" * 100_000 + "]" * 100_000))
    return [file], [Expected(file, None, "arrays or inline tables nested too deeply to read")]


@generated
def deep_inline_tables(bank):
    file = _write(bank / "deep.toml", QUESTION.replace(
        "difficulty = 1", "difficulty = " + "{a = " * 100_000 + "1" + "}" * 100_000))
    return [file], [Expected(file, None, "arrays or inline tables nested too deeply to read")]


@generated
def long_dotted_key(bank):
    """tomllib's memory grows with the square of a key's parts: 100,000 parts would take tens of gigabytes."""
    file = _write(bank / "dotted.toml",
                  QUESTION.replace("difficulty = 1", "feedback" + ".a" * 100_000 + " = 1"))
    return [file], [Expected(file, line_of(file, "feedback.a.a"), f"more than the limit of {MAX_KEY_PARTS}")]


@generated
def number_too_long_for_python(bank):
    file = _write(bank / "number.toml", QUESTION.replace("difficulty = 1", "difficulty = " + "9" * 5000))
    return [file], [Expected(file, line_of(file, "difficulty = 999"), "a number has too many digits")]


@generated
def symlink_out_of_the_bank(bank):
    outside = bank.parent / "outside.txt"
    outside.write_text("A private file that no bank may read.\n", encoding="utf-8")
    (bank / "sources" / "letter.txt").unlink()
    (bank / "sources" / "letter.txt").symlink_to(outside)
    sources = bank / "sources.toml"
    return [bank], [Expected(sources, line_of(sources, 'file = "sources/letter.txt"'),
                             "source file 'sources/letter.txt' is outside the bank folder")]


@generated
def nul_in_a_source_file_name(bank):
    sources = bank / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    _write(sources, text.replace("sources/letter.txt", "sources/\\u0000letter.txt"))
    return [bank], [Expected(sources, line_of(sources, "letter.txt"), "cannot be opened: embedded null byte")]


@generated
def text_field_too_long(bank):
    file = _write(bank / "long.toml", QUESTION.replace(
        'prompt = "Which technique does the letter use here?"', f'prompt = "{"Why? " * 801}"'))
    return [file], [Expected(file, line_of(file, "prompt = "),
                             "prompt: string should have at most 4000 characters (shorten it)")]


def _many_questions(count: int, start: int = 0) -> str:
    """`count` small valid questions, all on the same quote."""
    return "".join(
        f'[[question]]\nid = "q{i}"\nkind = "technique"\nsource = "letter"\n'
        'quote = "the new bridge is a disaster"\nprompt = "P"\n'
        'options = ["exaggeration", "bandwagon", "doubt"]\nanswer = "exaggeration"\nexplanation = "E"\n'
        'difficulty = 1\nfeedback = { bandwagon = "B", doubt = "D" }\n\n'
        for i in range(start, start + count))


@generated
def too_many_questions_in_the_bank(bank):
    """Counted before any file is parsed: the syntax error in the first file is never reached."""
    per_file = 6_000  # under the file size limit
    _write(bank / "many-0.toml", "[[question]]\nid = = 1\n")
    files = [_write(bank / f"many-{n + 1}.toml", _many_questions(per_file, start=n * per_file))
             for n in range(MAX_QUESTIONS // per_file + 1)]
    over = MAX_QUESTIONS + 1 - 1 - (MAX_QUESTIONS // per_file) * per_file  # many-0 holds one question
    return [bank], [Expected(files[-1], line_of(files[-1], "[[question]]", over),
                             f"the bank has more than {MAX_QUESTIONS:,} questions, the limit: this is "
                             f"question {MAX_QUESTIONS + 1:,} (split them into several banks")]


@generated
def escape_sequences_in_a_source_text(bank):
    """The article view and plain mode print source texts: a terminal would act on these."""
    _write(bank / "q.toml", QUESTION)
    letter = bank / "sources" / "letter.txt"
    text = letter.read_text(encoding="utf-8")
    _write(letter, text.replace("If nothing", "\x1b]0;pwned\x07If nothing").replace("new bridge", "new \u202ebridge"))
    return [bank], [
        Expected(letter, line_of(letter, "pwned"), "contains an escape character (ESC, U+001B) at column 1"),
        Expected(letter, line_of(letter, "pwned"), "contains the control character '\\x07' (U+0007) at column 10"),
        Expected(letter, line_of(letter, "bridge"), "contains a bidirectional control character (U+202E)"),
    ]


@generated
def a_flood_of_control_characters_in_a_source_text(bank):
    _write(bank / "q.toml", QUESTION)
    letter = bank / "sources" / "letter.txt"
    _write(letter, letter.read_text(encoding="utf-8") + "\x1b[31m" * 1000)
    return [bank], [Expected(letter, None, "and 995 more control characters after these")]


@pytest.fixture
def bank(tmp_path) -> Path:
    """A bank folder holding the hostile fixtures' two sources, ready for one generated file."""
    folder = tmp_path / "bank"
    folder.mkdir()
    shutil.copy(HOSTILE / "sources.toml", folder)
    shutil.copytree(HOSTILE / "sources", folder / "sources")
    return folder


def test_the_valid_question_used_below_loads(bank):
    _write(bank / "q.toml", QUESTION)
    code, reported = check(bank, cwd=bank)
    assert code == 0, reported


@pytest.mark.parametrize("name", GENERATED)
def test_generated_hostile_file_is_reported(name, bank):
    paths, expected = GENERATED[name](bank)
    code, reported = check(*paths, cwd=bank)
    assert code == 1
    assert_reported(expected, reported)


def test_byte_order_mark_is_not_an_error(bank):
    """Some editors on Windows start UTF-8 files with a byte order mark; it is not part of the text."""
    (bank / "q.toml").write_bytes(b"\xef\xbb\xbf" + QUESTION.encode())
    (bank / "sources" / "letter.txt").write_bytes(
        b"\xef\xbb\xbf" + (bank / "sources" / "letter.txt").read_bytes())
    code, reported = check(bank, cwd=bank)
    assert code == 0, reported


def test_a_pipe_named_like_a_question_file_is_skipped(bank):
    """Reading a pipe (or a link to /dev/zero) would wait, or fill memory, forever: only files are read."""
    _write(bank / "q.toml", QUESTION)
    os.mkfifo(bank / "pipe.toml")
    code, reported = check(bank, cwd=bank)
    assert code == 0, reported
