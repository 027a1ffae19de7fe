"""Loading question files: every problem reported at once, at the right line, with a fix hint."""

import shutil
from pathlib import Path

import pytest

from quiz.storage.bank_files import load_bank
from tests.conftest import MINI, edit, line_of


@pytest.fixture
def bank_copy(tmp_path) -> Path:
    """A writable copy of the mini bank."""
    target = tmp_path / "bank"
    shutil.copytree(MINI, target)
    return target


def messages(result) -> list[str]:
    return [str(p) for p in result.errors]


def test_mini_bank_loads_with_quotes_anchored(mini):
    assert list(mini.questions) == ["letter-puppet", "reply-all-apply", "letter-unsupported", "pair-everyone"]
    span = mini.spans["letter-puppet"][0]
    text = mini.texts["letter"]
    assert text[span.start:span.end] == "The mayor, a puppet of the builders, says all is well."
    assert span.line == 3


def test_answer_not_among_options_points_at_answer_line_with_hint(bank_copy):
    questions = bank_copy / "questions.toml"
    edit(questions, 'answer = "name_calling"', 'answer = "name_caling"')
    result = load_bank([bank_copy])
    assert result.bank is None
    line = line_of(questions, 'answer = "name_caling"')
    assert any(m.startswith(f"{questions}:{line}: error: answer 'name_caling' is not among the options")
               and "did you mean 'name_calling'?" in m for m in messages(result)), messages(result)


def test_every_problem_is_reported_at_once(bank_copy):
    questions = bank_copy / "questions.toml"
    edit(questions, '"name_calling", "bandwagon"', '"name_calling", "bandwagn"')
    edit(questions, "difficulty = 2", "difficulty = 7")
    edit(questions, 'quote = "The bridge is the finest in the region."',
         'quote = "The bridge is the finest in the regoin."')
    result = load_bank([bank_copy])
    text = "\n".join(messages(result))
    assert "unknown technique 'bandwagn' (did you mean 'bandwagon'?)" in text
    assert "difficulty: input should be less than or equal to 3" in text
    assert "quote not found in sources/reply.txt" in text
    assert "the source has 'region.' where the quote has 'regoin.'" in text
    assert len(result.errors) >= 3


def test_quote_mismatch_names_closest_passage_and_the_difference_in_words(bank_copy):
    questions = bank_copy / "questions.toml"
    edit(questions, "The mayor, a puppet of the builders, says all is well.\"\nprompt",
         "The mayor, a puppet of the builder, says all is well.\"\nprompt")
    result = load_bank([bank_copy])
    (problem,) = [p for p in result.errors if "quote" in p.message]
    assert problem.line == line_of(questions, "a puppet of the builder,")
    assert problem.hint == ("the closest passage (source line 3) is 'The mayor, a puppet of the builders, "
                            "says all is well.': the source has 'builders,' where the quote has 'builder,'")


def test_straight_quote_where_source_has_curly_is_explained(tmp_path):
    (tmp_path / "s.txt").write_text("He said “no” twice.\n", encoding="utf-8")
    (tmp_path / "bank.toml").write_text(
        '[[source]]\nid = "s"\nfile = "s.txt"\ntitle = "T"\noutlet = "O"\n\n'
        '[[question]]\nid = "q"\nkind = "technique"\nsource = "s"\nquote = \'He said "no" twice.\'\n'
        'prompt = "P"\noptions = ["doubt", "bandwagon", "repetition"]\nanswer = "repetition"\n'
        'explanation = "' + "word " * 25 + '"\ndifficulty = 1\n'
        '[question.feedback]\ndoubt = "x"\nbandwagon = "y"\n', encoding="utf-8")
    result = load_bank([tmp_path / "bank.toml"])
    (problem,) = result.errors
    assert problem.line == 11
    assert ("the source has a curly opening quote (“) in '“no”' where the quote has a straight double "
            "quote (\")") in problem.hint


def test_duplicate_id_across_files_names_the_first(bank_copy):
    extra = bank_copy / "zz-more.toml"
    extra.write_text((bank_copy / "questions.toml").read_text(encoding="utf-8"), encoding="utf-8")
    result = load_bank([bank_copy])
    duplicates = [p for p in result.errors if "duplicate question id 'letter-puppet'" in p.message]
    assert len(duplicates) == 1
    assert duplicates[0].file == extra and duplicates[0].line == 4
    assert "first defined at" in duplicates[0].hint and "questions.toml:4" in duplicates[0].hint


def test_missing_feedback_for_a_wrong_option(bank_copy):
    questions = bank_copy / "questions.toml"
    edit(questions, 'bandwagon = "Nothing here claims that everyone agrees; the sentence labels one person."\n', "")
    result = load_bank([bank_copy])
    assert any("wrong option 'bandwagon' has no feedback" in m and "under [question.feedback]" in m
               for m in messages(result))


def test_unknown_field_suggests_the_real_one(bank_copy):
    questions = bank_copy / "questions.toml"
    edit(questions, 'prompt = "Which sentence', 'promt = "Which sentence')
    result = load_bank([bank_copy])
    line = line_of(questions, "promt =")
    text = "\n".join(messages(result))
    assert f":{line}: error: unknown field 'promt' (did you mean 'prompt'?)" in text
    assert "missing field 'prompt'" not in text, "the misspelling is the root: the field is not also missing"


def test_toml_syntax_error_has_the_line(bank_copy):
    questions = bank_copy / "questions.toml"
    edit(questions, 'difficulty = 3', 'difficulty = = 3')
    result = load_bank([bank_copy])
    (problem,) = result.errors
    assert problem.line == line_of(questions, "difficulty = = 3")
    assert problem.message.startswith("TOML syntax:")


def test_missing_and_unknown_kind(bank_copy):
    questions = bank_copy / "questions.toml"
    edit(questions, 'kind = "technique"\n', "")
    edit(questions, 'kind = "pair"', 'kind = "pairs"')
    text = "\n".join(messages(load_bank([bank_copy])))
    assert "missing field 'kind' (add kind = one of" in text
    assert "unknown kind 'pairs' (did you mean 'pair'?)" in text


def test_a_kind_that_is_not_text_is_a_problem_with_its_line_not_a_crash(bank_copy):
    """A list or a table where the kind's name belongs (hypothesis found `kind = []` raising TypeError)."""
    questions = bank_copy / "questions.toml"
    edit(questions, 'kind = "technique"', 'kind = []')
    edit(questions, 'kind = "pair"', 'kind = { name = "pair" }')
    result = load_bank([bank_copy])
    kinds = [p for p in result.errors if p.message.startswith("unknown kind")]
    assert [p.line for p in kinds] == [line_of(questions, "kind = []"), line_of(questions, "kind = { name")]


def test_an_answer_past_guessing_before_a_right_one_is_a_problem_not_a_crash(bank_copy):
    """All that apply, the first answer like no option and the next one right (hypothesis found this
    raising AttributeError: the right options, once unknown, were still added to)."""
    questions = bank_copy / "questions.toml"
    edit(questions, 'answers = ["doubt", "ad_hominem"]', 'answers = ["zzzz", "ad_hominem"]')
    result = load_bank([bank_copy])
    (problem,) = [p for p in result.errors if "'zzzz'" in p.message]
    assert problem.message.startswith("answer 'zzzz' is not among the options")
    assert problem.line == line_of(questions, 'answers = ["zzzz"')


def test_source_outside_the_bank_folder_is_refused(bank_copy):
    edit(bank_copy / "sources.toml", 'file = "sources/letter.txt"', 'file = "../../../../etc/passwd"')
    result = load_bank([bank_copy])
    assert any("is outside the bank folder" in p.message for p in result.errors)


def test_control_characters_are_refused(bank_copy):
    edit(bank_copy / "questions.toml", 'prompt = "Which technique', 'prompt = "\\u001b[31mWhich technique')
    result = load_bank([bank_copy])
    assert any("contains an escape character (ESC, U+001B) at position 1" in p.message for p in result.errors)


def test_warnings_do_not_stop_loading(mini):
    result = load_bank([MINI])
    assert result.bank is not None
    assert any("is offered as an option in 3 questions but is never the right answer" in p.message
               for p in result.warnings)


def test_missing_path_is_a_problem_not_a_crash(tmp_path):
    result = load_bank([tmp_path / "nope"])
    assert result.bank is None
    assert "no such file or folder" in str(result.errors[0])


def test_bidirectional_overrides_and_quoted_numbers_are_refused(bank_copy):
    questions = bank_copy / "questions.toml"
    edit(questions, 'prompt = "Which technique', 'prompt = "\\u202eWhich technique')
    edit(questions, "difficulty = 3", 'difficulty = "3"')
    text = "\n".join(messages(load_bank([bank_copy])))
    assert "a bidirectional control character (U+202E)" in text
    line = line_of(questions, 'difficulty = "3"')
    assert f":{line}: error: difficulty:" in text
