"""`quiz report`: a class's progress files summed up per question and per technique, hardest first."""

import csv
import io
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.domain.progress import AnswerRecord, Progress
from quiz.domain.scoring import score
from quiz.report import build_report, render_text
from quiz.storage.progress_file import save_progress
from tests.conftest import MINI

REPO = Path(__file__).resolve().parent.parent

CLASS = {
    "alice": [("letter-puppet", ["name_calling"]), ("reply-all-apply", ["doubt", "ad_hominem"]),
              ("letter-unsupported", ["survey"]), ("pair-everyone", ["bandwagon"]),
              ("retired-question", ["doubt"])],
    "bob": [("letter-puppet", ["name_calling"]), ("reply-all-apply", ["doubt"]),
            ("letter-unsupported", ["mayor"]), ("pair-everyone", ["doubt"])],
    "carol": [("letter-puppet", ["bandwagon"]), ("reply-all-apply", ["doubt", "appeal_to_fear"]),
              ("pair-everyone", ["bandwagon"]), ("letter-puppet", ["name_calling"]),
              ("retired-question", ["doubt"]), ("another-bank-question", ["bandwagon"])],
}
"""Three learners on the mini bank; carol took letter-puppet twice; 3 answers are to unknown questions.

Per question: pair-everyone 0 of 3 right, letter-unsupported 0 of 2, reply-all-apply 1 of 3 (scores
1, 0.5, 0: mean 50%), letter-puppet 3 of 4. The first two tie on share correct; more answers go first.
"""

HARDEST_FIRST = ["pair-everyone", "letter-unsupported", "reply-all-apply", "letter-puppet"]


def progress_of(bank, answers: list[tuple[str, list[str]]]) -> Progress:
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    return Progress(answers=[
        AnswerRecord(question_id=qid, quiz_id="q1", answered_at=start + timedelta(minutes=n),
                     choice=choice,
                     score=score(bank.questions[qid], choice) if qid in bank.questions else 1.0)
        for n, (qid, choice) in enumerate(answers)
    ])


@pytest.fixture
def class_files(tmp_path, mini) -> list[Path]:
    """The class's progress files, and dave's, which is damaged."""
    paths = []
    for name, answers in CLASS.items():
        path = tmp_path / f"{name}.toml"
        save_progress(path, progress_of(mini, answers))
        paths.append(path)
    damaged = tmp_path / "dave.toml"
    damaged.write_text("schema_version = 1\nanswers = [oops\n")
    return [*paths[:2], damaged, paths[2]]


def rows_of(table_lines: list[str], names: list[str]) -> dict[str, list[str]]:
    """Each table row that starts with one of `names`, as its last three cells."""
    return {name: line.split()[-3:] for line in table_lines for name in names
            if line.startswith(name + " ")}


def damaged_named_and_skipped(err: str) -> bool:
    """Whether standard error names dave's file, says why it cannot be read, and that it was skipped."""
    return any("dave.toml" in line and "not valid TOML" in line and line.endswith("; skipped")
               for line in err.splitlines())


def test_text_report_sums_up_the_class_hardest_first(class_files, capsys):
    assert main(["report", *map(str, class_files), "--bank", str(MINI)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()

    assert "Class report: 3 learners, 12 answers" in lines
    assert "Learners: alice, bob, carol" in lines
    assert "3 answers to questions not in this bank were ignored" in lines
    assert damaged_named_and_skipped(err)

    question_lines = [line for line in lines if line.split()[:1] and line.split()[0] in HARDEST_FIRST]
    assert [line.split()[0] for line in question_lines] == HARDEST_FIRST
    assert rows_of(question_lines, HARDEST_FIRST) == {
        "pair-everyone": ["3", "0%", "0%"],
        "letter-unsupported": ["2", "0%", "0%"],
        "reply-all-apply": ["3", "33%", "50%"],
        "letter-puppet": ["4", "75%", "75%"],
    }
    skills = ["Exaggeration or minimisation", "Spotting unsupported claims",
              "Attack on motives (ad hominem)", "Casting doubt", "Name calling or labelling"]
    skill_lines = [line for line in lines if any(line.startswith(name) for name in skills)]
    assert [next(n for n in skills if line.startswith(n)) for line in skill_lines] == skills
    assert rows_of(skill_lines, skills) == {
        "Exaggeration or minimisation": ["3", "0%", "0%"],
        "Spotting unsupported claims": ["2", "0%", "0%"],
        "Attack on motives (ad hominem)": ["3", "33%", "50%"],
        "Casting doubt": ["3", "33%", "50%"],
        "Name calling or labelling": ["4", "75%", "75%"],
    }

    assert max(map(len, lines)) <= 80
    assert any("Which technique does the [bold]lett…" in line for line in question_lines)


def test_csv_report_opens_as_one_table(class_files, capsys):
    assert main(["report", "--csv", *map(str, class_files), "--bank", str(MINI)]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))

    assert [(r["section"], r["id"]) for r in rows] == [
        *(("question", qid) for qid in HARDEST_FIRST),
        ("skill", "exaggeration"), ("skill", "unsupported"), ("skill", "ad_hominem"),
        ("skill", "doubt"), ("skill", "name_calling"),
    ]
    by_id = {r["id"]: r for r in rows}
    assert by_id["reply-all-apply"] == {
        "section": "question", "id": "reply-all-apply",
        "name": "Which techniques does the reply use here? Tick all that apply.",
        "answers": "3", "correct": "1", "share_correct": "0.333", "mean_score": "0.500",
    }
    assert (by_id["letter-puppet"]["answers"], by_id["letter-puppet"]["share_correct"]) == ("4", "0.750")
    assert by_id["name_calling"]["name"] == "Name calling or labelling"
    assert "Class report: 3 learners, 12 answers" in err
    assert "3 answers to questions not in this bank were ignored" in err
    assert damaged_named_and_skipped(err)


def test_no_readable_progress_file_exits_1(tmp_path, capsys):
    wrong = tmp_path / "erin.toml"
    wrong.write_text('schema_version = 1\nanswers = "none"\n')
    missing = tmp_path / "frank.toml"
    assert main(["report", str(wrong), str(missing), "--bank", str(MINI)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert any(line.startswith(str(wrong)) and "answers" in line and line.endswith("; skipped")
               for line in err.splitlines())
    assert f"{missing}: no such file; skipped" in err
    assert "No progress file could be read" in err


def test_questions_nobody_answered_are_counted_not_listed(mini):
    report = build_report(mini, [("erin", progress_of(mini, [("letter-puppet", ["name_calling"])])),
                                 ("frank", Progress())])
    text = render_text(report)
    assert "Class report: 2 learners, 1 answer\n" in text
    assert "3 questions that nobody answered are not listed" in text
    assert [r.question_id for r in report.questions] == ["letter-puppet"]
    assert "pair-everyone" not in text


def test_report_command_as_users_run_it_never_loads_textual(class_files):
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "quiz", "--bank", str(MINI), "report",
         *map(str, class_files)],
        capture_output=True, text=True, cwd=REPO, stdin=subprocess.DEVNULL)
    assert out.returncode == 0
    assert "Class report: 3 learners, 12 answers" in out.stdout
    assert "Traceback" not in out.stderr
    imported = set(re.findall(r"^import time:.*\|\s+([\w.]+)$", out.stderr, re.MULTILINE))
    assert "pydantic" in imported
    assert not any(name.split(".")[0] == "textual" for name in imported)
