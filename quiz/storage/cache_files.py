"""Entries in the user cache folder (checked banks, summaries of progress files): derived data, so an
entry that cannot be written is no loss and is not an error."""

import json
import os
from pathlib import Path


def keep_json(path: Path, document: object) -> None:
    """Write `document` as JSON to `path`, whole or not at all (a temporary file renamed over it, so a
    reader never meets half an entry); failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except (OSError, ValueError):
        pass
