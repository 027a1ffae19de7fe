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

from quiz.domain.models import KINDS
from quiz.domain.text import is_identifier
from quiz.domain.tokens import words
from quiz.schema import FILE_NAME as SCHEMA_FILE_NAME
from quiz.storage.user_files import UnreadableFile, read_user_file

MAX_TITLE = 200
"""The longest title a [[source]] may have."""
PAIR_PLACEHOLDER_SOURCE = "other-article"
"""Source id in the pair example: a valid id that `quiz check` reports as unknown until it is replaced."""

_SENTENCE_END = re.compile(r"[.!?]+[\"”’»)\]]*(?=\s|$)")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "gen",
                  "col", "lt", "sgt", "capt", "gov", "sen", "rep", "mt", "inc", "ltd", "co", "u.s", "u.k",
                  "approx", "fig", "vol", "p", "pp"}
"""Words ending in a full stop that rarely end a sentence."""


class NewFileError(Exception):
    """Why `quiz new` wrote nothing, worded for the teacher."""


@dataclass(frozen=True)
class NewFile:
    """A question file `quiz new` wrote, and the folder to check it in (which holds its text)."""

    path: Path
    source_id: str
    check: Path


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
    folder = Path(os.path.abspath(out.parent))
    article = Path(os.path.abspath(source))  # not resolved: a link keeps the name the teacher sees
    if not folder.is_dir():
        raise NewFileError(f"the folder {out.parent}/ does not exist: create it first, or choose "
                           "another --out FILE")
    bank = _bank_folder(article, folder)
    if bank is None:
        inside = folder / "sources" / source.name
        raise NewFileError(
            f"{source} lies outside {_shown(folder)}/, where {out.name} will be: a bank reads its "
            f"texts only from inside its own folder. Copy the text there first (for example to "
            f"{_shown(inside)}), then run: quiz new {_shown(inside)} --out {_shown(out)}")
    relative = Path(os.path.relpath(article, folder)).as_posix()
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
    return NewFile(out, source_id, Path(_shown(bank)))


def _bank_folder(article: Path, folder: Path) -> Path | None:
    """The folder to check the new file in: its own when the text lies inside it, or the one above
    when the text lies in a folder beside it (bank/sources/ beside bank/questions/). None otherwise,
    and when that folder is the home folder or the root: checking it would read unrelated files."""
    if article.is_relative_to(folder):
        return folder
    parent = folder.parent
    if not article.is_relative_to(parent) or article.parent == parent:
        return None
    if parent == parent.parent or parent == Path(os.path.abspath(Path.home())):
        return None
    return parent


def _shown(path: Path) -> str:
    """`path` relative to the working folder, as the teacher would type it."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive, on Windows
        return str(path)


def _read_article(source: Path, max_bytes: int) -> str:
    """The article's text, read as the progress files are: a regular file only (not a pipe, a device
    or /dev/zero), never more than `max_bytes` read."""
    try:
        data = read_user_file(source, max_bytes)
    except UnreadableFile as error:
        if error.too_big:
            raise NewFileError(f"{source} is larger than {max_bytes:,} bytes: is it an article's text?") from None
        raise NewFileError(f"cannot read {source}: {error.reason}") from None
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


def title_of(text: str) -> str:
    """The first non-empty line of the text, shortened at a word to fit a title."""
    first = _lines(text)[0]
    if len(first) <= MAX_TITLE:
        return first
    return first[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"


def sentences(text: str) -> list[str]:
    """Sentences of the article's body, to quote in the examples, each with single spaces.

    The title line is skipped. Sentences may run over the line breaks of a hard-wrapped text: a quote
    matches across any whitespace, so each sentence as returned is found in the text. A full stop after
    an abbreviation ("Dr.") or an initial ("J.") does not end one. A body without sentence punctuation
    falls back to its lines: any passage of the text will do for an example the teacher will change.
    """
    lines = _lines(text)
    body = text.lstrip("\ufeff").strip().split("\n", 1)[1] if len(lines) > 1 else ""
    found = [s for paragraph in re.split(r"\n\s*\n", body) for s in _split(" ".join(paragraph.split()))]
    found = [s for s in found if len(s.split()) >= 4 and len(s) <= 400]
    return found or [line[:2000].strip() for line in lines[1:] or lines]


def _split(paragraph: str) -> list[str]:
    """The sentences of one paragraph written on one line."""
    found, start = [], 0
    for end in _SENTENCE_END.finditer(paragraph):
        words = paragraph[start:end.start()].split()
        last = words[-1].lower() if words else ""
        following = paragraph[end.end():].lstrip()[:1]
        if end.group() == "." and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        if following.islower():  # "e.g. this", or a stop that is not the end of a sentence
            continue
        found.append(paragraph[start:end.end()].strip())
        start = end.end()
    return found


def _lines(text: str) -> list[str]:
    """The text's non-empty lines, stripped; at least one (the callers have refused empty texts)."""
    return [line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()] or [""]


def technique_ids(folder: Path, bundled: Path) -> list[str]:
    """Technique ids a question in `folder` may use: the bundled ones, then those a techniques.toml
    beside it adds (as `quiz check` reads them). A broken local file is left for `quiz check`."""
    return list(dict.fromkeys(_ids(bundled) + _ids(folder / "techniques.toml")))


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

## Technique ids to use in options, answer(s) and feedback (`quiz techniques` defines each):
{_wrapped(techniques)}

## {KINDS["technique"]}: one passage, one best answer.
# [[question]]
# id = "{sid}-technique"
# kind = "technique"
# source = "{sid}"
# quote = {_string(quote(0))}  ## copied from the text (a line break may be typed as a space)
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
