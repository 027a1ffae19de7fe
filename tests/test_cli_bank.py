"""One bank everywhere: `--bank` before or after the command name, for every command.

Each command that reads a bank is run on a bank with one known error, with `--bank` written before the
command name and after it: it must report that bank's error (so it read that bank, not the bundled one)
and exit 1. Commands that read no bank refuse `--bank` with exit status 2 and say what to do instead.
A command added to `quiz` without a line in COMMANDS fails the first test here.
"""

import json
import shutil
from pathlib import Path

import pytest

from quiz.cli import build_parser
from tests.conftest import MINI
from tests.conftest import run_quiz as quiz

READS_A_BANK = {
    # command: the arguments it needs besides --bank
    "check": [],
    "export": ["--format", "json"],
    "report": ["alice.toml"],
    "serve": ["--learners", "class"],
    "stats": ["--progress", "alice.toml"],
    "show": ["letter-puppet"],
    "techniques": [],
}
REFUSES_A_BANK = {
    "new": ["article.txt"],
    "schema": [],
}
COMMANDS = {**READS_A_BANK, **REFUSES_A_BANK}


@pytest.fixture
def work(tmp_path) -> Path:
    """A folder holding `broken/`, the mini bank with an error in a technique table (so even `quiz
    techniques`, which reads only those, meets it), and `good/`, the mini bank as it is."""
    shutil.copytree(MINI, tmp_path / "good")
    shutil.copytree(MINI, tmp_path / "broken")
    (tmp_path / "broken" / "techniques.toml").write_text(
        '[[technique]]\nid = "marker"\nname = "Marker"\ndefinition = "A technique of this bank only."\n',
        encoding="utf-8")
    (tmp_path / "article.txt").write_text("Title\n\nA sentence of four words.\n", encoding="utf-8")
    return tmp_path


def subcommands() -> set[str]:
    parser = build_parser()
    (action,) = [a for a in parser._actions if a.dest == "command"]
    return set(action.choices)


def test_every_command_is_covered_here():
    assert subcommands() == set(COMMANDS), "add each new command to READS_A_BANK or REFUSES_A_BANK"


ERROR = "broken/techniques.toml:1: error: missing field 'hint'"


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("command", [*READS_A_BANK, None], ids=[*READS_A_BANK, "the quiz itself"])
def test_a_command_that_reads_a_bank_reads_the_one_named(work, command, where):
    if command is None:
        args = ["--bank", "broken", "--plain"] if where == "before" else ["--plain", "--bank", "broken"]
    elif where == "before":
        args = ["--bank", "broken", command, *READS_A_BANK[command]]
    else:
        args = [command, *READS_A_BANK[command], "--bank", "broken"]
    out = quiz(*args, cwd=work)
    assert out.returncode == 1, out
    assert ERROR in out.stdout + out.stderr


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("command", REFUSES_A_BANK)
def test_a_command_that_reads_no_bank_refuses_bank_and_says_why(work, command, where):
    args = (["--bank", "good", command, *REFUSES_A_BANK[command]] if where == "before"
            else [command, *REFUSES_A_BANK[command], "--bank", "good"])
    out = quiz(*args, cwd=work)
    assert out.returncode == 2
    assert out.stderr.startswith(f"quiz {command}: error: --bank does not apply here: ")
    assert not list(work.glob("*.toml")), "nothing written"


def test_check_and_export_of_a_bank_named_before_the_command_are_of_that_bank(work):
    out = quiz("--bank", "good", "check", cwd=work)
    assert out.returncode == 0
    assert out.stdout.splitlines()[-1].startswith("good: 4 questions on 2 sources")
    out = quiz("--bank", "good", "export", "--format", "json", cwd=work)
    exported = json.loads(out.stdout)
    assert [q["id"] for q in exported["questions"]] == [
        "letter-puppet", "reply-all-apply", "letter-unsupported", "pair-everyone"]


def test_bank_and_paths_together_make_one_bank(work):
    """The decision: PATHs of check and export and every --bank name files of one bank."""
    (work / "extra").mkdir()
    extra = (MINI / "questions.toml").read_text(encoding="utf-8").split("[[question]]")[1]
    (work / "extra" / "more.toml").write_text(
        "[[question]]" + extra.replace('id = "letter-puppet"', 'id = "letter-puppet-2"'), encoding="utf-8")
    out = quiz("--bank", "good", "check", "extra", cwd=work)
    assert out.stdout.splitlines()[-1].startswith("good extra: 5 questions on 2 sources"), out.stdout
    out = quiz("check", "good", "--bank", "extra", cwd=work)
    assert "good extra: 5 questions" not in out.stdout and "extra good: 5 questions" in out.stdout
