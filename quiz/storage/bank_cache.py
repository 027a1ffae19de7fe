"""A checked bank kept for the next start, so taking a quiz does not re-check a bank nobody changed.

Checking a bank means parsing every file, validating every field and running every rule; the app, plain
mode and each browser tab of `quiz serve` start by doing it. Once a bank has loaded without errors, its
content is written as JSON to the user cache folder, with the size and modification time of every file
it was read from. The next start uses that copy when every one of those files is unchanged and the
bank's paths still name the same files, building the models without validating them again (they were
validated when the copy was made); otherwise it checks the bank as always and writes a new copy.

`quiz check` and the exports never use the copy: a teacher's check is always a full check. The copy is
data, never code (JSON, no pickle); one that cannot be read or does not fit is ignored and replaced.
"""

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quiz import __version__
from quiz.domain.anchoring import Span
from quiz.domain.bank import Bank
from quiz.domain.models import ITEM_MODELS, QUESTION_MODELS, Source, Technique
from quiz.locations import bank_cache, bundled_techniques
from quiz.storage.bank_paths import toml_files
from quiz.storage.cache_files import keep_json

FORMAT = 1
"""Bumped when the JSON layout changes; the package version is part of the key too."""


def cached_bank(paths: Sequence[str | os.PathLike[str]], folder: Path | None = None) -> Bank | None:
    """The bank made of `paths` as last checked, if none of its files changed since; else None."""
    entry = _entry_for(paths, folder)
    try:
        document = json.loads(entry.read_bytes())
        if document["format"] != FORMAT or document["tomls"] != _tomls(paths):
            return None
        if any(_stamp(Path(name)) != stamp for name, stamp in document["files"]):
            return None
        return _bank(document["bank"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remember(paths: Sequence[str | os.PathLike[str]], bank: Bank, files: Sequence[Path],
             folder: Path | None = None) -> None:
    """Keep `bank`, checked from `files`, for the next start; a cache that cannot be written is no
    loss, so failures are ignored."""
    try:
        document = {"format": FORMAT, "tomls": _tomls(paths),
                    "files": [[str(Path(file).resolve()), _stamp(Path(file))] for file in files],
                    "bank": _document(bank)}
    except (OSError, ValueError):  # a file gone meanwhile
        return
    keep_json(_entry_for(paths, folder), document)


def _entry_for(paths: Sequence[str | os.PathLike[str]], folder: Path | None) -> Path:
    """The cache file of this list of paths, in `folder` or the user cache folder."""
    if folder is None:
        folder = bank_cache()
    key = json.dumps([__version__, [str(Path(p).resolve()) for p in paths]])
    return folder / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"


def _tomls(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The TOML files the paths name now, and the bundled techniques every bank adds to."""
    found, missing = toml_files(paths)
    if missing:
        raise ValueError("a path is gone")
    return [str(file.resolve()) for file, _ in found] + [str(bundled_techniques().resolve())]


def _stamp(file: Path) -> list[int]:
    status = file.stat()
    return [status.st_size, status.st_mtime_ns]


def _document(bank: Bank) -> dict[str, Any]:
    return {"techniques": [t.model_dump() for t in bank.techniques.values()],
            "sources": [s.model_dump() for s in bank.sources.values()],
            "texts": bank.texts,
            "questions": [q.model_dump() for q in bank.questions.values()],
            "spans": {qid: [list(span) for span in spans] for qid, spans in bank.spans.items()}}


def _bank(document: dict[str, Any]) -> Bank:
    """The Bank a document of `_document` describes, its models built without validating again."""
    techniques = [Technique.model_construct(**t) for t in document["techniques"]]
    sources = [Source.model_construct(**s) for s in document["sources"]]
    questions = [_question(q) for q in document["questions"]]
    return Bank(techniques={t.id: t for t in techniques}, sources={s.id: s for s in sources},
                texts=document["texts"], questions={q.id: q for q in questions},
                spans={qid: [Span(*span) for span in spans] for qid, spans in document["spans"].items()})


def _question(data: dict[str, Any]):
    fields = dict(data)
    for name, model in ITEM_MODELS.items():
        if isinstance(items := fields.get(name), list) and items and isinstance(items[0], dict):
            fields[name] = [model.model_construct(**item) for item in items]
    return QUESTION_MODELS[data["kind"]].model_construct(**fields)
