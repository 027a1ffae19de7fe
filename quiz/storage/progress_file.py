"""Reading and writing a learner's progress TOML, atomically, never overwriting a file it cannot read.

A save writes a temporary file in the same folder, fsyncs it, renames it over the old file and fsyncs
the folder: a crash at any moment leaves either the old file or the new one, never half of either.
A file that does not load raises `ProgressError` with the line at fault; callers must not save over it.
"""

import os
import tempfile
import tomllib
from datetime import datetime
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from quiz.domain.progress import SCHEMA_VERSION, Progress
from quiz.domain.review import replay
from quiz.storage.toml_lines import LineIndex


class ProgressError(Exception):
    """The progress file exists but cannot be used; the message says where and why."""


def load_progress(path: Path) -> Progress:
    """The progress stored at `path`; a fresh, empty one if there is no file yet."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Progress()
    except OSError as error:
        raise ProgressError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
        document = tomllib.loads(text)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ProgressError(f"{path}:{line}: not valid UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ProgressError(_syntax_message(path, error)) from None
    except (RecursionError, ValueError) as error:  # nesting too deep, an integer too long to read
        raise ProgressError(f"{path}: damaged: not a progress file ({type(error).__name__})") from None
    version = document.get("schema_version", 1)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise ProgressError(
            f"{path}: written by a newer version of the quiz (schema {version}; this one reads "
            f"up to {SCHEMA_VERSION}); upgrade media-literacy-quiz to use it"
        )
    try:
        progress = Progress.model_validate(document)
    except ValidationError as error:
        lines = LineIndex(text)
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ProgressError(
            f"{path}:{lines.line_of(first['loc'])}: damaged: {where}: {first['msg']}"
            + (f" (and {error.error_count() - 1} more problems)" if error.error_count() > 1 else "")
        ) from None
    return _migrate(progress, version)


def _syntax_message(path: Path, error: tomllib.TOMLDecodeError) -> str:
    message, _, position = str(error).partition(" (at line ")
    line = position.split(",")[0] if position else ""
    where = f"{path}:{line}" if line.isdigit() else f"{path}"
    return f"{where}: damaged: not valid TOML ({message[:1].lower()}{message[1:]})"


def _migrate(progress: Progress, version: int) -> Progress:
    """Bring a progress file written by an older release up to the current schema.

    The file on disk is rewritten only by the next save, so nothing is lost if the learner goes back
    to the older release in between."""
    if version < 2:
        progress.reviews = replay(progress.answers)
    progress.schema_version = SCHEMA_VERSION
    return progress


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a progress file that cannot be read to a timestamped name beside it, and return that name."""
    target = path.with_name(f"{path.name}.damaged-{now:%Y%m%dT%H%M%SZ}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{now:%Y%m%dT%H%M%SZ}-{counter}")
        counter += 1
    os.replace(path, target)
    return target


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files left by saves that were killed before their rename (call with the lock held)."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        leftover.unlink(missing_ok=True)


def dumps_progress(progress: Progress) -> str:
    return tomli_w.dumps(progress.model_dump(mode="python", exclude_none=True))


def save_progress(path: Path, progress: Progress) -> None:
    """Replace the file at `path` with `progress`, atomically and durably."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = dumps_progress(progress).encode("utf-8")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
