"""A learner's progress kept in step with their quizzes: every answer is saved the moment it is given.

This is the one place the interfaces go to start, answer and resume quizzes, so the rule "progress is
already saved when the learner quits" holds for the Textual app and any other interface alike.

A save can fail (a full disk, a folder made read-only, a USB stick pulled out). The answer is then
kept in memory, scored and scheduled as usual, and `SaveFailed` says so in plain words; every later
save writes what is still unsaved first, and `flush()` retries on demand, for the moment a learner quits.
"""

from collections.abc import Callable, Collection
from datetime import UTC, datetime
from pathlib import Path

from quiz.domain import review
from quiz.domain.bank import Bank
from quiz.domain.progress import AnswerRecord, Progress, Settings
from quiz.domain.scoring import Tally
from quiz.session import Phase, QuizSession, Selection
from quiz.storage.progress_file import ProgressFile, plain_reason


def utc_now() -> datetime:
    return datetime.now(UTC)


class SaveFailed(OSError):
    """Progress could not be saved; it is kept in memory and saved by the next save or `flush()`.

    `str(error)` says so for the learner, without a full stop: "Could not save your answer: no space
    left on device".
    An OSError, so that an interface that only knows that a save can raise OSError still ends cleanly;
    the OSError behind it is `__cause__`."""

    def __init__(self, what: str, reason: str, record: AnswerRecord | None = None) -> None:
        super().__init__(f"Could not save {what}: {reason}")
        self.reason = reason
        """Why, in plain words ("no space left on device")."""
        self.record = record
        """The answer that was given, scored and kept in memory, when the failed save was an answer's."""
        self.session: QuizSession | None = None
        """The quiz started, when the failed save was a new quiz's: it can be taken all the same."""


class Learner:
    def __init__(self, bank: Bank, file: ProgressFile, progress: Progress,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.bank = bank
        self.file = file
        self.progress = progress
        self.clock = clock

    @classmethod
    def open(cls, bank: Bank, path: Path, clock: Callable[[], datetime] = utc_now) -> "Learner":
        """The learner whose progress is at `path`, holding its lock if free (else read-only).

        Raises ProgressUnavailable (a ProgressError) when the path cannot be used at all: its folder
        is a file, permission is denied, it is a FIFO or a device; the message says so, for the
        interface to show before exiting 1. Raises ProgressError when the file is damaged or from a
        newer release; it is then left exactly as it was (the interfaces offer to move it aside)."""
        file, progress = ProgressFile.open(path)
        return cls(bank, file, progress, clock)

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def read_only(self) -> bool:
        """True when answers here are scored but not saved; `read_only_reason` says why."""
        return self.file.read_only is not None

    @property
    def read_only_reason(self) -> str | None:
        """Why this window does not save and what to do, to follow "Read-only: "; None if it saves.

        "another quiz window is using this progress file, so answers given here are not saved. Close
        the other window, then start this one again.", or the same for a read-only file or folder."""
        return self.file.read_only

    @property
    def unsaved(self) -> bool:
        """True after a failed save, until a later save or `flush()` writes what is still in memory only."""
        return self.file.unsaved(self.progress)

    @property
    def unsaved_answers(self) -> int:
        """How many answers are in memory only (0 when everything is saved, or in a read-only window)."""
        return self.file.unsaved_answers(self.progress)

    def flush(self) -> None:
        """Save whatever a failed save left in memory (call before quitting). Raises SaveFailed if it
        still cannot; the learner may then quit and lose only what is unsaved (`unsaved_answers`)."""
        if self.unsaved:
            self._save()

    @property
    def settings(self) -> Settings:
        return self.progress.settings

    def save_settings(self, **changes: str | None) -> Settings:
        """Change settings (`theme="textual-light"`) and save them for next time; returns the new
        settings. Raises ValueError for an unknown setting or a bad value, SaveFailed if the save
        fails (the change is kept in memory and saved with the next save)."""
        unknown = set(changes) - set(Settings.model_fields)
        if unknown:
            raise ValueError(f"unknown setting: {', '.join(sorted(unknown))}")
        settings = Settings.model_validate({**self.progress.settings.model_dump(), **changes})
        if settings != self.progress.settings:
            self.progress.settings = settings
            self._save("your settings")
        return settings

    def close(self) -> None:
        """Let another window write the progress file, and keep a summary of it that lets the next
        start skip reading every answer. Does not save: call `flush()` first."""
        self.file.close(self.progress)

    def totals(self) -> Tally:
        """Every answer so far."""
        return self.progress.answers.summary().tally()

    def unfinished(self) -> QuizSession | None:
        """The quiz left unfinished, ready to continue, if it still has questions in this bank."""
        saved = self.progress.unfinished
        if saved is None:
            return None
        session = QuizSession(self.bank, saved, self.progress.answers_in(saved.quiz_id))
        return session if session.phase is not Phase.FINISHED else None

    def due(self) -> list[str]:
        """Ids of the questions due for review now, the most overdue first."""
        return review.due(self.progress.reviews, self.clock(), self.bank.questions)

    def forecast(self) -> review.Forecast:
        """When this bank's questions fall due, days counted in the learner's own time zone."""
        return review.forecast(self.progress.reviews, self.clock().astimezone(), self.bank.questions)

    def start(self, selection: Selection) -> QuizSession:
        """A new quiz, saved as the unfinished one (replacing any before it)."""
        session = QuizSession.start(self.bank, selection, self.clock())
        self.progress.unfinished = session.quiz
        try:
            self._save("your new quiz")
        except SaveFailed as error:
            error.session = session
            raise
        return session

    def answer(self, session: QuizSession, chosen: Collection[str],
               confidence: review.Confidence | None = None, words: Collection[int] = ()) -> AnswerRecord:
        """Score the answer (option keys, or the words marked in a "find" question), schedule the
        question's next review, and save both at once."""
        record = session.answer(chosen, self.clock(), confidence, words=words)
        self.progress.answers.append(record)
        self.progress.reviews[record.question_id] = review.review(
            self.progress.reviews.get(record.question_id), record.score, confidence, record.answered_at)
        if len(session.answers) == session.total:
            self.progress.unfinished = None
        self._save("your answer", record)
        return record

    def _save(self, what: str = "your progress", record: AnswerRecord | None = None) -> None:
        """Write what changed (and anything a failed save left); raises SaveFailed on an OSError."""
        if self.read_only:
            return
        try:
            self.file.save(self.progress)
        except OSError as error:
            raise SaveFailed(what, plain_reason(error), record) from error
