"""Saving a learner's progress: append each change durably, rewrite atomically, never harm what it cannot read.

A window opens its learner's file with `ProgressFile.open`. The path is resolved once: through a
symlink (a progress file kept in a synced folder) the lock and every write go to the target, and the
link stays a link. The lock (`progress_lock`) lets one window write; another runs read-only, as does
a window on a read-only file or in a folder where the lock cannot be made, with the reason.

A save appends the lines for what changed since the last save and fsyncs, so its cost does not grow
with the history. Anything after the last whole record (a torn line from a crash, or from a save that
failed half-way) is cut off first, with the lock held. A failed save changes nothing in memory, so
the next save writes it all.

A new file, and a schema 1 or 2 file at its first save, are written whole and atomically: a temporary
file in the same folder, fsync, rename over the old one, fsync the folder, so a crash leaves the old
file or the new, never half of either. The temporary gets the old file's permissions first.

A window that closes with everything saved leaves a summary of the file (`progress_summary`), so that
the next start reads only what comes after it.
"""

import errno
import glob
import hashlib
import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from quiz.domain.progress import SCHEMA_VERSION, AnswerRecord, Progress, ReviewCard, Settings, UnfinishedQuiz
from quiz.storage import progress_summary
from quiz.storage.progress_lines import answer_fields, fields_of, file_lines, record_line
from quiz.storage.progress_lock import ProgressLock
from quiz.storage.progress_read import (  # the reading half, re-exported for callers of this module
    Loaded, ProgressError, ProgressUnavailable, load_progress, read_progress,
)
from quiz.storage.user_files import describe_os_error

__all__ = ["ProgressError", "ProgressFile", "ProgressUnavailable", "file_lines", "load_progress",
           "move_aside", "plain_reason", "remove_stale_temporaries", "save_progress"]


def save_progress(path: Path, progress: Progress) -> None:
    """Replace the file at `path` with all of `progress`, atomically (keeping the file's mode)."""
    _replace(path.resolve(), "".join(file_lines(progress)).encode("utf-8"))


def _replace(target: Path, payload: bytes) -> None:
    """Write `payload` to a temporary file beside `target`, fsync it, rename it over `target`, fsync
    the folder. The temporary is made with the old file's permissions (mkstemp would make it 0600)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        try:
            _write_all(fd, payload)
            if mode is not None:
                _chmod(fd, temporary, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _chmod(fd: int, path: Path, mode: int) -> None:
    if os.chmod in os.supports_fd:
        os.chmod(fd, mode)
    else:  # Windows: only the read-only flag, by name
        os.chmod(path, mode)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view):]


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable. Windows cannot open a folder to fsync it (and NTFS journals renames)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot fsync a folder; the rename is still atomic
        pass
    finally:
        os.close(fd)


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a progress file that cannot be read to a timestamped name beside it, and return that name.

    Through a symlink, the target is moved and the link, now dangling, stays: the next save writes a
    fresh file where the link points."""
    target = path.resolve()
    kept = target.with_name(f"{target.name}.damaged-{now:%Y%m%dT%H%M%SZ}")
    counter = 1
    while kept.exists():
        kept = target.with_name(f"{target.name}.damaged-{now:%Y%m%dT%H%M%SZ}-{counter}")
        counter += 1
    os.replace(target, kept)
    return kept


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files left by saves that were killed before their rename (call with the lock held)."""
    target = path.resolve()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        leftover.unlink(missing_ok=True)


# An open progress file --------------------------------------------------------------------------

@dataclass
class _Saved:
    """What is on disk, to tell what a save must add."""

    answers: int = 0
    last_answer: AnswerRecord | None = None
    unfinished: UnfinishedQuiz | None = None
    reviews: dict[str, ReviewCard] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def of(cls, progress: Progress) -> "_Saved":
        return cls(len(progress.answers), progress.answers[-1] if progress.answers else None,
                   progress.unfinished, dict(progress.reviews), progress.settings)


class ProgressFile:
    """A progress file opened by one window: the lock if it could take it, and what it last saved.

    `save(progress)` writes whatever changed since the last successful save, as appended lines; a
    failed save (an OSError) counts nothing as saved, so the next save writes it all again."""

    def __init__(self, path: Path, target: Path, loaded: Loaded, lock: ProgressLock | None,
                 read_only: str | None) -> None:
        self.path = path
        self.target = target
        """The real file: `path` with every symlink resolved, once, when opened."""
        self.read_only = read_only
        """Why this window must not write the file and what to do, in words for the learner (a
        sentence to follow "Read-only: "); None when it may write."""
        self._lock = lock
        self._length = loaded.length
        self._needs_newline = loaded.needs_newline
        self._number = loaded.last_number
        self._rewrite = loaded.schema != SCHEMA_VERSION
        """Schema 1 or 2, or no file yet: the next save writes the whole file (atomically)."""
        self._saved = _Saved.of(loaded.progress)
        self._digest: Callable[[], hashlib._Hash] = loaded.digest
        """SHA-256 of the file as read or last written whole, to which `_appended` is added."""
        self._appended: list[bytes] = []
        self._summarised = loaded.hashed is not None and loaded.hashed_length == loaded.length
        """The summary read at opening describes the whole file, and nothing was written since:
        closing has nothing new to summarise."""

    @classmethod
    def open(cls, path: Path) -> tuple["ProgressFile", Progress]:
        """Open the progress at `path` for this window: writable if the lock is free and the file
        may be written, else read-only with the reason.

        Raises ProgressUnavailable when the path cannot be used, ProgressError when the file is
        damaged or from a newer release (it is then left untouched)."""
        try:
            target = path.resolve()
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
            raise ProgressUnavailable(f"{path}: cannot follow the link: {plain_reason(error)}") from None
        folder = target.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise ProgressUnavailable(f"{path}: cannot be used: {folder} is a file, not a folder") from None
        except OSError as error:
            raise ProgressUnavailable(f"{path}: cannot make its folder {folder}: "
                                      f"{plain_reason(error)}") from None
        lock: ProgressLock | None = ProgressLock(target)
        read_only = lock_error = None
        try:
            if not lock.acquire():
                lock, read_only = None, ("another quiz window is using this progress file, so answers "
                                         "given here are not saved. Close the other window, then start "
                                         "this one again.")
        except OSError as error:
            lock, lock_error = None, error
        try:
            loaded = read_progress(target, shown=path, remembered=progress_summary.recall(target))
            if lock_error is not None:
                if not target.exists():  # nothing to show, and nothing could ever be saved
                    raise ProgressUnavailable(f"{path}: cannot save progress in {folder}: "
                                              f"{plain_reason(lock_error)}")
                read_only = (f"the folder {folder} cannot be written to ({plain_reason(lock_error)}), so "
                             "answers given here are not saved. Ask for it to be made writable, then "
                             "start again.")
            elif lock is not None and target.exists() and not _writable(target):
                read_only = ("the progress file is read-only, so answers given here are not saved. "
                             "Make it writable, then start again.")
                lock.release()
                lock = None
            if lock is not None:
                remove_stale_temporaries(target)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, target, loaded, lock, read_only), loaded.progress

    def close(self, progress: Progress | None = None) -> None:
        """Let another window write the file; with the `progress` it saved, keep a summary of it for
        the next start (`progress_summary`), unless some of it could not be saved."""
        if (self._lock is not None and progress is not None and not self._rewrite
                and not self._summarised and not self.unsaved(progress)):
            digest = self._digest()
            for data in self._appended:
                digest.update(data)
            progress_summary.remember(self.target, progress, self._length, self._number, digest.hexdigest())
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def save(self, progress: Progress) -> None:
        """Write what changed in `progress` since the last save, durably. Raises OSError if it
        cannot; then nothing counts as saved, and the next call tries it all again."""
        if self.read_only is not None:
            raise PermissionError(errno.EACCES, f"read-only: {self.read_only}")
        lines = self._changes(progress)
        if lines == []:
            return
        if lines is not None and not self._rewrite:
            try:
                self._append(lines)
            except _RewriteInstead:
                pass
            else:
                self._saved = _Saved.of(progress)
                return
        self._replace_all(progress)

    def unsaved(self, progress: Progress) -> bool:
        """Whether `progress` holds anything the file does not (after a failed save)."""
        return self.read_only is None and self._changes(progress) != []

    def unsaved_answers(self, progress: Progress) -> int:
        """How many of `progress`'s answers the file does not hold yet."""
        return 0 if self.read_only is not None else max(len(progress.answers) - self._saved.answers, 0)

    def _changes(self, progress: Progress) -> list[str] | None:
        """Lines that bring the file up to `progress`, or None when appending cannot (answers
        removed or replaced, cards dropped): the whole file is then rewritten."""
        saved = self._saved
        answers = progress.answers
        if len(answers) < saved.answers or (saved.answers and answers[saved.answers - 1] is not saved.last_answer):
            return None
        if any(question not in progress.reviews for question in saved.reviews):
            return None
        new = answers[saved.answers:]
        changed = {question: card for question, card in progress.reviews.items()
                   if saved.reviews.get(question) is not card}
        records: list[tuple[str, dict]] = []
        if progress.unfinished is not None and progress.unfinished != saved.unfinished:
            records.append(("quiz", fields_of(progress.unfinished)))
        last_of = {answer.question_id: index for index, answer in enumerate(new)}
        for index, answer in enumerate(new):
            card = changed.pop(answer.question_id, None) if last_of[answer.question_id] == index else None
            records.append(("answer", answer_fields(answer, card)))
        for question, card in changed.items():
            records.append(("review", {"question_id": question, **fields_of(card)}))
        if progress.unfinished is None and saved.unfinished is not None:
            records.append(("end", {"quiz_id": saved.unfinished.quiz_id}))
        if progress.settings != saved.settings:
            records.append(("settings", fields_of(progress.settings)))
        return [record_line(kind, self._number + offset, fields)
                for offset, (kind, fields) in enumerate(records, start=1)]

    def _append(self, lines: list[str]) -> None:
        """Append `lines` and fsync: they are saved when this returns. Anything after the last
        whole record (a torn line from a crash or from a failed append) is cut off first."""
        data = (("\n" if self._needs_newline else "") + "".join(lines)).encode("utf-8")
        try:
            fd = os.open(self.target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:  # deleted behind our back: write it all again from memory
            raise _RewriteInstead from None
        try:
            size = os.fstat(fd).st_size
            if size < self._length:  # cut short behind our back: the same
                raise _RewriteInstead
            if size > self._length:
                os.ftruncate(fd, self._length)
            os.lseek(fd, self._length, os.SEEK_SET)
            try:
                _write_all(fd, data)
                os.fsync(fd)
            except OSError:
                try:
                    os.ftruncate(fd, self._length)  # leave no torn line for a reader meanwhile
                except OSError:
                    pass
                raise
        finally:
            os.close(fd)
        self._length += len(data)
        self._needs_newline = False
        self._number += len(lines)
        self._appended.append(data)
        self._summarised = False

    def _replace_all(self, progress: Progress) -> None:
        lines = file_lines(progress)
        payload = "".join(lines).encode("utf-8")
        _replace(self.target, payload)
        self._digest, self._appended = partial(hashlib.sha256, payload), []
        self._summarised = False
        self._rewrite = False
        self._length = len(payload)
        self._needs_newline = False
        self._number = len(lines) - 1
        self._saved = _Saved.of(progress)


class _RewriteInstead(Exception):
    """The file is not what this window last wrote (deleted or shortened by another program)."""


def _writable(path: Path) -> bool:
    """False for a file marked read-only (checked on the mode, since root may write anything)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return True
    return bool(mode & stat.S_IWUSR) and os.access(path, os.W_OK)


_PLAIN_REASONS = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "your disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOTDIR: "a file is in the way of its folder",
    errno.EEXIST: "a file is in the way of its folder",
    errno.ENOENT: "its folder no longer exists",
    errno.EIO: "the disk reported an input/output error",
}


def plain_reason(error: BaseException) -> str:
    """Why an OSError happened, in plain words for a learner ("no space left on device")."""
    if isinstance(error, OSError) and error.errno in _PLAIN_REASONS:
        return _PLAIN_REASONS[error.errno]
    if isinstance(error, OSError):
        return describe_os_error(error)
    return str(error) or type(error).__name__

