"""The cache of checked banks: the same bank as a full check, used only while none of its files
changed, ignored when damaged, and never by `quiz check`."""

import json
import os
import shutil
import subprocess
import sys

from quiz.storage.bank_cache import cached_bank, remember
from quiz.storage.bank_files import load_bank
from tests.conftest import MINI, MORE


def checked(paths):
    result = load_bank(paths)
    assert result.bank is not None
    return result


def test_a_remembered_bank_is_the_checked_bank(tmp_path):
    paths = [MINI, MORE]
    result = checked(paths)
    assert cached_bank(paths, tmp_path) is None, "nothing remembered yet"
    remember(paths, result.bank, result.files, tmp_path)
    again = cached_bank(paths, tmp_path)
    assert again is not None
    assert again.questions == result.bank.questions and again.techniques == result.bank.techniques
    assert again.sources == result.bank.sources and again.texts == result.bank.texts
    assert again.spans == result.bank.spans
    find = again.questions["letter-find-label"]
    assert find.key_words() == result.bank.questions["letter-find-label"].key_words()


def test_any_change_to_a_file_of_the_bank_makes_it_checked_again(tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(MINI, bank)
    cache = tmp_path / "cache"
    result = checked([bank])
    remember([bank], result.bank, result.files, cache)
    assert cached_bank([bank], cache) is not None
    text = bank / "sources" / "letter.txt"
    text.write_text(text.read_text() + " ", encoding="utf-8")
    assert cached_bank([bank], cache) is None, "a source text changed"
    result = checked([bank])
    remember([bank], result.bank, result.files, cache)
    (bank / "extra.toml").write_text("# a new file in the bank's folder\n")
    assert cached_bank([bank], cache) is None, "a file was added"


def test_a_damaged_cache_is_ignored(tmp_path):
    result = checked([MINI])
    remember([MINI], result.bank, result.files, tmp_path)
    (entry,) = tmp_path.glob("*.json")
    for damage in ("{", json.dumps({"format": 1}), json.dumps([1, 2]), ""):
        entry.write_text(damage)
        assert cached_bank([MINI], tmp_path) is None


def test_check_never_uses_the_cache(tmp_path):
    """A bank broken after its copy was kept is reported by `quiz check`, and refused by the quiz."""
    bank = tmp_path / "bank"
    shutil.copytree(MINI, bank)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    plain = [sys.executable, "-m", "quiz", "--plain", "--bank", str(bank), "--progress", str(tmp_path / "p.toml")]
    assert subprocess.run(plain, input="q\n", capture_output=True, text=True, env=env).returncode == 0
    assert list((tmp_path / "cache").rglob("*.json")), "the checked bank was kept"
    questions = bank / "questions.toml"
    questions.write_text(questions.read_text().replace('answer = "name_calling"', 'answer = "nope"'))
    check = subprocess.run([sys.executable, "-m", "quiz", "check", str(bank)], capture_output=True,
                           text=True, env=env)
    assert check.returncode == 1 and "nope" in check.stdout
    again = subprocess.run(plain, input="q\n", capture_output=True, text=True, env=env)
    assert again.returncode == 1 and "nope" in again.stderr
