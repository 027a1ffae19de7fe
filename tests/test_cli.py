"""The command line as users run it: exit codes, file:line messages, never a traceback."""

import shutil
import subprocess
from pathlib import Path

from quiz.cli import main
from tests.conftest import MINI, MORE, run_quiz

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_quiz(*args, cwd=cwd, env=env)


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == "quiz 0.1.0"


def test_check_bundled_bank_is_clean():
    out = run("check", "questions")
    assert out.returncode == 0, out.stdout
    assert " 0 errors" in out.stdout


def test_check_reports_every_problem_with_file_and_line(tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(MINI, bank)
    questions = bank / "questions.toml"
    text = questions.read_text()
    text = text.replace('answer = "name_calling"', 'answer = "name_caling"')
    text = text.replace('"doubt", "ad_hominem", "appeal_to_fear"', '"doubt", "ad_hominen", "appeal_to_fear"')
    questions.write_text(text)
    out = run("check", str(bank), cwd=tmp_path)
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    lines = [line for line in out.stdout.splitlines() if ": error: " in line]
    assert any(line.startswith("bank/questions.toml:10: error: answer 'name_caling'") for line in lines), lines
    assert any("unknown technique 'ad_hominen' (did you mean 'ad_hominem'?)" in line for line in lines)


def test_check_strict_fails_on_warnings():
    assert main(["check", str(MINI)]) == 0
    assert main(["check", "--strict", str(MINI)]) == 1


def test_check_exit_codes_tell_clean_from_errors_from_usage_mistakes(tmp_path):
    """0 clean, 1 when the bank has errors, 2 when the command itself is mistyped (scripts rely on it)."""
    assert run("check", str(MINI)).returncode == 0
    assert run("check", str(tmp_path / "missing")).returncode == 1
    usage = run("check", "--stirct", str(MINI))
    assert usage.returncode == 2 and "unrecognized arguments: --stirct" in usage.stderr


def test_check_on_garbage_files_never_tracebacks(tmp_path):
    (tmp_path / "binary.toml").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "latin1.toml").write_bytes('title = "caf\xe9"\n'.encode("latin-1"))
    (tmp_path / "empty.toml").write_text("")
    (tmp_path / "wrong.toml").write_text('question = "not a table"\n')
    out = run("check", str(tmp_path), cwd=tmp_path)
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert "binary.toml:1: error: contains a NUL byte" in out.stdout
    assert "latin1.toml:1: error: not valid UTF-8" in out.stdout
    assert "empty.toml: error: the file holds no techniques, sources or questions" in out.stdout
    assert "wrong.toml:1: error: 'question' must be an array of tables" in out.stdout


def test_show_previews_one_question_with_its_answer_and_feedback():
    out = run_quiz("show", "letter-puppet", "--bank", MINI)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "letter-puppet: Spot the technique. Difficulty 1 of 3."
    assert "Quote: The mayor, a puppet of the builders, says all is well." in lines
    assert "Option 1: Name calling or labelling." in lines, "options in the file's order"
    assert "Answer: 1. Name calling or labelling." in lines
    assert "If a learner chooses 2: Nothing here claims that everyone agrees; the sentence labels one person." in lines
    assert any(line.startswith("Why: The word 'puppet' is a label") for line in lines)


def test_show_names_the_key_of_a_find_question_by_word_numbers():
    out = run_quiz("show", "letter-find-label", "--bank", MINI, "--bank", MORE)
    assert out.returncode == 0, out.stderr
    assert "The key: “a puppet of the builders” (words 29 to 33)." in out.stdout
    assert "Words 25 to 32: 25 six, 26 supports, 27 The, 28 mayor, 29 a, 30 puppet" in out.stdout


def test_show_an_unknown_id_suggests_the_nearest():
    out = run_quiz("show", "letter-pupet", "--bank", MINI)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "no question 'letter-pupet' in this bank (did you mean 'letter-puppet'?)" in out.stderr
