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


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Totals:
    answered: int
    correct: int
    score: float


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

    def close(self) -> None:
        """Let another window write the progress file."""
        if self.lock is not None:
            self.lock.release()

    def totals(self) -> Totals:
        answers = self.progress.answers
        return Totals(len(answers), sum(is_correct(a.score) for a in answers),
                      sum(a.score for a in answers))

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

    def review_selection(self, count: int | None, seed: int | None = None) -> Selection:
        """A review quiz: the due questions first, then ones never answered, then the rest."""
        answered = {a.question_id for a in self.progress.answers}
        fresh = tuple(qid for qid in self.bank.questions if qid not in answered)
        return Selection(count=count, seed=seed, first=tuple(self.due()) + fresh, label="Review")

    def start(self, selection: Selection) -> QuizSession:
        """A new quiz, saved as the unfinished one (replacing any before it)."""
        session = QuizSession.start(self.bank, selection, self.clock())
        self.progress.unfinished = session.quiz
        self._save()
        return session

    def answer(self, session: QuizSession, chosen: Collection[str],
               confidence: review.Confidence | None = None) -> AnswerRecord:
        """Score the answer, schedule the question's next review, and save both at once."""
        record = session.answer(chosen, self.clock(), confidence)
        self.progress.answers.append(record)
        self.progress.reviews[record.question_id] = review.review(
            self.progress.reviews.get(record.question_id), record.score, confidence, record.answered_at)
        if len(session.answers) == session.total:
            self.progress.unfinished = None
        self._save()
        return record

    def _save(self) -> None:
        if not self.read_only:
            save_progress(self.path, self.progress)
