"""`quiz check` reports every independent problem in one run, and only the root of a chain of them."""

from pathlib import Path

import pytest

from quiz.domain.rules import technique_use_finding
from quiz.locations import bundled_bank
from quiz.storage.bank_files import load_bank
from tests.conftest import BUNDLED_TECHNIQUES, MINI, edit, line_of
from tests.conftest import quiz_check as check


@pytest.fixture
def bank(mini_copy) -> Path:
    return mini_copy


def problems(bank: Path) -> list[str]:
    """Each error as printed, with the file relative to the working folder (the mini bank's own
    warnings, on techniques it offers but never answers, are left out)."""
    return [str(p) for p in load_bank([bank]).errors]


def test_a_duplicate_id_and_a_technique_typo_come_with_the_other_errors_of_the_question(bank):
    """A field of the wrong type no longer hides the rest: the question is checked on what can be read."""
    questions = bank / "questions.toml"
    edit(questions, 'id = "reply-all-apply"', 'id = "letter-puppet"')
    edit(questions, '"ad_hominem", "appeal_to_fear"', '"ad_hominem", "apeal_to_fear"')
    edit(questions, "difficulty = 2\n\n[question.feedback]\nappeal", 'difficulty = "2"\n\n[question.feedback]\nappeal')
    assert problems(bank) == [
        f"bank/questions.toml:{line_of(questions, 'letter-puppet', 2)}: error: duplicate question id "
        "'letter-puppet' (first defined at bank/questions.toml:4; rename one)",
        f"bank/questions.toml:{line_of(questions, 'apeal_to_fear')}: error: unknown technique "
        "'apeal_to_fear' (did you mean 'appeal_to_fear'?)",
        f"bank/questions.toml:{line_of(questions, 'difficulty = ' + chr(34))}: error: difficulty: input should be a "
        "valid integer (write a whole number without quotes, like 2)",
    ]


def test_a_misspelt_option_is_the_only_problem_not_its_feedback(bank):
    questions = bank / "questions.toml"
    edit(questions, '["name_calling", "bandwagon", "appeal_to_fear"]', '["name_calling", "bandwagon", "apeal_to_fear"]')
    assert problems(bank) == [f"bank/questions.toml:{line_of(questions, 'apeal_to_fear')}: error: unknown "
                              "technique 'apeal_to_fear' (did you mean 'appeal_to_fear'?)"]


def test_an_answer_spelt_right_among_misspelt_options_blames_the_option(bank):
    questions = bank / "questions.toml"
    edit(questions, '["name_calling", "bandwagon", "appeal_to_fear"]', '["nam_calling", "bandwagon", "appeal_to_fear"]')
    assert problems(bank) == [f"bank/questions.toml:{line_of(questions, 'nam_calling')}: error: unknown "
                              "technique 'nam_calling' (did you mean 'name_calling'?)"]


def test_a_misspelt_answer_does_not_ask_feedback_for_the_intended_one(bank):
    questions = bank / "questions.toml"
    edit(questions, 'answer = "name_calling"', 'answer = "name_caling"')
    edit(questions, 'answer = "collapse"', 'answer = "colapse"')
    assert problems(bank) == [
        f"bank/questions.toml:{line_of(questions, 'name_caling')}: error: answer 'name_caling' is not among "
        "the options (did you mean 'name_calling'?)",
        f"bank/questions.toml:{line_of(questions, 'colapse')}: error: answer 'colapse' is not among the "
        "sentence keys (did you mean 'collapse'?)",
    ]


def test_a_misspelt_feedback_key_is_one_problem(bank):
    questions = bank / "questions.toml"
    edit(questions, 'bandwagon = "Nothing here claims', 'bandwaggon = "Nothing here claims')
    assert problems(bank) == [f"bank/questions.toml:{line_of(questions, 'bandwaggon')}: error: feedback for "
                              "'bandwaggon', which is not an option (did you mean 'bandwagon'?)"]


def test_answer_as_a_list_on_an_all_that_apply_question_says_to_use_answers(bank):
    questions = bank / "questions.toml"
    edit(questions, 'answers = ["doubt", "ad_hominem"]', 'answer = ["doubt", "ad_hominem"]')
    (problem,) = problems(bank)
    assert problem == (f"bank/questions.toml:{line_of(questions, 'answer = [')}: error: an all-that-apply "
                       'question lists its right options as answers = [...], not answer (write answers = '
                       '["...", "..."] (two or more options))')


def test_answers_on_a_single_answer_question_says_so(bank):
    questions = bank / "questions.toml"
    edit(questions, 'answer = "name_calling"', 'answers = ["name_calling"]')
    (problem,) = problems(bank)
    assert "a 'technique' question has one right option: answer = \"...\", not answers" in problem


def test_a_field_of_another_kind_is_named_as_such(bank):
    questions = bank / "questions.toml"
    edit(questions, 'kind = "pair"\n', 'kind = "pair"\nsource = "letter"\n')
    (problem,) = problems(bank)
    assert "error: a 'pair' question has no 'source' (each [[question.passages]] names its own)" in problem


def test_feedback_that_is_not_text_gets_a_precise_message(bank):
    questions = bank / "questions.toml"
    edit(questions, 'doubt = "Neither passage', 'doubt = 3\nx = "Neither passage')
    found = problems(bank)
    assert (f"bank/questions.toml:{line_of(questions, 'doubt = 3')}: error: feedback for 'doubt' must be "
            'text (write doubt = "why it does not fit this passage")') in found
    assert not any("double quotes" in p for p in found)


def test_a_field_written_after_the_feedback_table_is_reported_where_it_is_and_read_where_it_was_meant(bank):
    """In TOML, `difficulty = ...` after [question.feedback] belongs to the feedback table."""
    questions = bank / "questions.toml"
    edit(questions, 'difficulty = 1\n\n[question.feedback]\nbandwagon = "Nothing here claims that everyone '
                    'agrees; the sentence labels one person."\n',
         '\n[question.feedback]\nbandwagon = "Nothing here claims that everyone agrees; the sentence labels '
         'one person."\ndifficulty = "1"\n')
    line = line_of(questions, 'difficulty = "1"')
    assert problems(bank) == [
        f"bank/questions.toml:{line}: error: 'difficulty' is read as part of [question.feedback], because "
        "it comes after that header (move the line above the question's first sub-table "
        "([question.feedback]): a question's own fields come first)",
        f"bank/questions.toml:{line}: error: difficulty: input should be a valid integer (write a whole "
        "number without quotes, like 2)",
    ]


def test_a_field_written_after_the_last_sentence_is_reported_as_misplaced(bank):
    questions = bank / "questions.toml"
    explanation = ('explanation = "The collapse by winter is stated as certain, with no engineer, report or '
                   'figure behind it; the cracks come from a named survey. Ask: who predicts the collapse, '
                   'and on what evidence?"\n')
    edit(questions, explanation, "")
    edit(questions, 'feedback = "Attributed: it reports what the mayor says, however rudely it labels him."\n',
         'feedback = "Attributed: it reports what the mayor says, however rudely it labels him."\n' + explanation)
    assert problems(bank) == [
        f"bank/questions.toml:{line_of(questions, 'explanation = ' + chr(34) + 'The collapse')}: error: "
        "'explanation' is "
        "read as part of [[question.sentences]], because it comes after that header (move the line above "
        "the question's first sub-table ([[question.sentences]]): a question's own fields come first)"]


def test_a_mistyped_source_id_is_one_error_not_a_bank_out_of_balance(bank):
    questions = bank / "questions.toml"
    edit(questions, 'source = "letter"', 'source = "leter"')
    code, out = check("bank")
    assert out.splitlines() == [
        f"bank/questions.toml:{line_of(questions, 'leter')}: error: unknown source 'leter' (did you mean "
        "'letter'?)",
        "note: not checked yet: reused quotes, balance between sources and how often each technique is the "
        "answer: checked once there are no errors",
        "bank: 1 error, 0 warnings",
    ]
    assert code == 1


def test_a_quote_from_the_other_article_says_which(bank):
    questions = bank / "questions.toml"
    edit(questions, 'source = "letter"\nquote = "The mayor', 'source = "reply"\nquote = "The mayor')
    (problem,) = problems(bank)
    assert problem.endswith("error: quote not found in sources/reply.txt (it is in 'letter' "
                            "(sources/letter.txt), not in 'reply': should source be \"letter\"?)")


def test_a_syntax_error_costs_only_its_table(bank):
    """The broken question is lost; the file's other questions and the other files are still checked,
    and a source the broken table defines is not reported as unknown by the questions using it."""
    questions, sources = bank / "questions.toml", bank / "sources.toml"
    edit(questions, 'prompt = "Both texts use', 'prompt = "Both texts use" same')
    edit(questions, 'answer = "name_calling"', 'answer = "name_caling"')
    edit(sources, 'title = "The council replies"', 'title = "The council replies')
    assert problems(bank) == [
        f"bank/questions.toml:{line_of(questions, 'name_caling')}: error: answer 'name_caling' is not among "
        "the options (did you mean 'name_calling'?)",
        f"bank/questions.toml:{line_of(questions, 'Both texts use')}: error: TOML syntax: expected newline "
        "or end of document after a statement (check quotes, brackets and '=' on this line)",
        f"bank/sources.toml:{line_of(sources, 'The council replies')}: error: TOML syntax: illegal character "
        "'\\n' (a text in double quotes must end on its line: close it with \", or write text over several "
        'lines between """ and """)',
    ]


def test_a_syntax_error_in_one_file_does_not_hide_another_files_problems(bank):
    (bank / "more.toml").write_text("[[question]\nid = 1\n", encoding="utf-8")
    edit(bank / "questions.toml", 'answer = "name_calling"', 'answer = "name_caling"')
    found = "\n".join(problems(bank))
    assert "bank/more.toml:1: error: TOML syntax" in found
    assert "answer 'name_caling' is not among the options" in found


def one_article(bank: Path) -> Path:
    """The mini bank cut down to the letter and the first question on it."""
    (bank / "sources.toml").write_text(
        (MINI / "sources.toml").read_text(encoding="utf-8").split("[[source]]\nid = \"reply\"")[0])
    questions = bank / "questions.toml"
    questions.write_text(questions.read_text(encoding="utf-8").split("[[question]]\nid = \"reply-all-apply\"")[0])
    return questions


def test_one_is_singular_in_the_summary(bank):
    questions = one_article(bank)
    code, out = check("bank")
    assert out.splitlines()[-1] == (f"bank: 1 question on 1 source, {BUNDLED_TECHNIQUES} techniques: 0 errors, "
                                    "0 warnings")
    edit(questions, 'answer = "name_calling"', 'answer = "name_caling"')
    code, out = check("bank")
    assert out.splitlines()[-1] == "bank: 1 error, 0 warnings"


def test_a_bank_of_one_article_and_a_few_questions_can_pass_strict(bank):
    """--strict makes sense for a teacher's first bank: one article, a handful of questions, each
    distractor offered once."""
    questions = one_article(bank)
    unsupported = (MINI / "questions.toml").read_text(encoding="utf-8").split("[[question]]")[3]
    questions.write_text(questions.read_text(encoding="utf-8") + "[[question]]" + unsupported)
    code, out = check("--strict", "bank")
    assert (code, out) == (0, f"bank: 2 questions on 1 source, {BUNDLED_TECHNIQUES} techniques: 0 errors, 0 warnings\n")


@pytest.mark.parametrize(
    ("offered", "answered", "questions", "expected"),
    [
        (1, 0, 7, None),
        (2, 0, 7, "technique 'x' is offered as an option in 2 questions but is never the right answer"),
        (2, 1, 7, None),
        (1, 0, 20, "technique 'x' is offered as an option in 1 question but is never the right answer"),
        (9, 1, 87, "technique 'x' is offered as an option in 9 questions but is the right answer of only "
                   "1 question"),
        (9, 2, 87, None),
    ],
)
def test_how_often_a_technique_must_be_right_scales_with_the_bank(offered, answered, questions, expected):
    assert technique_use_finding("x", offered, answered, questions) == expected


def test_warnings_never_point_into_the_installed_package(bank):
    installed = str(bundled_bank().resolve())
    for problem in load_bank([bank]).problems:
        assert not str(problem.file.resolve()).startswith(installed), problem


def test_balance_allows_the_nearest_even_split_of_a_small_count(tmp_path):
    from quiz.domain.rules import check_balance

    class Q:
        def __init__(self, source):
            self.kind, self.source, self.quote = "technique", source, "q"

        def source_ids(self):
            return [self.source]

    three = [Q("a"), Q("a"), Q("b")]
    assert check_balance(three, ["a", "b"]) == [], "2 to 1 is as even as three questions allow"
    four = three + [Q("a")]
    first = check_balance(four, ["a", "b"])[0]
    assert first.message == "source 'a' has 75% of the bank (its passages in 3 of 4 questions)"
    assert first.hint == "aim for as even a split as 4 questions allow"
    assert check_balance(three, ["a"]) == [], "one article: nothing to balance"
