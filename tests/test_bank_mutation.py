"""Random damage to the bundled bank's files: `load_bank` reports problems, it never raises.

Each example parses the bundled bank's TOML files (its question files, and now and then its sources.toml
or techniques.toml), damages them a few times at random (deletes keys or entries, gives values another
type, cuts or extends strings with odd and control characters, duplicates entries, renames keys, or
cuts a written file short), writes them with tomli_w into a fresh bank folder beside copies of the
source texts, and loads that folder.
"""

import copy
import shutil
import tempfile
import tomllib
from pathlib import Path

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.locations import bundled_bank
from quiz.storage.bank_files import load_bank

BUNDLED = bundled_bank()
FILES = {path.name: tomllib.loads(path.read_text(encoding="utf-8"))
         for path in sorted(BUNDLED.glob("*.toml"))}
QUESTION_FILES = sorted(set(FILES) - {"sources.toml", "techniques.toml"})

ODD_CHARACTERS = st.one_of(
    st.sampled_from("\x00\x07\x1b\x7f\x85\x9b\t\n\r\u2028\u202e\u200b\ufeff\"'\\[]{}=#."),
    st.characters(exclude_categories=("Cs",)),  # any character a UTF-8 file can hold
)
ODD_TEXT = st.text(ODD_CHARACTERS, max_size=12)
VALUES = st.one_of(
    ODD_TEXT,
    st.integers(-10**20, 10**20),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.lists(ODD_TEXT, max_size=4),
    st.dictionaries(ODD_TEXT, ODD_TEXT, max_size=3),
    st.lists(st.dictionaries(ODD_TEXT, ODD_TEXT, max_size=2), max_size=2),
)
DAMAGE = ("delete", "retype", "truncate", "insert", "duplicate", "rename")


def pick_container(data, document: dict) -> dict | list:
    """A table or array inside `document`, reached by a short random walk from the top."""
    node: dict | list = document
    for _ in range(data.draw(st.integers(0, 4), label="depth")):
        children = [v for v in (node.values() if isinstance(node, dict) else node)
                    if isinstance(v, (dict, list)) and v]
        if not children:
            break
        node = data.draw(st.sampled_from(children))
    return node


def damage(data, document: dict) -> None:
    """One random change somewhere in `document`, in place."""
    node = pick_container(data, document)
    if not node:
        return
    key = data.draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
    action = data.draw(st.sampled_from(DAMAGE), label="action")
    value = node[key]
    if action == "delete":
        del node[key]
    elif action == "truncate" and isinstance(value, str):
        node[key] = value[: data.draw(st.integers(0, len(value)))]
    elif action == "insert" and isinstance(value, str):
        at = data.draw(st.integers(0, len(value)))
        node[key] = value[:at] + data.draw(ODD_TEXT.filter(bool)) + value[at:]
    elif action == "duplicate" and isinstance(node, list):
        node.append(copy.deepcopy(value))
    elif action == "rename" and isinstance(node, dict):
        node[data.draw(ODD_TEXT, label="new key")] = node.pop(key)
    else:
        node[key] = data.draw(VALUES, label="new value")


def write_bank(data, folder: Path) -> None:
    shutil.copytree(BUNDLED / "sources", folder / "sources")
    documents = copy.deepcopy(FILES)
    for _ in range(data.draw(st.integers(1, 4), label="changes")):
        names = QUESTION_FILES if data.draw(st.integers(0, 4), label="shared file?") else sorted(FILES)
        damage(data, documents[data.draw(st.sampled_from(names), label="file")])
    for name, document in documents.items():
        text = tomli_w.dumps(document)
        if data.draw(st.integers(0, 9), label="cut") == 0:  # now and then, a file cut short
            text = text[: data.draw(st.integers(0, len(text)))]
        (folder / name).write_text(text, encoding="utf-8")


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_damaged_files_give_problems_with_a_place_never_an_exception(data):
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write_bank(data, folder)
        result = load_bank([folder])
        assert result.bank is not None or result.errors
        for problem in result.problems:
            assert problem.message.strip(), problem
            assert problem.file == folder or problem.file.is_file(), problem
            if problem.line is not None:  # a line the teacher can go to
                assert problem.file.is_file(), problem
                assert 1 <= problem.line <= problem.file.read_bytes().count(b"\n") + 1, problem
            assert f": {problem.severity}: {problem.message}" in str(problem), problem
