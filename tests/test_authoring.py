"""`quiz new`: a starting file that checks clean, whose examples pass `quiz check` once filled in."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from quiz.authoring import sentences, slug, title_of
from quiz.cli import main
from quiz.domain.models import KINDS
from quiz.schema import FILE_NAME
from quiz.storage.bank_files import load_bank
from tests.conftest import BUNDLED_TECHNIQUES, MINI, line_of
from tests.conftest import quiz_check as check

EXPLANATION = ("The passage pins a label on its target instead of showing what was done; ask which "
               "facts in the text would make the label true, and whether any are given.")


@pytest.fixture
def bank(tmp_path, monkeypatch) -> Path:
    """An empty bank folder holding the mini bank's two texts, with the working folder just above it."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINI / "sources", tmp_path / "bank" / "sources")
    return tmp_path / "bank"


def uncomment(text: str) -> str:
    """What a teacher does to use the examples: remove the leading "# " of each example line."""
    return re.sub(r"(?m)^# ", "", text)


def fill(text: str) -> str:
    """What a teacher does next: replace every TODO, and point the pair at the other article."""
    text = text.replace('"other-article"', '"reply"')
    text = text.replace('"TODO: a passage of the other article"',
                        '"The bridge is the finest in the region."')
    text = re.sub(r'(?m)^explanation = "TODO[^"]*"', f'explanation = "{EXPLANATION}"', text)
    return re.sub(r'"TODO: ([^"]*)"', r'"Filled in: \1"', text)


def test_new_file_holds_the_source_and_checks_clean(bank, capsys):
    assert main(["new", "bank/sources/letter.txt", "--out", "bank/letter.toml"]) == 0
    assert "quiz check bank" in capsys.readouterr().out
    written = tomllib.loads((bank / "letter.toml").read_text(encoding="utf-8"))
    assert written == {"source": [{
        "id": "letter", "file": "sources/letter.txt", "title": "A letter to the editor",
        "outlet": "TODO: who published it", "author": "TODO: who wrote it", "kind": "article"}]}
    code, out = check("bank")
    assert code == 0, out
    assert out.splitlines() == [
        f"bank/letter.toml:{line_of(bank / 'letter.toml', 'outlet =')}: warning: outlet still holds the "
        "placeholder 'TODO: who published it' (replace it with your own text)",
        f"bank/letter.toml:{line_of(bank / 'letter.toml', 'author =')}: warning: author still holds the "
        "placeholder 'TODO: who wrote it' (replace it with your own text)",
        f"bank: 0 questions on 1 source, {BUNDLED_TECHNIQUES} techniques: 0 errors, 2 warnings"]
    code, out = check("--strict", "bank")
    assert code == 1 and "bank: 2 errors, 0 warnings" in out, "under --strict a TODO is an error"


def test_examples_quote_the_article_verbatim_and_pass_check_once_filled(bank):
    assert main(["new", "bank/sources/letter.txt", "--out", "bank/letter.toml"]) == 0
    assert main(["new", "bank/sources/reply.txt", "--out", "bank/reply.toml"]) == 0
    letter = bank / "letter.toml"
    letter.write_text(uncomment(letter.read_text(encoding="utf-8")), encoding="utf-8")

    code, out = check("bank")
    assert code == 1, out
    assert [line for line in out.splitlines() if ": error: " in line] == [
        f"bank/letter.toml:{line_of(letter, 'other-article')}: error: unknown source 'other-article' "
        "(known sources: letter, reply)"]
    assert out.count("fewer than 20 (name the words") == len(KINDS), "placeholder explanations must be flagged"

    letter.write_text(fill(letter.read_text(encoding="utf-8")), encoding="utf-8")
    code, out = check("bank")
    assert code == 0, out
    assert "TODO" not in str(tomllib.loads(letter.read_text(encoding="utf-8"))), "a TODO was left"
    assert "fewer than 20 (name the words" not in out
    result = load_bank([bank])
    assert {q.kind for q in result.bank.questions.values()} == set(KINDS)
    text = (bank / "sources" / "letter.txt").read_text(encoding="utf-8")
    assert all(p.quote in text for q in result.bank.questions.values() for p in q.quotes()
               if p.source == "letter")


def test_without_out_the_file_goes_beside_the_source(bank, capsys):
    assert main(["new", "bank/sources/letter.txt"]) == 0
    written = tomllib.loads((bank / "sources" / "letter.toml").read_text(encoding="utf-8"))
    assert written["source"][0]["file"] == "letter.txt"
    assert check("bank")[0] == 0


def test_an_existing_file_is_never_overwritten(bank, capsys):
    target = bank / "letter.toml"
    target.write_text("# my questions\n")
    assert main(["new", "bank/sources/letter.txt", "--out", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_text() == "# my questions\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "cannot read"), (b"", "is empty"), ("caf\xe9".encode("latin-1"), "is not UTF-8 text"),
     (b"\x00\x01binary", "is not a text file")],
    ids=["missing", "empty", "latin-1", "binary"],
)
def test_an_unusable_source_is_refused_with_a_reason_and_nothing_written(bank, capsys, content,
                                                                          expected):
    source = bank / "article.txt"
    if content is not None:
        source.write_bytes(content)
    assert main(["new", str(source)]) == 1
    assert expected in capsys.readouterr().err
    assert not (bank / "article.toml").exists()


def test_the_id_comes_from_the_file_name_unless_given(bank, capsys):
    source = bank / "Café Über – Op-Ed (2024).txt"
    shutil.copy(bank / "sources" / "letter.txt", source)
    assert main(["new", str(source), "--out", "bank/a.toml"]) == 0
    assert tomllib.loads((bank / "a.toml").read_text())["source"][0]["id"] == "cafe-uber-op-ed-2024"
    assert main(["new", str(source), "--out", "bank/b.toml", "--id", "my-article"]) == 0
    assert tomllib.loads((bank / "b.toml").read_text())["source"][0]["id"] == "my-article"
    assert main(["new", str(source), "--out", "bank/c.toml", "--id", "My Article"]) == 1
    assert "'My Article' is not a valid id" in capsys.readouterr().err
    assert not (bank / "c.toml").exists()


def test_a_source_in_a_sibling_folder_is_checked_from_the_folder_holding_both(bank, capsys):
    (bank / "questions").mkdir()
    assert main(["new", "bank/sources/letter.txt", "--out", "bank/questions/letter.toml"]) == 0
    assert capsys.readouterr().out.endswith("then run: quiz check bank\n")
    assert tomllib.loads((bank / "questions" / "letter.toml").read_text())["source"][0]["file"] == \
        "../sources/letter.txt"
    assert check("bank")[0] == 0, "the advice works"
    assert check("bank/questions")[0] == 1, "the folder of the file alone would not find the text"


def test_the_advice_works_from_inside_the_bank(bank, monkeypatch, capsys):
    (bank / "questions").mkdir()
    monkeypatch.chdir(bank / "questions")
    assert main(["new", "../sources/letter.txt", "--out", "letter.toml"]) == 0
    assert capsys.readouterr().out.endswith("then run: quiz check ..\n")
    assert check("..")[0] == 0


def test_a_source_far_from_the_output_is_refused_with_the_commands_that_work(bank, tmp_path, capsys,
                                                                            monkeypatch):
    """Checking the home folder, which holds both, would read unrelated files: say how to copy instead."""
    monkeypatch.setenv("HOME", str(tmp_path))
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    shutil.copy(bank / "sources" / "letter.txt", downloads / "op-ed.txt")
    assert main(["new", "downloads/op-ed.txt", "--out", "bank/op-ed.toml"]) == 1
    error = capsys.readouterr().err
    assert "lies outside bank/" in error and not (bank / "op-ed.toml").exists()
    suggested = error.rsplit("then run: ", 1)[1].split()
    assert suggested == ["quiz", "new", "bank/sources/op-ed.txt", "--out", "bank/op-ed.toml"]
    shutil.copy(downloads / "op-ed.txt", bank / "sources" / "op-ed.txt")  # what the message says
    assert main(suggested[1:]) == 0
    assert check("bank")[0] == 0


def test_a_missing_output_folder_is_named(bank, capsys):
    assert main(["new", "bank/sources/letter.txt", "--out", "bank/nowhere/letter.toml"]) == 1
    assert "the folder bank/nowhere/ does not exist" in capsys.readouterr().err


def test_sentences_of_a_hard_wrapped_text_are_whole_and_found_in_it(bank):
    source = bank / "sources" / "wrapped.txt"
    source.write_text("A wrapped op-ed\n\nThe council says the bridge is safe, but\nnobody believes "
                      "it any more. Mr. Jones, who\nbuilt it, disagrees with\tthe engineers.\n",
                      encoding="utf-8")
    found = sentences(source.read_text(encoding="utf-8"))
    assert found == ["The council says the bridge is safe, but nobody believes it any more.",
                     "Mr. Jones, who built it, disagrees with the engineers."]
    assert main(["new", str(source), "--out", "bank/wrapped.toml"]) == 0
    wrapped = bank / "wrapped.toml"
    wrapped.write_text(fill(uncomment(wrapped.read_text(encoding="utf-8"))).replace(
        'source = "other-article"', 'source = "wrapped"'), encoding="utf-8")
    result = load_bank([wrapped])
    assert not [p for p in result.errors if "quote" in p.message], "\n".join(map(str, result.errors))


def test_the_schema_directive_is_written_when_the_schema_is_beside_the_file(bank):
    assert main(["new", "bank/sources/letter.txt", "--out", "bank/without.toml"]) == 0
    assert main(["schema", "--out", f"bank/{FILE_NAME}"]) == 0
    assert main(["new", "bank/sources/letter.txt", "--out", "bank/with.toml", "--id", "letter2"]) == 0
    assert (bank / "with.toml").read_text().splitlines()[0] == f"#:schema ./{FILE_NAME}"
    without = (bank / "without.toml").read_text()
    assert not without.startswith("#:schema") and f"quiz schema --out {FILE_NAME}" in without


def test_quotes_with_quote_marks_and_backslashes_survive_as_toml(bank):
    source = bank / "sources" / "tricky.txt"
    source.write_text('He said "no" — twice\r\n\r\nThe "experts" say C:\\temp is fine. It is “fine”, '
                      "they insist!\r\n", encoding="utf-8")
    assert main(["new", str(source), "--out", "bank/tricky.toml"]) == 0
    document = tomllib.loads(uncomment((bank / "tricky.toml").read_text(encoding="utf-8")))
    assert document["source"][0]["title"] == 'He said "no" — twice'
    assert document["question"][0]["quote"] == 'The "experts" say C:\\temp is fine.'
    assert document["question"][1]["quote"] == "It is “fine”, they insist!"


def test_slug_title_and_sentences():
    assert slug("Ablyazov interview (Charter 97)") == "ablyazov-interview-charter-97"
    assert slug("日本") == ""
    assert title_of("\ufeff\n\n  Headline here  \nBody.") == "Headline here"
    assert len(title_of("word " * 100)) <= 200
    text = "Title\n\nDr. Smith said it works. Short one. Everyone knows it is a disaster!\n"
    assert sentences(text) == ["Dr. Smith said it works.", "Everyone knows it is a disaster!"]
    assert all(s in text for s in sentences(text))
    text = "Title\n\nJ. R. Doe wrote it, e.g. in May. It was “fine.” Then it was not, they say.\n"
    assert sentences(text) == ["J. R. Doe wrote it, e.g. in May.", "Then it was not, they say."]


def test_authoring_commands_do_not_load_textual(bank):
    code = ("import sys, contextlib, io\nfrom quiz.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    codes = main(['new', 'bank/sources/letter.txt']), main(['schema'])\n"
            "print(codes, 'textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "(0, 0) False", out.stderr


def test_the_guides_complete_examples_pass_check(tmp_path):
    """docs/authoring.md: its two article texts, their [[source]] tables and its example of each kind
    of question make a bank with no errors, so the guide cannot drift from what `quiz check` accepts."""
    guide = (Path(__file__).parent.parent / "docs" / "authoring.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(\w+)\n(.*?)```", guide, re.S)
    texts = {body.splitlines()[0]: body for lang, body in blocks if lang == "text"}
    sources = [body for lang, body in blocks if lang == "toml" and body.startswith("[[source]]")]
    for source in map(tomllib.loads, sources):
        target = tmp_path / source["source"][0]["file"]
        target.parent.mkdir(exist_ok=True)
        target.write_text(texts[source["source"][0]["title"]], encoding="utf-8")
    section = guide.split("## One complete example of each kind")[1].split("\n## ")[0]
    examples = re.findall(r"```toml\n(.*?)```", section, re.S)
    (tmp_path / "bank.toml").write_text("\n".join(sources + examples), encoding="utf-8")
    result = load_bank([tmp_path])
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert sorted(q.kind for q in result.bank.questions.values()) == sorted(KINDS)


def test_new_refuses_a_device_or_a_pipe_without_reading_it(bank, capsys):
    import os

    fifo = bank / "sources" / "pipe.txt"
    os.mkfifo(fifo)
    assert main(["new", str(fifo), "--out", "bank/pipe.toml"]) == 1
    assert "is a pipe (FIFO), not a regular file" in capsys.readouterr().err
    assert main(["new", "/dev/zero", "--out", "bank/zero.toml"]) == 1
    assert "not a regular file" in capsys.readouterr().err
    assert not (bank / "pipe.toml").exists() and not (bank / "zero.toml").exists()
