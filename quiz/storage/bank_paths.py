"""Which files make a bank: the TOML files named, or found in the folders named, with the folder each
one's source texts must stay inside. Shared by the loader and the cache of checked banks, so both
agree on what a bank is made of."""

import os
from collections.abc import Iterable
from pathlib import Path


def toml_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """(each TOML file with its root folder, the paths that are neither a file nor a folder).

    A folder gives every `*.toml` under it; a file gives itself and the `techniques.toml` and
    `sources.toml` beside it. Only regular files count: not a folder named like one, a pipe or a
    device (such as a link to /dev/zero)."""
    found: dict[Path, Path] = {}
    missing = []
    for path in map(Path, paths):
        if path.is_dir():
            for file in sorted(path.rglob("*.toml")):
                if file.is_file():
                    found.setdefault(file, path)
        elif path.is_file():
            found.setdefault(path, path.parent)
            for sibling in ("techniques.toml", "sources.toml"):
                if (path.parent / sibling).is_file():
                    found.setdefault(path.parent / sibling, path.parent)
        else:
            missing.append(path)
    return list(found.items()), missing
