"""One window at a time may write a progress file; a second one runs read-only instead of clobbering it.

The lock is an advisory `flock` on a `.lock` file beside the progress file, so it disappears with the
process that held it, even after a crash or SIGKILL: there is never a stale lock to clean up by hand.
"""

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; every window may write, as before locking existed.
    fcntl = None


class ProgressLock:
    def __init__(self, progress: Path) -> None:
        self.path = progress.with_name(progress.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock if no other process holds it; False means another window is writing."""
        if fcntl is None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
