"""`quiz export --format gift`: Moodle GIFT whose escaping and weights hold, read back by an independent
parser (gift-pegjs, run with Node) as the same questions, answers, weights and feedback."""

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from quiz.domain.bank import Bank
from quiz.domain.models import Question, Source, Technique
from quiz.domain.scoring import score, score_multiple
from quiz.export.gift import (
    ALLOWED_WEIGHTS, all_that_apply_weights, dumps, escape, format_weight, gift_text, option_order,
)
from tests.conftest import MINI

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / ".ci" / "node" / "node_modules"
PARSER = Path(__file__).parent / "gift_parse.js"
INSTALL = "npm install --prefix .ci/node gift-pegjs@1"

NASTY = "a~b=c#d{e}f:g\\h \\n //x\n\nnext ####"
"""Every GIFT special character, a literal backslash-n, a comment marker and a blank line."""


# --- escaping -------------------------------------------------------------------------------------

def test_escape_backslashes_every_special_character_and_writes_line_breaks_as_backslash_n():
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert escape("one\ntwo") == escape("one\r\ntwo") == "one\\ntwo"
    assert escape("\\n") == "\\\\n"  # a literal backslash-n stays literal, not a line break
    assert escape("Plain – text, [bold] “quoted”!") == "Plain – text, [bold] “quoted”!"


def test_a_text_starting_with_a_bracket_gets_its_own_plain_marker():
    assert gift_text("[html]<b>x</b>") == "[plain][html]<b>x</b>"
    assert gift_text("  Nothing to guard  ") == "Nothing to guard"


# --- weights --------------------------------------------------------------------------------------

def moodle_grade(weights) -> float:
    """How Moodle grades a multiple-answer question: the ticked weights summed, kept in 0..100%."""
    return min(1.0, max(0.0, sum(weights) / 100))


@pytest.mark.parametrize("right, wrong", itertools.product(range(2, 6), range(1, 5)))
def test_moodle_marks_every_answer_as_the_quiz_does(right, wrong):
    per_right, per_wrong = all_that_apply_weights(right, wrong)
    assert abs(per_right) in ALLOWED_WEIGHTS and abs(per_wrong) in ALLOWED_WEIGHTS
    options = [f"r{i}" for i in range(right)] + [f"w{i}" for i in range(wrong)]
    weight = {key: per_right if key.startswith("r") else per_wrong for key in options}
    for size in range(len(options) + 1):
        for ticked in itertools.combinations(options, size):
            expected = score_multiple(options[:right], options, ticked)
            assert moodle_grade(weight[k] for k in ticked) == pytest.approx(expected, abs=1e-6), ticked


def test_right_options_share_full_marks_and_ticking_everything_never_pays():
    for right, wrong in itertools.product(range(1, 11), range(1, 16)):  # beyond what a bank allows
        per_right, per_wrong = all_that_apply_weights(right, wrong)
        assert right * per_right == pytest.approx(100, abs=1e-3), (right, wrong)
        assert right * per_right + wrong * per_wrong <= 1e-4, (right, wrong)
        assert abs(per_wrong) in ALLOWED_WEIGHTS


def test_weights_are_written_as_gift_expects():
    assert [format_weight(w) for w in (50, -33.33333, 12.5, -100)] == ["50", "-33.33333", "12.5", "-100"]


# --- the file's shape, without a parser -----------------------------------------------------------

def nasty_bank() -> Bank:
    """Two invented sources and one question of each kind, with NASTY in every text field."""
    techniques = {f"t{i}": Technique(id=f"t{i}", name=f"[markdown] T{i} {NASTY}", definition=NASTY,
                                     hint=NASTY) for i in range(1, 5)}
    sources = {s: Source(id=s, file=f"{s}.txt", title=NASTY, outlet=f"{s.upper()} {NASTY}", kind=NASTY,
                         author=NASTY) for s in ("one", "two")}
    common = {"prompt": f"[html] {NASTY}", "explanation": NASTY, "difficulty": 1}
    wrong_feedback = {"t3": NASTY, "t4": NASTY}
    raw = [
        {"kind": "technique", "id": "single", "source": "one", "quote": NASTY, "answer": "t1",
         "options": ["t1", "t3", "t4"], "feedback": wrong_feedback, **common},
        {"kind": "techniques", "id": "several", "source": "one", "quote": NASTY, "answers": ["t1", "t2"],
         "options": ["t1", "t2", "t3", "t4"], "feedback": wrong_feedback, **common},
        {"kind": "unsupported", "id": "bare", "source": "two", "answer": "s2", **common,
         "sentences": [{"key": f"s{i}", "quote": f"[html] {i} {NASTY}", "feedback": NASTY}
                       for i in (1, 2, 3)]},
        {"kind": "pair", "id": "both", "passages": [{"source": "one", "quote": NASTY},
                                                    {"source": "two", "quote": NASTY}],
         "answer": "t1", "options": ["t1", "t3", "t4"], "feedback": wrong_feedback, **common},
    ]
    questions = {q["id"]: TypeAdapter(Question).validate_python(q) for q in raw}
    return Bank(techniques=techniques, sources=sources, texts={"one": NASTY, "two": NASTY},
                questions=questions)


TEXT = r"(?:\\[\\~=#{}:n]|[^\\~=#{}:\n])*"
"""A GIFT text field: escape sequences and characters that are not special."""
QUESTION = re.compile(
    rf"::[a-z0-9_-]+::\[plain\]{TEXT} \{{\n"
    rf"(?:(?:=|~|~%-?\d+(?:\.\d+)?%){TEXT}(?:#{TEXT})?\n)+"
    rf"####{TEXT}\n}}"
)


def test_every_text_field_is_escaped_so_each_block_is_one_well_formed_question():
    bank = nasty_bank()
    blocks = dumps(bank).removesuffix("\n").split("\n\n")
    questions = [b for b in blocks if b.startswith("::")]
    assert len(questions) == len(bank.questions)
    for block in questions:
        assert QUESTION.fullmatch(block), block
    categories = [b.splitlines()[-1] for b in blocks if not b.startswith("::")]
    nasty_path = " ".join(NASTY.split()).replace("/", "//")  # Moodle's path syntax for a slash in a name
    assert categories == [f"$CATEGORY: media-literacy-quiz/ONE {nasty_path}",
                          f"$CATEGORY: media-literacy-quiz/TWO {nasty_path}",
                          "$CATEGORY: media-literacy-quiz/Both sides"]


def test_articles_sharing_an_outlet_get_a_category_each(mini):
    sources = {k: s.model_copy(update={"outlet": "Same / Outlet"}) for k, s in mini.sources.items()}
    same_outlet = Bank(mini.techniques, sources, mini.texts, mini.questions, mini.spans)
    lines = [line for line in dumps(same_outlet).splitlines() if line.startswith("$CATEGORY:")]
    assert lines == ["$CATEGORY: media-literacy-quiz/letter", "$CATEGORY: media-literacy-quiz/reply",
                     "$CATEGORY: media-literacy-quiz/Both sides"]
    one_outlet = Bank(mini.techniques, {"letter": sources["letter"]}, mini.texts,
                      {k: q for k, q in mini.questions.items() if q.kind != "pair" and q.source == "letter"})
    assert "$CATEGORY: media-literacy-quiz/Same // Outlet\n" in dumps(one_outlet)


# --- the order of options -------------------------------------------------------------------------

def answer_first_bank(count: int) -> Bank:
    """`count` invented four-option questions, each written with its answer first, as authors tend to."""
    techniques = {f"t{i}": Technique(id=f"t{i}", name=f"T{i}", definition="d", hint="h") for i in range(4)}
    source = Source(id="one", file="one.txt", title="One", outlet="One")
    questions = {
        f"q{n}": TypeAdapter(Question).validate_python({
            "kind": "technique", "id": f"q{n}", "source": "one", "quote": "q", "prompt": "p",
            "explanation": "e", "difficulty": 1, "options": ["t0", "t1", "t2", "t3"], "answer": "t0",
            "feedback": {"t1": "no", "t2": "no", "t3": "no"}})
        for n in range(count)}
    return Bank(techniques=techniques, sources={"one": source}, texts={"one": "q"}, questions=questions)


def exported_answer_positions(bank: Bank) -> list[int]:
    """Where the right option sits among each single-answer question's options in the GIFT file."""
    positions = []
    for block in dumps(bank).split("\n\n"):
        marks = [line[0] for line in block.splitlines()[1:-2]] if block.startswith("::") else []
        if marks and "%" not in block.splitlines()[1]:
            positions.append(marks.index("="))
    return positions


def test_the_answer_is_not_exported_first_every_time_but_spread_over_every_place():
    positions = exported_answer_positions(answer_first_bank(400))
    assert len(positions) == 400
    shares = [positions.count(place) / 400 for place in range(4)]
    # An even spread gives 25% each; 400 fair draws land within 18%-32% with near certainty.
    assert all(0.18 <= share <= 0.32 for share in shares), shares


def test_the_bundled_banks_answers_sit_in_every_place_in_the_export(bundled):
    positions = exported_answer_positions(bundled)
    singles = [q for q in bundled.questions.values() if not q.multiple and not q.marks_words]
    assert len(positions) == len(singles)
    assert set(positions) == {0, 1, 2, 3}
    assert max(positions.count(place) for place in set(positions)) / len(positions) <= 0.4


def test_each_question_keeps_its_own_order_whatever_else_is_in_the_bank():
    bank = answer_first_bank(30)
    for question in bank.questions.values():
        assert sorted(option_order(question)) == sorted(question.option_keys())
        assert option_order(question) == option_order(question.model_copy())
    alone = Bank(bank.techniques, bank.sources, bank.texts, {"q7": bank.questions["q7"]})
    assert dumps(alone).split("\n\n")[1] in dumps(bank)
    assert len({tuple(option_order(q)) for q in bank.questions.values()}) > 1


# --- read back by gift-pegjs ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def gift_parse():
    """Parse GIFT with gift-pegjs; skip when Node or the package is not installed."""
    node = shutil.which("node")
    if node is None:
        pytest.skip(f"node is not installed: this test needs Node.js and gift-pegjs ({INSTALL})")
    env = {**os.environ,
           "NODE_PATH": os.pathsep.join(filter(None, [str(NODE_MODULES), os.environ.get("NODE_PATH")]))}
    probe = subprocess.run([node, "-e", "require.resolve('gift-pegjs')"], env=env, capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"gift-pegjs is not installed in .ci/node: to run this test, {INSTALL}")

    def parse(text: str) -> list[dict]:
        done = subprocess.run([node, str(PARSER)], input=text, env=env, capture_output=True,
                              encoding="utf-8", timeout=60)
        assert done.returncode == 0, f"gift-pegjs rejected the export: {done.stderr}"
        return json.loads(done.stdout)

    return parse


def same(parsed: str) -> str:
    """Text as gift-pegjs returns it: runs of spaces fold into one (Moodle keeps them)."""
    return re.sub(r"[ \t]{2,}", " ", parsed).strip()


def by_category(parsed: list[dict]) -> list[tuple[str, dict]]:
    """(category, question) for each parsed question, in file order."""
    out, category = [], None
    for item in parsed:
        if item["type"] == "Category":
            category = item["title"]
        else:
            out.append((category, item))
    return out


@pytest.mark.parametrize("bank_name", ["bundled", "mini"])
def test_gift_pegjs_reads_back_every_question_answer_weight_and_feedback(bank_name, request, gift_parse):
    bank = request.getfixturevalue(bank_name)
    parsed = by_category(gift_parse(dumps(bank)))
    assert sorted(q["title"] for _, q in parsed) == sorted(q.id for q in bank.questions.values()
                                                           if not q.marks_words)  # GIFT leaves find out
    for category, item in parsed:
        question = bank.questions[item["title"]]
        where = ("Both sides" if question.kind == "pair" else bank.sources[question.source].outlet)
        assert category == f"media-literacy-quiz/{where}", question.id
        assert item["type"] == "MC" and item["stem"]["format"] == "plain"
        stem = item["stem"]["text"]
        assert stem.endswith(same(question.prompt))
        for passage in question.quotes() if question.kind != "unsupported" else []:
            assert same(passage.quote) in stem, question.id
        assert all(same(bank.sources[s].outlet) in stem for s in question.source_ids())
        assert item["globalFeedback"]["text"] == same(question.explanation)

        keys = option_order(question)
        choices = item["choices"]
        assert [c["text"]["text"] for c in choices] == [same(bank.label(question, k)) for k in keys]
        for key, choice in zip(keys, choices):
            wanted = question.feedback_for(key) or ("Right." if key in question.correct() else None)
            assert choice["feedback"]["text"] == same(wanted), (question.id, key)
        if question.multiple:
            weights = {key: c["weight"] for key, c in zip(keys, choices)}
            assert {k for k, w in weights.items() if w > 0} == question.correct(), question.id
            assert all(abs(w) in ALLOWED_WEIGHTS for w in weights.values())
            for size in range(len(keys) + 1):
                for ticked in itertools.combinations(keys, size):
                    assert moodle_grade(weights[k] for k in ticked) == pytest.approx(
                        score(question, ticked), abs=1e-6), (question.id, ticked)
        else:
            assert [c["isCorrect"] for c in choices] == [k in question.correct() for k in keys]


def test_gift_pegjs_reads_every_special_character_back_literally(gift_parse):
    bank = nasty_bank()
    parsed = by_category(gift_parse(dumps(bank)))
    assert [q["title"] for _, q in parsed] == list(bank.questions)
    nasty = same(NASTY)
    for category, item in parsed:
        question = bank.questions[item["title"]]
        assert category.startswith("media-literacy-quiz/")
        assert item["stem"]["text"].endswith(f"[html] {nasty}")  # a prompt's leading [html] stays text
        assert item["globalFeedback"]["text"] == nasty
        for key, choice in zip(option_order(question), item["choices"]):
            assert choice["text"]["text"] == same(bank.label(question, key))
            if key not in question.correct():
                assert choice["feedback"]["text"] == nasty
        if question.kind != "unsupported":
            assert item["stem"]["text"].count(f"“{nasty}”") == len(question.quotes())


# --- the command ----------------------------------------------------------------------------------

def test_command_writes_the_gift_file_without_loading_textual(tmp_path, mini):
    out = tmp_path / "mini.gift"
    code = ("import sys\nfrom quiz.cli import main\n"
            f"status = main(['export', '--format', 'gift', {str(MINI)!r}, '--out', {str(out)!r}])\n"
            "print(status, 'textual' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.stdout.split() == ["0", "False"], done.stderr
    assert out.read_text(encoding="utf-8") == dumps(mini)


def test_command_says_when_it_cannot_write_the_file(tmp_path):
    done = subprocess.run([sys.executable, "-m", "quiz", "export", "--format", "gift", str(MINI),
                           "--out", str(tmp_path / "missing" / "bank.gift")], capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert "Cannot write" in done.stderr and "Traceback" not in done.stderr


def test_find_questions_are_left_out_and_named_on_standard_error(tmp_path, mini_more):
    from tests.conftest import MORE

    out = tmp_path / "bank.gift"
    done = subprocess.run([sys.executable, "-m", "quiz", "export", "--format", "gift", str(MINI), str(MORE),
                           "--out", str(out)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "skipped letter-find-label: GIFT has no question where the learner marks words" in done.stderr
    gift = out.read_text(encoding="utf-8")
    assert "::letter-find-label::" not in gift and "::reply-source-kind::" in gift
    assert gift.startswith(f"// media-literacy-quiz: {len(mini_more.questions) - 1} questions.")
