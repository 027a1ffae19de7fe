"""`quiz report` as a teacher runs it: text, CSV tables for spreadsheets, files it cannot use skipped with
their reason, and every kind of question in the distractor analysis. The numbers themselves are worked
out by hand in test_report_statistics.py; the HTML page is tested in test_report_html.py."""

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.domain.progress import Progress
from quiz.report.model import build_report
from quiz.report.text import render_text
from quiz.storage.progress_file import save_progress
from tests.conftest import MINI
from tests.test_report_statistics import progress_of

REPO = Path(__file__).resolve().parent.parent

CLASS = {
    "alice": [("letter-puppet", ["name_calling"]), ("reply-all-apply", ["doubt", "ad_hominem"]),
              ("letter-unsupported", ["survey"]), ("pair-everyone", ["bandwagon"]),
              ("retired-question", ["doubt"])],
    "bob": [("letter-puppet", ["name_calling"]), ("reply-all-apply", ["doubt"]),
            ("letter-unsupported", ["mayor"]), ("pair-everyone", ["doubt"])],
    "renée": [("letter-puppet", ["bandwagon"]), ("reply-all-apply", ["doubt", "appeal_to_fear"]),
              ("pair-everyone", ["bandwagon"]), ("letter-puppet", ["name_calling"]),
              ("retired-question", ["doubt"]), ("another-bank-question", ["bandwagon"])],
}
"""Three learners on the mini bank; renée took letter-puppet twice; 3 answers are to unknown questions."""


@pytest.fixture
def class_files(tmp_path, mini) -> list[Path]:
    """The class's progress files, and dave's, which is damaged (given third)."""
    paths = []
    for name, answers in CLASS.items():
        path = tmp_path / f"{name}.toml"
        save_progress(path, progress_of(mini, answers))
        paths.append(path)
    damaged = tmp_path / "dave.toml"
    damaged.write_text("schema_version = 1\nanswers = [oops\n")
    return [*paths[:2], damaged, paths[2]]


def skipped_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.endswith("; skipped")]


def test_text_report_has_every_section_and_names_the_damaged_file(class_files, capsys, monkeypatch):
    monkeypatch.chdir(class_files[0].parent)  # as a teacher types it: quiz report *.toml
    assert main(["report", *(p.name for p in class_files), "--bank", str(MINI)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()

    assert lines[0] == "Class report: 3 learners, 12 answers to 4 of 4 questions"
    assert "3 answers to questions not in this bank were ignored" in lines
    [skipped] = skipped_lines(err)
    assert skipped.startswith("dave.toml:2: damaged: not valid TOML")
    assert any(line.startswith("Not counted: dave.toml:2: damaged: not valid TOML") for line in lines)
    for title in ("Gradebook", "Techniques, the whole class", "Item analysis, hardest first",
                  "Distractor analysis", "Confusions", "Mastery per technique, learner by learner"):
        assert title in lines
    cells = [line.split() for line in lines]
    # renée: letter-puppet wrong first (0), reply-all-apply 1/2 − 1/2 = 0, pair-everyone 0: 0%, her
    # retake of letter-puppet is an answer but not a first answer.
    renee = next(c for c in cells if c[:1] == ["renée"])
    assert renee[:6] == ["renée", "0%", "3", "of", "4", "4"]
    # Questions are named by id, then a quote: the letter-unsupported one by its answer sentence.
    assert "  “If nothing is done, the bridge will collapse by winter.”" in lines
    assert not any("Which technique" in line for line in lines), "prompts repeat: they name nothing"
    assert max(map(len, lines)) <= 80


@pytest.mark.parametrize("table", ["gradebook", "mastery", "techniques", "items", "distractors", "confusions"])
def test_each_csv_table_is_one_rectangle_a_spreadsheet_opens(class_files, capsysbinary, table):
    assert main(["report", "--csv", "--table", table, *map(str, class_files), "--bank", str(MINI)]) == 0
    out, err = capsysbinary.readouterr()
    assert not out.startswith(b"\xef\xbb\xbf"), "the byte-order mark is only for --excel"
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
    assert len(rows) > 1 and len({len(row) for row in rows}) == 1
    assert out.endswith(b"\r\n")
    assert b"Class report: 3 learners" in err and b"; skipped" in err


def test_csv_gradebook_has_a_row_per_learner_with_mastery_columns(class_files, capsysbinary):
    assert main(["report", "--csv", *map(str, class_files), "--bank", str(MINI)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsysbinary.readouterr().out.decode("utf-8"), newline="")))
    assert [r["Learner"] for r in rows] == ["alice", "bob", "renée"]
    alice = rows[0]
    # alice: 1, 1, 0 (survey is not the unsupported sentence), 0 (bandwagon): 50% over 4 questions.
    assert (alice["Score %"], alice["Questions answered"], alice["Questions in bank"], alice["Answers"]) == \
        ("50.0", "4", "4", "4")
    [last_active] = [key for key in alice if key.startswith("Last active (")]
    assert alice[last_active] == _local("2026-11-23 09:04")
    # Bandwagon: alice offered it 3 times where it was wrong and named it once (pair-everyone).
    assert alice["Bandwagon: false alarms %"] == "33.3"
    assert alice["Bandwagon: spots %"] == ""


def _local(utc: str) -> str:
    """A UTC time as the report shows it, in this computer's time zone."""
    return datetime.fromisoformat(utc + "+00:00").astimezone().strftime("%Y-%m-%d %H:%M")


def test_csv_items_and_distractors_name_questions_by_id_and_quote(class_files, capsysbinary):
    main(["report", "--csv", "--table", "items", *map(str, class_files), "--bank", str(MINI)])
    items = list(csv.DictReader(io.StringIO(capsysbinary.readouterr().out.decode(), newline="")))
    # Hardest first: letter-unsupported and pair-everyone 0% (tied: bank order), reply-all-apply
    # (1 + 0.5 + 0)/3 = 50%, letter-puppet 2 of 3 first answers right: 67%.
    assert [r["Question id"] for r in items] == ["letter-unsupported", "pair-everyone", "reply-all-apply",
                                                  "letter-puppet"]
    assert (items[3]["Facility %"], items[3]["Learners"]) == ("66.7", "3")
    assert items[0]["Quote (or prompt)"] == "If nothing is done, the bridge will collapse by winter."
    main(["report", "--csv", "--table", "distractors", *map(str, class_files), "--bank", str(MINI)])
    rows = list(csv.DictReader(io.StringIO(capsysbinary.readouterr().out.decode(), newline="")))
    unsupported = {r["Response id"]: (r["Verdict"], r["Learners who gave it"]) for r in rows
                   if r["Question id"] == "letter-unsupported"}
    assert unsupported == {"survey": ("wrong", "1"), "collapse": ("right", "0"), "mayor": ("wrong", "1")}


def test_excel_gets_a_byte_order_mark_so_accents_read_right(class_files, tmp_path, capsys):
    out = tmp_path / "class.csv"
    assert main(["report", "--excel", "--out", str(out), *map(str, class_files), "--bank", str(MINI)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "renée".encode("utf-8") in data
    assert data.decode("utf-8-sig").splitlines()[0].startswith("Learner,Score %")


def test_a_text_cell_that_a_spreadsheet_would_run_as_a_formula_is_defused(mini, tmp_path, capsysbinary):
    path = tmp_path / "=HYPERLINK(1).toml"
    save_progress(path, progress_of(mini, [("letter-puppet", ["name_calling"])]))
    assert main(["report", "--csv", str(path), "--bank", str(MINI)]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsysbinary.readouterr().out.decode(), newline="")))
    assert row["Learner"] == "'=HYPERLINK(1)"


def test_files_that_are_not_progress_files_are_skipped_with_their_reason(class_files, tmp_path, capsys):
    (tmp_path / "folder.toml").mkdir()
    os.mkfifo(tmp_path / "pipe.toml")  # reading a pipe would wait for ever
    (tmp_path / "binary.toml").write_bytes(b"\x00\xff\xfe garbage")
    (tmp_path / "newer.toml").write_text("schema_version = 99\n")
    shutil.copy(MINI / "questions.toml", tmp_path / "questions.toml")  # the bank, caught by *.toml
    foreign = ["folder", "pipe", "binary", "newer", "questions", "missing"]
    paths = [*map(str, class_files), *(str(tmp_path / f"{name}.toml") for name in foreign), str(class_files[0])]
    assert main(["report", *paths, "--bank", str(MINI)]) == 0
    out, err = capsys.readouterr()
    reasons = {Path(line.split(":")[0]).stem: line for line in skipped_lines(err)}
    assert set(reasons) == {"dave", *foreign, "alice"}
    assert "not a file (a folder, pipe or device)" in reasons["folder"]
    assert "not a file (a folder, pipe or device)" in reasons["pipe"]
    assert "not valid UTF-8" in reasons["binary"]
    assert "newer version of the quiz" in reasons["newer"]
    assert "damaged" in reasons["questions"]
    assert "no such file" in reasons["missing"]
    assert f"the same file as {class_files[0]}, counted once" in reasons["alice"]
    assert out.startswith("Class report: 3 learners, 12 answers")
    assert "Traceback" not in err


def test_a_reader_failure_no_one_foresaw_skips_the_file(class_files, monkeypatch, capsys):
    import quiz.report.reading as reading

    real = reading.load_progress

    def flaky(path):
        if path.stem == "bob":
            raise KeyError("reviews")
        return real(path)

    monkeypatch.setattr(reading, "load_progress", flaky)
    assert main(["report", *map(str, class_files), "--bank", str(MINI)]) == 0
    out, err = capsys.readouterr()
    assert f"{class_files[1]}: cannot be read as a progress file (KeyError: 'reviews'); skipped" in err
    assert out.startswith("Class report: 2 learners")


def test_learners_with_the_same_file_name_in_two_folders_keep_apart(mini, tmp_path, capsys):
    for folder, answer in (("3a", "name_calling"), ("3b", "bandwagon")):
        save_progress(tmp_path / folder / "alice.toml", progress_of(mini, [("letter-puppet", [answer])]))
    assert main(["report", str(tmp_path / "3a" / "alice.toml"), str(tmp_path / "3b" / "alice.toml"),
                 "--bank", str(MINI)]) == 0
    cells = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert ["3a/alice", "100%", "1", "of", "4", "1"] in [c[:6] for c in cells]
    assert ["3b/alice", "0%", "1", "of", "4", "1"] in [c[:6] for c in cells]


def test_no_readable_progress_file_exits_1(tmp_path, capsys):
    wrong = tmp_path / "erin.toml"
    wrong.write_text('schema_version = 1\nanswers = "none"\n')
    missing = tmp_path / "frank.toml"
    assert main(["report", str(wrong), str(missing), "--bank", str(MINI)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert any(line.startswith(str(wrong)) and "answers" in line for line in skipped_lines(err))
    assert f"{missing}: no such file; skipped" in err
    assert "No progress file could be read" in err


@pytest.mark.parametrize("argv", [["--table", "items"], ["--html", "x.html", "--out", "y"],
                                  ["--csv", "--html", "x.html"], ["--csv", "--excel"]])
def test_options_that_do_not_go_together_are_refused(class_files, argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", *argv, str(class_files[0]), "--bank", str(MINI)])
    assert exit_.value.code == 2
    assert "quiz report" in capsys.readouterr().err


def test_out_writes_the_text_to_a_file_and_says_when_it_cannot(class_files, tmp_path, capsys):
    out = tmp_path / "report.txt"
    assert main(["report", "--out", str(out), *map(str, class_files), "--bank", str(MINI)]) == 0
    assert out.read_text(encoding="utf-8").startswith("Class report: 3 learners")
    assert capsys.readouterr().out == ""
    assert main(["report", "--out", str(tmp_path / "no" / "such" / "r.txt"), str(class_files[0]),
                 "--bank", str(MINI)]) == 1
    assert "Cannot write" in capsys.readouterr().err


def test_questions_nobody_answered_are_counted_not_listed(mini):
    report = build_report(mini, [("erin", progress_of(mini, [("letter-puppet", ["name_calling"])])),
                                 ("frank", Progress())])
    text = render_text(report, UTC)
    assert "Class report: 2 learners, 1 answer to 1 of 4 questions\n" in text
    assert "3 questions that nobody answered are not listed" in text
    assert [r.question_id for r in report.items] == ["letter-puppet"]
    assert "pair-everyone" not in text
    frank = next(line.split() for line in text.splitlines() if line.startswith("frank "))
    assert frank[:6] == ["frank", "—", "0", "of", "4", "0"]


def test_find_and_source_questions_have_their_own_distractor_analysis(mini_more):
    bank = mini_more
    find = bank.questions["letter-find-label"]
    words = [w.text for w in find.words()]
    puppet = [words.index("puppet") - 1 + i for i in range(4)]   # "a puppet of the builders": 5 words
    key = sorted(find.key_words())
    assert len(key) == 5 and puppet == key[:4]
    disaster = [words.index("disaster") - 1, words.index("disaster")]
    # Four learners mark: the whole key; four of its five words; the key and "a disaster"; nothing of
    # the key but "The mayor".
    marks = [key, key[:4], key + disaster, [words.index("mayor") - 1, words.index("mayor")]]
    learners = [(f"l{n}", progress_of(bank, [("letter-find-label", []), ("reply-source-kind", [choice])],
                                      words={"letter-find-label": marked}))
                for n, (marked, choice) in enumerate(zip(marks, ["interested", "news", "news", "independent"]))]
    report = build_report(bank, learners)
    rows = {row.question_id: row for row in report.items}

    found = {r.key: (r.marked, r.text, r.verdict, r.learners) for r in rows["letter-find-label"].responses}
    assert found == {
        "span-1": ("all of", "a puppet of the builders", "right", 2),
        "span-1-part": ("part of", "a puppet of the builders", "partly right", 1),
        "span-1-none": ("none of", "a puppet of the builders", "wrong", 1),
        "wrong-1": ("any word of", "a disaster", "wrong", 1),
        "outside": (None, "marked a word outside every key span", "wrong", 2),
    }
    assert rows["letter-find-label"].several
    # F1 over the counted words (a, of, the are not counted: the key counts "puppet builders"): the full
    # key 1; "a puppet of the" counts "puppet": precision 1, recall 1/2, F1 2/3; the key and "a disaster"
    # count "puppet builders disaster": precision 2/3, recall 1, F1 0.8, full marks; none of the key 0.
    # Facility (1 + 2/3 + 1 + 0) / 4 = 2/3.
    assert rows["letter-find-label"].stats.facility == pytest.approx(2 / 3)
    assert rows["letter-find-label"].quote == find.passage

    source = [(r.key, r.verdict, r.learners) for r in rows["reply-source-kind"].responses]
    assert source == [("interested", "right", 1), ("independent", "wrong", 1), ("news", "wrong", 2)]
    # A source question with no quote is named by its prompt, which is not shown as a quote.
    assert rows["reply-source-kind"].quote.startswith("What kind of text is the council's reply")
    assert (rows["reply-source-kind"].is_quote, rows["letter-find-label"].is_quote) == (False, True)
    # Mastery counts decisions about options; a find question's words are not pooled with them (its
    # 36-odd words would outweigh every option), so a learner who answered only the find and source
    # questions has mastery on the source skill only.
    assert set(report.learners[3].mastery) == {"source"}

    text = render_text(report, UTC)
    assert "  2   50%  marked all of “a puppet of the builders”  (right)" in text
    assert "  1   25%  marked part of “a puppet of the builders”  (partly right)" in text
    assert "  1   25%  marked any word of “a disaster”" in text
    assert "  2   50%  A news story by the Harbour Gazette" in text
    assert "reply-source-kind (4 learners): What kind of text is the council's reply, and…" in text
    assert max(map(len, text.splitlines())) <= 80


def test_report_command_as_users_run_it_never_loads_textual(class_files):
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "quiz", "--bank", str(MINI), "report", *map(str, class_files)],
        capture_output=True, text=True, cwd=REPO, stdin=subprocess.DEVNULL)
    assert out.returncode == 0
    assert out.stdout.startswith("Class report: 3 learners, 12 answers")
    assert "Traceback" not in out.stderr
    imported = set(re.findall(r"^import time:.*\|\s+([\w.]+)$", out.stderr, re.MULTILINE))
    assert "pydantic" in imported
    assert not any(name.split(".")[0] == "textual" for name in imported)


def test_a_file_name_cannot_drive_the_terminal(mini, tmp_path, capsys):
    """A file name may hold escape sequences (bank text may not): the report shows them escaped."""
    path = tmp_path / "eve\x1b[2J\x1b]0;owned\x07.toml"
    save_progress(path, progress_of(mini, [("letter-puppet", ["name_calling"])]))
    damaged = tmp_path / "mal\x1b[31m.toml"
    damaged.write_text("answers = [\n")
    assert main(["report", str(path), str(damaged), "--bank", str(MINI)]) == 0
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out
    assert "eve\\x1b[2J\\x1b]0;owned\\x07" in out
    assert "mal\\x1b[31m.toml" in err


def test_a_learners_thousands_of_answers_are_separated_in_the_gradebook(mini):
    many = progress_of(mini, [("letter-puppet", ["name_calling"])] * 1200)
    text = render_text(build_report(mini, [("erin", many)]), UTC)
    erin = next(line for line in text.splitlines() if line.startswith("erin "))
    assert erin.split()[1:6] == ["100%", "1", "of", "4", "1,200"]
    assert "1 answer to 1 of 4 questions" not in text and "1,200 answers to 1 of 4 questions" in text
