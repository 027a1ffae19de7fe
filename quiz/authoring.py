"""A starting question file for a new article, so a teacher edits a working file instead of a blank page.

The file registers the article as a `[[source]]` (id, path and title taken from the text itself) and
carries one commented-out example of each kind of question, quoting the article's own first sentences,
so that an example a teacher uncomments and completes passes `quiz check`. Notes start with `##` and
example lines with `# `: removing the `# ` turns an example into TOML and leaves the notes as comments.
Text that only the teacher can supply is a `TODO: ...` placeholder.
"""

import json
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from quiz.domain.models import KINDS
from quiz.domain.text import Identifier
from quiz.domain.tokens import words
from quiz.schema import FILE_NAME as SCHEMA_FILE_NAME

MAX_TITLE = 200
"""The longest title a [[source]] may have."""
PAIR_PLACEHOLDER_SOURCE = "other-article"
"""Source id in the pair example: a valid id that `quiz check` reports as unknown until it is replaced."""

_SENTENCE = re.compile(r"[^\s.!?][^.!?]*[.!?]+[\"”’»)\]]*")
_IDENTIFIER = TypeAdapter(Identifier)


class NewFileError(Exception):
    """Why `quiz new` wrote nothing, worded for the teacher."""


@dataclass(frozen=True)
class NewFile:
    """A question file `quiz new` wrote, and what the teacher should know about it."""

    path: Path
    source_id: str
    notes: list[str]


def write_new_file(source: Path, out: Path | None, source_id: str | None, bundled_techniques: Path,
                   max_bytes: int) -> NewFile:
    """Write the starting question file for the article at `source`; never overwrite a file."""
    out = out if out is not None else source.with_suffix(".toml")
    source_id = source_id if source_id is not None else slug(source.stem)
    if not source_id:
        raise NewFileError(f"cannot make an id from the file name {source.name!r}: give one with --id ID")
    if not is_identifier(source_id):
        raise NewFileError(f"{source_id!r} is not a valid id: use lowercase letters, digits, '-' and "
                           "'_', starting with a letter or digit, at most 64 characters")
    text = _read_article(source, max_bytes)
    try:
        relative = Path(os.path.relpath(source.resolve(), out.parent.resolve())).as_posix()
    except ValueError:
        relative = source.resolve().as_posix()
    notes = []
    if relative.startswith("../") or Path(relative).is_absolute():
        notes.append(f"{source} lies outside {out.parent}/: quiz check reads source texts only from "
                     "inside the folder it checks, so check a folder that holds both, or move the text "
                     "into the bank's folder and run quiz new again")
    content = question_file(source_id=source_id, source_file=relative, text=text,
                            techniques=technique_ids(out.parent, bundled_techniques),
                            schema_line=(out.parent / SCHEMA_FILE_NAME).is_file())
    try:
        with out.open("x", encoding="utf-8", newline="\n") as file:
            file.write(content)
    except FileExistsError:
        raise NewFileError(f"{out} already exists; quiz new never overwrites a file: "
                           "give another name with --out FILE") from None
    except OSError as error:
        raise NewFileError(f"cannot write {out}: {error.strerror or error}") from None
    return NewFile(out, source_id, notes)


def _read_article(source: Path, max_bytes: int) -> str:
    try:
        if source.stat().st_size > max_bytes:
            raise NewFileError(f"{source} is larger than {max_bytes:,} bytes: is it an article's text?")
        data = source.read_bytes()
    except OSError as error:
        raise NewFileError(f"cannot read {source}: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NewFileError(f"{source} is not UTF-8 text: save the article as plain UTF-8 text") from None
    if "\x00" in text:
        raise NewFileError(f"{source} is not a text file: save the article as plain UTF-8 text")
    if not text.strip():
        raise NewFileError(f"{source} is empty: save the article's text in it first")
    return text.replace("\r\n", "\n")


def slug(name: str) -> str:
    """An id made from a file name: ASCII lowercase letters and digits joined by `-`; '' if none."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:64].rstrip("-")


def is_identifier(value: str) -> bool:
    try:
        _IDENTIFIER.validate_python(value)
    except ValidationError:
        return False
    return True


def title_of(text: str) -> str:
    """The first non-empty line of the text, shortened at a word to fit a title."""
    first = _lines(text)[0]
    if len(first) <= MAX_TITLE:
        return first
    return first[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"


def sentences(text: str) -> list[str]:
    """Sentences of the article's body, verbatim, to quote in the examples.

    The title line is skipped; sentences come from inside single lines, so each occurs in the text
    exactly as returned. A body without sentence punctuation falls back to its lines (or, for a text
    of one line, to that line): any verbatim passage will do for an example the teacher will change.
    """
    lines = _lines(text)
    found = [m.group().strip() for line in lines[1:] for m in _SENTENCE.finditer(line)]
    found = [s for s in found if len(s.split()) >= 4 and len(s) <= 400]
    return found or [line[:2000].strip() for line in lines[1:] or lines]


def _lines(text: str) -> list[str]:
    """The text's non-empty lines, stripped; at least one (the callers have refused empty texts)."""
    return [line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()] or [""]


def technique_ids(folder: Path, bundled: Path) -> list[str]:
    """Technique ids a question in `folder` may use: those of its techniques.toml, else the bundled ones.

    This mirrors `quiz check FILE`, which reads a techniques.toml beside the file, else the bundled
    techniques. A local file too broken to offer three ids is left for `quiz check` to report.
    """
    local = _ids(folder / "techniques.toml")
    return local if len(local) >= 3 else _ids(bundled)


def _ids(file: Path) -> list[str]:
    try:
        tables = tomllib.loads(file.read_text(encoding="utf-8")).get("technique")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    if not isinstance(tables, list):
        return []
    return [t["id"] for t in tables if isinstance(t, dict) and isinstance(t.get("id"), str)]


def question_file(*, source_id: str, source_file: str, text: str, techniques: list[str],
                  schema_line: bool) -> str:
    """The text of the new question file; `schema_line` when the editor schema sits beside it."""
    title = title_of(text)
    quotes = sentences(text)

    def quote(n: int) -> str:
        return quotes[n % len(quotes)]

    one, two, three = techniques[:3]
    sid = source_id
    parts = [
        f"#:schema ./{SCHEMA_FILE_NAME}\n" if schema_line else "",
        f"""\
## Questions on {_string(title)} (source "{sid}"), started by `quiz new`.
##
## 1. Fill in the [[source]] below: replace each TODO, check the title.
## 2. Under it is one example of each kind of question, commented out and quoting the article's
##    first sentences. To use one, remove the "# " at the start of its lines (lines starting with
##    "##" are notes and stay comments), choose the passage, options and answer, replace every TODO.
## 3. Run `quiz check` on the folder after each question: it names the file and line of each problem.
## Every field is described in the teacher's guide, docs/authoring.md.
""",
        "" if schema_line else
        f"## For completion in your editor: quiz schema --out {SCHEMA_FILE_NAME} in this folder,\n"
        f"## then make `#:schema ./{SCHEMA_FILE_NAME}` the first line of this file.\n",
        f"""
[[source]]
id = "{sid}"
file = {_string(source_file)}  ## the article's text, from this file's folder
title = {_string(title)}  ## taken from the first line of the text
outlet = "TODO: who published it"
author = "TODO: who wrote it"  ## or speaker = "..." for an interview; or remove the line
kind = "article"  ## or op-ed, interview, letter...
## date_note = "when it was published, in words"

## Technique ids to use in options, answer(s) and feedback:
{_wrapped(techniques)}

## {KINDS["technique"]}: one passage, one best answer.
# [[question]]
# id = "{sid}-technique"
# kind = "technique"
# source = "{sid}"
# quote = {_string(quote(0))}  ## copied exactly from the text
# prompt = "Which technique does this passage rely on most?"
# options = ["{one}", "{two}", "{three}"]  ## 3 to 6 technique ids
# answer = "{one}"  ## the right one, among the options
# explanation = "TODO: the words that carry the technique, and what a careful reader should ask (20+ words)."
# difficulty = 1  ## 1 in plain sight, 2 takes a second look, 3 needs context
#
# [question.feedback]  ## one line for every wrong option
# {two} = "TODO: why {two} does not fit this passage."
# {three} = "TODO: why {three} does not fit this passage."

## {KINDS["techniques"]}: a passage that works in more than one way; partial credit.
# [[question]]
# id = "{sid}-all-that-apply"
# kind = "techniques"
# source = "{sid}"
# quote = {_string(quote(1))}
# prompt = "Which techniques does this passage use? Tick all that apply."
# options = ["{one}", "{two}", "{three}"]
# answers = ["{one}", "{two}"]  ## at least 2, and at least one option must stay wrong
# explanation = "TODO: why, in at least 20 words."
# difficulty = 2
#
# [question.feedback]  ## one line for every option that is not an answer
# {three} = "TODO: why {three} does not fit this passage."

## {KINDS["unsupported"]}: which sentence is stated as fact with no support in the text?
# [[question]]
# id = "{sid}-unsupported"
# kind = "unsupported"
# source = "{sid}"
# prompt = "Which of these sentences is stated as fact with no evidence, source or attribution in the text?"
# answer = "first"  ## the key of the unsupported sentence
# explanation = "TODO: why, in at least 20 words."
# difficulty = 2
#
# [[question.sentences]]  ## 3 to 5 sentences of this source, each with a short key
# key = "first"
# quote = {_string(quote(2))}
#
# [[question.sentences]]
# key = "second"
# quote = {_string(quote(3))}
# feedback = "TODO: what supports this sentence in the text (a named source, a figure, an attribution)."
#
# [[question.sentences]]
# key = "third"
# quote = {_string(quote(4))}
# feedback = "TODO: what supports this sentence in the text."

## {KINDS["pair"]}: one passage from this article and one from another; name the shared technique.
# [[question]]
# id = "pair-{sid}"
# kind = "pair"
# prompt = "Both passages use the same technique. Which?"
# options = ["{one}", "{two}", "{three}"]
# answer = "{one}"
# explanation = "TODO: why, in at least 20 words, for both passages."
# difficulty = 2
#
# [[question.passages]]
# source = "{sid}"
# quote = {_string(quote(5))}
#
# [[question.passages]]
# source = "{PAIR_PLACEHOLDER_SOURCE}"  ## TODO: the id of the other article's [[source]]
# quote = "TODO: a passage of the other article"
#
# [question.feedback]
# {two} = "TODO: why {two} does not fit these passages."
# {three} = "TODO: why {three} does not fit these passages."

## {KINDS["find"]}: a passage and a technique; the learner marks the words that carry it.
# [[question]]
# id = "{sid}-find"
# kind = "find"
# source = "{sid}"
# passage = {_string(quote(6))}  ## a paragraph or a few sentences, copied exactly
# technique = "{one}"  ## the technique to look for
# spans = [{_string(_middle_word(quote(6)))}]  ## the key: the smallest runs of words that carry it
# prompt = "TODO: what to look for, in plain words: Mark the words that ..."
# explanation = "TODO: why these words, in at least 20 words."
# difficulty = 2
#
# [[question.wrong_marks]]  ## optional: words learners may mark by mistake, and why they do not fit
# quote = {_string(_first_word(quote(6)))}
# feedback = "TODO: why these words do not carry the technique."

## {KINDS["source"]}: a question about the article itself: who publishes it, what kind of text it is,
## when it appeared, what a reader cannot check in this copy, what they would look up.
# [[question]]
# id = "{sid}-source"
# kind = "source"
# source = "{sid}"
# prompt = "TODO: the question about the source"
# answer = "right"  ## the key of the right option
# explanation = "TODO: why, in at least 20 words."
# difficulty = 1
#
# [[question.options]]  ## 3 to 5 options, each with a short key and a text
# key = "right"
# text = "TODO: the right answer"
#
# [[question.options]]
# key = "second"
# text = "TODO: a plausible wrong answer"
# feedback = "TODO: why it does not fit."
#
# [[question.options]]
# key = "third"
# text = "TODO: another plausible wrong answer"
# feedback = "TODO: why it does not fit."
""",
    ]
    return "".join(parts)


def _middle_word(sentence: str) -> str:
    """A word from the middle of `sentence`, as a key span that passes `quiz check` until replaced."""
    found = words(sentence)
    return found[len(found) // 2].text if found else sentence


def _first_word(sentence: str) -> str:
    found = words(sentence)
    return found[0].text if found else sentence


def _string(value: str) -> str:
    """A TOML basic string holding `value` exactly (JSON's escapes are TOML's, bar DEL)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _wrapped(words: list[str], width: int = 100) -> str:
    lines = ["##"]
    for word in words:
        if len(lines[-1]) + len(word) + 2 > width:
            lines.append("##")
        lines[-1] += f" {word},"
    return "\n".join(lines).rstrip(",")
