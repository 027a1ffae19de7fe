"""A bank's own techniques add to the bundled ones; `quiz techniques` lists what a bank can use."""

import tomllib
from pathlib import Path

import pytest
import tomli_w

from quiz.locations import bundled_techniques
from quiz.storage.bank_files import load_bank
from tests.conftest import run_quiz as quiz

BUNDLED = tomllib.loads(bundled_techniques().read_text(encoding="utf-8"))["technique"]
SLIPPERY = '''
[[technique]]
id = "slippery_slope"
name = "Slippery slope"
definition = "Claiming that one step will lead, link by link, to an extreme outcome, without showing the links."
hint = "Look for a chain of 'then... then...' that ends in disaster: is each link shown?"
'''


@pytest.fixture
def bank(mini_copy) -> Path:
    return mini_copy


def test_a_banks_own_technique_adds_to_the_bundled_ones(bank):
    (bank / "techniques.toml").write_text(SLIPPERY, encoding="utf-8")
    questions = bank / "questions.toml"
    questions.write_text(questions.read_text(encoding="utf-8").replace(
        '"exaggeration", "bandwagon", "doubt"', '"exaggeration", "bandwagon", "slippery_slope"').replace(
        "doubt = \"Neither passage questions anyone's standing; both overstate.\"",
        'slippery_slope = "Neither passage draws a chain of consequences."'), encoding="utf-8")
    result = load_bank([bank])
    assert result.errors == [], result.errors
    assert set(result.bank.techniques) == {t["id"] for t in BUNDLED} | {"slippery_slope"}
    assert not any("replaces" in p.message for p in result.problems)


def test_a_technique_with_a_bundled_id_replaces_it_with_a_warning_unless_it_is_the_same(bank):
    same = BUNDLED[0]
    copy = tomli_w.dumps({"technique": [same]})
    (bank / "techniques.toml").write_text(copy, encoding="utf-8")
    assert not any("replaces" in p.message for p in load_bank([bank]).problems), "a copy changes nothing"
    (bank / "techniques.toml").write_text(copy.replace(same["name"], "My own name"), encoding="utf-8")
    result = load_bank([bank])
    (warning,) = [p for p in result.problems if "replaces" in p.message]
    assert (warning.file, warning.line, warning.severity) == (bank / "techniques.toml", 2, "warning")
    assert warning.message == f"technique {same['id']!r} replaces the bundled technique of that id"
    assert result.bank.techniques[same["id"]].name == "My own name"


def test_quiz_techniques_lists_ids_names_and_definitions_before_or_after_the_command(bank):
    (bank / "techniques.toml").write_text(SLIPPERY, encoding="utf-8")
    for args in (["techniques", "--bank", "bank"], ["--bank", "bank", "techniques"]):
        out = quiz(*args)
        assert out.returncode == 0, out.stderr
        lines = out.stdout.splitlines()
        assert lines[0] == f"{len(BUNDLED) + 1} techniques for bank: {len(BUNDLED)} bundled, 1 its own"
        assert "slippery_slope: Slippery slope   (from bank/techniques.toml)" in lines
        for technique in BUNDLED:
            assert f"{technique['id']}: {technique['name']}" in lines
        assert " ".join(out.stdout.split()).count(" ".join(BUNDLED[0]["definition"].split())) == 1


def test_quiz_techniques_lists_them_even_while_questions_are_broken_and_names_technique_problems(bank):
    (bank / "techniques.toml").write_text(SLIPPERY.replace('hint = "Look', 'hnt = "Look'), encoding="utf-8")
    (bank / "questions.toml").write_text("[[question]]\nid = 1\n", encoding="utf-8")
    out = quiz("techniques", "--bank", "bank")
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        "bank/techniques.toml:6: error: unknown field 'hnt' (did you mean 'hint'?)"]
    assert out.stdout.startswith(f"{len(BUNDLED)} techniques for bank")


def test_quiz_techniques_on_the_bundled_bank():
    out = quiz("techniques")
    assert out.returncode == 0
    assert out.stdout.splitlines()[0] == (f"{len(BUNDLED)} techniques for the bundled bank: "
                                          f"{len(BUNDLED)} bundled, 0 its own")
