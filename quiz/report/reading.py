"""Reading a class's progress files for the report: every file that can be used, and why each other
one cannot, so that one damaged or foreign file never ends the report."""

import os
import re
import stat
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from quiz.domain.progress import Progress
from quiz.domain.text import CONTROL
from quiz.storage.progress_file import ProgressError, load_progress

_CONTROL = re.compile(rf"[\t\n]|{CONTROL.pattern}")
"""Characters a terminal acts on or that reorder text (those refused in bank text, and tab and line
feed): a file name may hold them."""


def printable(text: str) -> str:
    """`text` with each control character written as an escape (\\x1b), so that a file name shown in
    the report can neither drive the terminal nor hide what it is."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def read_class(paths: Sequence[Path]) -> tuple[list[tuple[str, Progress]], list[str]]:
    """The learners (name, progress) of the files at `paths`, and a reason for each file left out.

    A learner is named after their file (alice.toml is alice); when two files in different folders
    share a name, each is named with its folder (3a/alice, 3b/alice). The same file given twice
    (overlapping wildcards) counts once.
    """
    read: list[tuple[Path, Progress]] = []
    skipped: list[str] = []
    seen: dict[Path, Path] = {}
    for path in paths:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            skipped.append(f"{path}: no such file")
            continue
        except OSError as error:
            skipped.append(f"{path}: cannot read: {error.strerror or error}")
            continue
        if not stat.S_ISREG(info.st_mode):  # a folder, or a pipe or device that could block or never end
            skipped.append(f"{path}: not a file (a folder, pipe or device)")
            continue
        identity = Path(os.path.realpath(path))
        if identity in seen:
            skipped.append(f"{path}: the same file as {seen[identity]}, counted once")
            continue
        seen[identity] = path
        try:
            read.append((path, load_progress(path)))
        except ProgressError as error:
            skipped.append(str(error))
        except Exception as error:  # a foreign file may break the reader in ways no one foresaw
            skipped.append(f"{path}: cannot be read as a progress file ({type(error).__name__}: {error})")
    return ([(printable(name), progress) for name, (_, progress) in zip(_names([p for p, _ in read]), read)],
            [printable(reason) for reason in skipped])


def _names(paths: Sequence[Path]) -> list[str]:
    """Each file's learner name: its stem, with its folder where stems repeat, its whole path if even
    that repeats."""
    stems = Counter(p.stem for p in paths)
    names = [f"{p.parent.name}/{p.stem}" if stems[p.stem] > 1 else p.stem for p in paths]
    repeated = Counter(names)
    return [str(p.with_suffix("")) if repeated[name] > 1 else name for p, name in zip(paths, names)]
