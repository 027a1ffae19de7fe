"""A learner's progress kept in step with their quizzes: every answer is saved the moment it is given.

This is the one place the interfaces go to start, answer and resume quizzes, so the rule "progress is
already saved when the learner quits" holds for the Textual app and any other interface alike.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from quiz.domain import review
from quiz.domain.bank import Bank
from quiz.domain.progress import AnswerRecord, Progress
from quiz.domain.scoring import is_correct
from quiz.session import Phase, QuizSession, Selection
from quiz.storage.progress_file import load_progress, remove_stale_temporaries, save_progress
from quiz.storage.progress_lock import ProgressLock


class SaveFailed(Exception):
    """The answer was scored and is kept in memory, but could not be written; the message says why, in
    words for the learner."""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Totals:
    """Every answer so far: how many, how many right (full marks), partly right, and the marks in all."""

    answered: int
    correct: int
    partly: int
    score: float

    @property
    def share(self) -> float:
        return self.score / self.answered if self.answered else 0.0


class Learner:
    def __init__(self, bank: Bank, path: Path, progress: Progress,
                 clock: Callable[[], datetime] = utc_now, read_only: bool = False,
                 lock: ProgressLock | None = None) -> None:
        self.bank = bank
        self.path = path
        self.progress = progress
        self.clock = clock
        self.read_only = read_only
        """True when another window holds the progress file: answers here are scored but not saved."""
        self.lock = lock

    @classmethod
    def open(cls, bank: Bank, path: Path, clock: Callable[[], datetime] = utc_now) -> "Learner":
        """The learner whose progress is at `path`, holding its lock if free (else read-only).

        Raises ProgressError if the file is damaged; it is then left exactly as it was."""
        lock = ProgressLock(path)
        writable = lock.acquire()
        if writable:
            remove_stale_temporaries(path)
        try:
            return cls(bank, path, load_progress(path), clock, read_only=not writable,
                       lock=lock if writable else None)
        except BaseException:
            lock.release()
            raise

    @property
    def read_only_reason(self) -> str:
        """Why answers given here are not saved, in words for the learner."""
        return ("another quiz window is using this progress file, so answers given here are not "
                "saved. Close the other window, then start this one again.")

    def close(self) -> None:
        """Let another window write the progress file."""
        if self.lock is not None:
            self.lock.release()

    def totals(self) -> Totals:
        answers = self.progress.answers
        return Totals(len(answers), sum(is_correct(a.score) for a in answers),
                      sum(0 < a.score < 1 for a in answers), sum(a.score for a in answers))

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
        self._save()
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
        self._save()
        return record

    def _save(self) -> None:
        if self.read_only:
            return
        try:
            save_progress(self.path, self.progress)
        except OSError as error:
            raise SaveFailed(f"Could not save your progress: {error.strerror or error}") from error
