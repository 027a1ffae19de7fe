"""What a learner's progress file held when their last session ended, kept for their next start.

Reading a year of answers (tens of thousands of lines) takes longer than the rest of a start, yet the
first screens need only a few counts over them (`quiz.domain.history`). So a window that saved a
learner's progress keeps, as it closes, an entry in the user cache folder, one JSON file per progress
file: the length of the file as saved and the SHA-256 digest of those bytes, and what they hold: the
state at their end as schema 3 lines (settings, the unfinished quiz, every question's review card, the
answers of that quiz and the last answer), and the counts over all the answers.

The next start reads the file as always (`progress_read`), but when its bytes begin with exactly the
bytes an entry describes, it reads only the lines after them (answers saved by a session that could not
close, such as one killed) and leaves the answers before for when something needs them. A save only
ever appends, so an entry stays true of the file's beginning. Anything else (the file edited,
rewritten or shortened, another release) fails the check, and the whole file is read and checked: the
progress file stays the truth, and damage in it is told as always. An entry that cannot be read or
written is no loss and is ignored; it is data, never code.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quiz import __version__
from quiz.domain.history import History, Summary
from quiz.domain.progress import Progress
from quiz.locations import progress_summaries
from quiz.storage.cache_files import keep_json
from quiz.storage.progress_lines import file_lines

FORMAT = 1
"""Bumped when the entry's layout changes, and when the reader's rules change what a file holds: the
package version is part of the check too, but it stays the same between commits in development."""


@dataclass(frozen=True)
class Remembered:
    """An entry: the first `length` bytes of a progress file, as its last session saved them."""

    length: int
    digest: str
    """SHA-256 of those bytes, in hex."""
    last_number: int
    """The number of their last record."""
    state: str
    """What they hold at their end, as a schema 3 file: settings, the unfinished quiz, every card, the
    answers given in that quiz (the first `in_quiz`) and, last, the last answer (if not one of them)."""
    in_quiz: int
    count: int
    """How many answers they hold."""
    summary: Summary


def recall(target: Path, folder: Path | None = None) -> Remembered | None:
    """The entry for the progress file `target` (a resolved path), if there is one that can be read."""
    try:
        entry = json.loads(entry_for(target, folder).read_bytes())
        if entry["format"] != FORMAT or entry["version"] != __version__ or entry["file"] != str(target):
            return None
        summary = Summary(
            scores=_counts((_score(score), times) for score, times in entry["scores"]),
            questions=_counts((_text(question), times) for question, times in entry["questions"]),
            choices=_counts(((_text(question), tuple(map(_text, choice))), times)
                            for question, choice, times in entry["choices"]),
            quizzes={_text(quiz) for quiz in entry["quizzes"]},
            latest=None if entry["latest"] is None else _moment(entry["latest"]))
        remembered = Remembered(length=_count(entry["length"]), digest=_text(entry["digest"]),
                                last_number=_count(entry["last_number"], least=-1), state=_text(entry["state"]),
                                in_quiz=_count(entry["in_quiz"]), count=_count(entry["count"]),
                                summary=summary)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    counts = summary.scores.total(), summary.questions.total()
    return remembered if counts == (remembered.count, remembered.count) else None


def remember(target: Path, progress: Progress, length: int, last_number: int, digest: str,
             folder: Path | None = None) -> None:
    """Keep what `progress` is, saved as the first `length` bytes of `target` (whose SHA-256 is
    `digest`), for the next start. Failures are ignored: the next start then reads the whole file."""
    answers = progress.answers
    unfinished = progress.unfinished
    in_quiz = answers.in_quiz(unfinished.quiz_id) if unfinished is not None and answers else []
    kept = in_quiz if not answers or (in_quiz and in_quiz[-1] is answers[-1]) else [*in_quiz, answers[-1]]
    state = Progress.model_construct(answers=History(kept), reviews=progress.reviews, unfinished=unfinished,
                                     settings=progress.settings)
    summary = answers.summary()
    entry = {"format": FORMAT, "version": __version__, "file": str(target), "length": length,
             "digest": digest, "last_number": last_number, "state": "".join(file_lines(state)),
             "in_quiz": len(in_quiz), "count": len(answers),
             "scores": [[score, times] for score, times in summary.scores.items()],
             "questions": [[question, times] for question, times in summary.questions.items()],
             "choices": [[question, list(choice), times] for (question, choice), times in summary.choices.items()],
             "quizzes": sorted(summary.quizzes),
             "latest": None if summary.latest is None else summary.latest.isoformat()}
    keep_json(entry_for(target, folder), entry)


def entry_for(target: Path, folder: Path | None = None) -> Path:
    """Where the entry for the progress file `target` is kept: in `folder`, or the user cache folder."""
    return (folder or progress_summaries()) / f"{hashlib.sha256(str(target).encode()).hexdigest()[:24]}.json"


def _text(value: object) -> str:
    if type(value) is not str:
        raise TypeError("not text")
    return value


def _moment(value: object) -> datetime:
    moment = datetime.fromisoformat(_text(value))
    if moment.utcoffset() is None:
        raise ValueError("a time without its zone")
    return moment


def _score(value: object) -> float:
    if type(value) is not float or not 0.0 <= value <= 1.0:
        raise ValueError("not a score")
    return value


def _count(value: object, least: int = 0) -> int:
    if type(value) is not int or value < least:
        raise ValueError("not a count")
    return value


def _counts(pairs) -> Counter:
    counts: Counter = Counter()
    for key, times in pairs:
        if _count(times) == 0:
            raise ValueError("a count of nothing")
        counts[key] += times
    return counts
