"""Reading a file a user named, safely: a regular file only, and never more than a cap.

A name on the command line or in a folder can point at anything: a FIFO (opening it waits for a writer
forever), `/dev/zero` or `/dev/urandom` (endless), a folder, or a file far too big to be what it
claims. The size in `stat` cannot be trusted to guard the read (it is 0 for FIFOs and devices, and a
file can grow between `stat` and `read`), so the file is opened without blocking, checked as a regular
file on the open descriptor, and read up to the cap plus one byte: one byte more than the cap means too big.

Use this for every file a user names (progress files, report inputs, an article for `quiz new`).
"""

import os
import stat
from pathlib import Path

MiB = 2**20


class UnreadableFile(Exception):
    """The file cannot be read as asked; `reason` says why in plain words (no path)."""

    def __init__(self, path: Path, reason: str, *, missing: bool = False, too_big: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.missing = missing
        """True when there is no file by that name (the caller may take that as "nothing yet")."""
        self.too_big = too_big
        """True when the file is a regular file, only bigger than the cap."""


def read_user_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` (following symlinks), at most `limit` of them.

    Raises UnreadableFile when there is no such file, it is not a regular file, it is bigger than
    `limit` bytes, or the system refuses to read it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile(path, "no such file", missing=True) from None
    except IsADirectoryError:
        raise UnreadableFile(path, "is a folder, not a file") from None
    except OSError as error:
        raise UnreadableFile(path, f"cannot read: {describe_os_error(error)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):  # Windows opens folders without IsADirectoryError on some versions
            raise UnreadableFile(path, "is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise UnreadableFile(path, f"is {_kind(mode)}, not a regular file")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, 4 * MiB))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise UnreadableFile(path, f"cannot read: {describe_os_error(error)}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise UnreadableFile(path, f"is more than {_size(limit)}", too_big=True)
    return b"".join(chunks)


def describe_os_error(error: OSError) -> str:
    """The system's reason for `error` in lower case, as the middle of a sentence."""
    reason = error.strerror or str(error) or type(error).__name__
    return reason[:1].lower() + reason[1:]


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _size(limit: int) -> str:
    return f"{limit // MiB} MiB" if limit >= MiB else f"{limit:,} bytes"
