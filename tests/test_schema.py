"""The editor schema: committed as generated, accepting every real file, rejecting what the loader rejects."""

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from quiz.cli import main
from quiz.domain.models import KINDS
from quiz.schema import FILE_NAME, dumps, question_file_schema
from tests.conftest import MINI, MORE

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = REPO / "questions"
COMMITTED = QUESTIONS / FILE_NAME
BUNDLED_FILES = sorted(QUESTIONS.glob("*.toml"))
DIRECTIVE = f"#:schema ./{FILE_NAME}"


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def messages(document: dict) -> list[str]:
    return [error.message for error in validator().iter_errors(document)]


def test_committed_schema_is_what_quiz_schema_generates():
    assert COMMITTED.read_text(encoding="utf-8") == dumps(), (
        f"{COMMITTED.relative_to(REPO)} is stale: run `quiz schema --out questions/{FILE_NAME}`")


def test_quiz_schema_writes_to_a_file_or_standard_output(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path / "s.json")]) == 0
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (tmp_path / "s.json").read_text(encoding="utf-8") == dumps()


def test_quiz_schema_into_a_missing_folder_says_so(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path / "nowhere" / "s.json")]) == 1
    assert "Cannot write" in capsys.readouterr().err


def test_schema_names_itself_and_describes_every_field():
    schema = question_file_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"] and schema["description"]
    undescribed = [f"{name}.{field}" for name, definition in {"file": schema, **schema["$defs"]}.items()
                   for field, prop in definition["properties"].items() if not prop.get("description")]
    assert not undescribed, f"describe these fields in quiz/schema.py _HELP: {undescribed}"


def test_each_kind_is_checked_by_an_if_on_kind_not_a_one_of():
    union = question_file_schema()["properties"]["question"]["items"]
    assert "oneOf" not in union and "discriminator" not in union
    assert union["properties"]["kind"]["enum"] == list(KINDS)
    branches = {branch["if"]["properties"]["kind"]["const"]: branch["then"]["$ref"] for branch in union["allOf"]}
    assert set(branches) == set(KINDS)
    for kind, ref in branches.items():
        definition = question_file_schema()["$defs"][ref.rsplit("/", 1)[1]]
        assert definition["properties"]["kind"]["const"] == kind
        assert f'kind = "{kind}"' in definition["title"]


ONE_MISTAKE = {
    "difficulty as text": ({"difficulty": "2"}, "difficulty"),
    "difficulty out of range": ({"difficulty": 7}, "difficulty"),
    "prompt as a number": ({"prompt": 42}, "prompt"),
    "id with capitals": ({"id": "Bad Id"}, "id"),
    "unknown field": ({"colour": "red"}, "colour"),
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("mistake", ONE_MISTAKE, ids=list(ONE_MISTAKE))
def test_one_mistake_gives_one_or_two_short_errors_naming_the_field(kind, mistake):
    """A validator reports one mistake once, at its field, not once per kind of question."""
    changes, field_name = ONE_MISTAKE[mistake]
    questions = [q for file in (MINI / "questions.toml", MORE) for q in tomllib.loads(file.read_text())["question"]]
    question = next(q for q in questions if q["kind"] == kind)
    errors = list(validator().iter_errors({"question": [{**question, **changes}]}))
    assert 1 <= len(errors) <= 2, [e.message for e in errors]
    assert all(list(e.absolute_path)[-1:] == [field_name] or field_name in e.message
               for e in errors), [(list(e.absolute_path), e.message) for e in errors]
    assert sum(len(e.message) for e in errors) < 300


def test_optional_fields_take_no_null_since_toml_has_none():
    assert '"null"' not in dumps()


@pytest.mark.parametrize("path", BUNDLED_FILES + sorted(MINI.glob("*.toml")), ids=lambda p: p.name)
def test_real_question_files_validate(path):
    assert messages(tomllib.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.name)
def test_bundled_files_point_editors_at_the_schema(path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == DIRECTIVE


def _mini_question(of_kind: str = "technique", /, **changes) -> dict:
    """The mini bank's question of one kind, with fields changed, as a one-question file."""
    question = next(q for q in tomllib.loads((MINI / "questions.toml").read_text())["question"]
                    if q["kind"] == of_kind)
    return {"question": [{**question, **changes}]}


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (_mini_question(colour="red"), "'colour' was unexpected"),
        (_mini_question("pair", source="letter"), "'source' was unexpected"),
        (_mini_question(kind="techniqe"), "'techniqe' is not one of"),
        ({"question": [{k: v for k, v in _mini_question()["question"][0].items() if k != "kind"}]},
         "'kind' is a required property"),
        (_mini_question("techniques", answers="doubt"), "'doubt' is not of type 'array'"),
        (_mini_question(feedback={"Bad Key": "x"}), "'Bad Key' does not match"),
        ({"source": [{"id": "x", "file": "x.txt", "title": "t", "outlet": "o", "autor": "a"}]},
         "'autor' was unexpected"),
        ({"quetion": []}, "'quetion' was unexpected"),
    ],
    ids=["unknown-field", "field-of-another-kind", "wrong-kind", "no-kind", "wrong-type",
         "bad-feedback-key", "unknown-source-field", "unknown-table"],
)
def test_what_the_loader_rejects_fails_the_schema_with_a_precise_message(document, expected):
    found = messages(document)
    assert any(expected in message for message in found), found


TAPLO = shutil.which("taplo") or shutil.which("taplo", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(TAPLO is None, reason="taplo is not installed (pip install taplo)")
def test_taplo_follows_the_schema_directive(tmp_path):
    bundled = subprocess.run([TAPLO, "check", *(p.name for p in BUNDLED_FILES)], cwd=QUESTIONS,
                             capture_output=True, text=True)
    assert bundled.returncode == 0, bundled.stderr
    shutil.copy(COMMITTED, tmp_path / FILE_NAME)
    text = (QUESTIONS / "sources.toml").read_text(encoding="utf-8")
    (tmp_path / "bad.toml").write_text(text.replace("[[source]]\n", "[[source]]\ncolour = 1\n", 1))
    bad = subprocess.run([TAPLO, "check", "bad.toml"], cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode != 0 and "'colour' was unexpected" in bad.stderr + bad.stdout
