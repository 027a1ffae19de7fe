"""One window at a time may write a progress file; a second one runs read-only instead of clobbering it.

The lock is `filelock`'s native lock on a `.lock` file beside the progress file: `flock` on Linux and
macOS, `msvcrt.locking` on Windows. Both belong to the open file, so the operating system drops the
lock with the process that held it, even after a crash or SIGKILL: there is never a stale lock to
clean up by hand. The lock file itself stays (filelock keeps it so that every waiter locks the same
file); it is empty.

The lock is taken on the resolved path, so a window that opens the progress file through a symlink
and one that opens the target lock the same file.
"""

from pathlib import Path


class ProgressLock:
    def __init__(self, progress: Path) -> None:
        target = progress.resolve()
        self.path = target.with_name(target.name + ".lock")
        self._lock = None

    def acquire(self) -> bool:
        """Take the lock if no other window holds it; False means another window is writing.

        Raises OSError when the lock file cannot be created (a read-only folder, permission denied)."""
        from filelock import FileLock, Timeout  # imported here: ~8 ms that only opening progress needs

        # thread_local=False: Textual may open the progress file on one thread and close it on another.
        lock = FileLock(self.path, timeout=0, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            return False
        self._lock = lock
        return True

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
