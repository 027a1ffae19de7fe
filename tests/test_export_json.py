"""`quiz export --format json`: one document with sources, techniques, questions and quote offsets."""

import json
import subprocess
import sys

from quiz.export.json_bank import bank_document
from tests.conftest import MINI


def test_offsets_point_at_each_quote(bundled):
    document = bank_document(bundled)
    texts = {s["id"]: s["text"] for s in document["sources"]}
    assert len(document["questions"]) == len(bundled.questions)
    for question in document["questions"]:
        assert question["quotes"] or question["kind"] == "source", question["id"]
        for quote in question["quotes"]:
            assert texts[quote["source"]][quote["start"]:quote["end"]] == quote["quote"]
        for span in question.get("key_spans", []):
            assert texts[question["source"]][span["start"]:span["end"]] == span["quote"]
    finds = [q for q in document["questions"] if q["kind"] == "find"]
    assert finds and all(q["key_words"] for q in finds)


def test_command_writes_parseable_json_with_answers(tmp_path):
    out = tmp_path / "bank.json"
    done = subprocess.run([sys.executable, "-m", "quiz", "export", "--format", "json", str(MINI),
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    by_id = {q["id"]: q for q in document["questions"]}
    assert by_id["reply-all-apply"]["correct"] == ["ad_hominem", "doubt"]
    assert by_id["letter-unsupported"]["sentences"][1]["key"] == "collapse"
    assert {t["id"] for t in document["techniques"]} >= {"name_calling", "doubt"}


def test_export_of_a_broken_bank_fails_cleanly(tmp_path):
    (tmp_path / "q.toml").write_text("[[question]]\nid = 3\n")
    done = subprocess.run([sys.executable, "-m", "quiz", "export", "--format", "json", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert "q.toml:" in done.stderr and "Traceback" not in done.stderr
