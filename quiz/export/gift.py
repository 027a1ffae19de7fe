"""The bank as Moodle GIFT, so a teacher can import the questions into a Moodle course.

Layout: one `$CATEGORY: media-literacy-quiz/<outlet>` per article, holding the questions on that article,
then `media-literacy-quiz/Both sides` for the pair questions. Each question is titled `::id::`; its text is
who is speaking, the quoted passage(s) and the prompt; its options carry per-answer feedback (`#`) and the
explanation is the general feedback (`####`).

Text format: every question is marked `[plain]`, and Moodle gives its answers and feedback the same
format. The texts are verbatim quotes and plain prose, not markup: in GIFT's default `[moodle]` format
Moodle would read `<`, `&` or a pasted tag as HTML, so a quote would need HTML escaping on top of GIFT
escaping and would still be at the mercy of Moodle's auto-linking. `[plain]` shows every character as
written, which is what a quiz about exact wording needs; line breaks are kept (as GIFT's `\\n`).

Escaping: in every text field the GIFT specials `~ = # { } :` get a backslash, a backslash is doubled and
a line break becomes `\\n`, exactly as Moodle's own GIFT export writes them. So no text can end a field,
start an answer, or put a blank line (a question break) or a `//` comment line inside a question. A text
that starts with `[` gets its own `[plain]` marker first, because GIFT reads a leading `[html]` (or any
format name in brackets) as a format switch, and no backslash escape exists for it.

Category lines are not unescaped by Moodle, so outlets are written there as they are, with `/` doubled
(Moodle's path syntax for a slash inside a category name) and line breaks folded into spaces.

Option order: Moodle shows a question's answers in the file's order unless the teacher's quiz is set to
shuffle them, so the export lists each question's options in a fixed shuffle of its own (see
`option_order`): where the right answer sits teaches nothing, and exporting again gives the same file.
"""

import random

from quiz.domain.bank import Bank
from quiz.domain.models import KINDS, Question, Source

ROOT_CATEGORY = "media-literacy-quiz"

ALLOWED_WEIGHTS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                   14.28571, 12.5, 11.11111, 10, 5)
"""Answer weights (percent) that Moodle accepts on import, without sign; their negatives are allowed too."""

_ROUNDING = 1e-4
"""How far a sum of allowed weights may miss its target and still count as reaching it: each weight is
rounded to 5 decimals, so 3 x 33.33333 falls 0.00001 short of 100. Far below any grade Moodle shows."""

_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\~=#{}:"}, "\n": "\\n", "\r": ""})


def escape(text: str) -> str:
    """`text` with every GIFT special character escaped and line breaks written as `\\n`. A carriage
    return (the loader refuses them anyway) is dropped, as Moodle's own exporter does: GIFT would take
    it for a line end."""
    return text.translate(_ESCAPES)


def gift_text(text: str) -> str:
    """A text field as GIFT: trimmed (GIFT trims fields anyway) and escaped, with its own `[plain]`
    marker when it starts with `[`, which GIFT would otherwise take for a format switch."""
    text = text.strip()
    return ("[plain]" if text.startswith("[") else "") + escape(text)


def nearest_weight(percent: float) -> float:
    """The allowed weight closest to `percent` (0 to 100)."""
    return min(ALLOWED_WEIGHTS, key=lambda weight: abs(weight - percent))


def all_that_apply_weights(right: int, wrong: int) -> tuple[float, float]:
    """The weights (percent) of each right and each wrong option of an all-that-apply question.

    Moodle grades a multiple-answer question as the sum of the weights of the options ticked, kept
    between 0 and 100%. Each right option gets 100/right, so ticking exactly the right ones scores 100%.
    Each wrong option gets -100/wrong, so a learner scores (hits/right - false alarms/wrong), floored
    at 0: the same rule as `quiz.domain.scoring.score_multiple`, so Moodle marks an answer as the
    terminal quiz does, and ticking everything scores 100% - 100% = 0: distrusting every option does
    not pay. Unticked options count nothing either way.

    Moodle only accepts the weights in ALLOWED_WEIGHTS. For the 2 to 5 right and 1 to 4 wrong options a
    checked bank allows, 100/n is one of them (to 5 decimals). Otherwise the right options take the
    nearest allowed weight, and the wrong ones the smallest allowed weight that still cancels all the
    right ones together (rounded away from zero, never towards it), so ticking everything never
    scores above 0. A checked bank gives every all-that-apply question at least one wrong option.
    """
    per_right = nearest_weight(100 / right)
    per_wrong = min(w for w in ALLOWED_WEIGHTS if w * wrong >= per_right * right - _ROUNDING)
    return per_right, -per_wrong


def format_weight(weight: float) -> str:
    """A weight as GIFT writes it between `%` signs: `50`, `-33.33333`."""
    return f"{weight:.5f}".rstrip("0").rstrip(".")


def category_name(bank: Bank, source: Source) -> str:
    """The article's category under the root: its outlet, or its id when another article shares it."""
    shared = sum(s.outlet == source.outlet for s in bank.sources.values()) > 1
    return source.id if shared else source.outlet


def category_line(name: str) -> str:
    """Moodle reads a category line raw (no GIFT escapes), to the end of the line, `/` separating levels."""
    path = " ".join(name.split()).replace("/", "//")
    return f"$CATEGORY: {ROOT_CATEGORY}/{path}"


def attribution(source: Source) -> str:
    """Which article a quote is from and who is speaking, worded as the terminal quiz words it."""
    who = (f" · Author: {source.author}" if source.author
           else f" · Speaker: {source.speaker}" if source.speaker else "")
    return f"{source.outlet} {source.kind}{who}"


def question_text(bank: Bank, question: Question) -> str:
    """Who is speaking and the quoted passage(s), then the prompt. For an `unsupported` question the
    sentences are the options, so only who is speaking comes before the prompt."""
    if question.kind == "unsupported":
        lead = [attribution(bank.sources[question.source])]
    else:
        lead = [f"{attribution(bank.sources[p.source])}\n“{p.quote}”" for p in question.quotes()]
    return "\n\n".join([*lead, question.prompt])


def option_order(question: Question) -> list[str]:
    """The question's option keys in the order the export lists them: shuffled by a generator seeded with
    the question's id (a string seed is hashed the same way on every run and platform).

    Authors often write the right answer first, and Moodle keeps the file's order unless the quiz
    shuffles; a learner who noticed would not need to read. Seeding by the id alone, not by the
    question's place in the bank, keeps each question's order the same when others are added or removed.
    """
    keys = question.option_keys()
    random.Random(f"gift-options:{question.id}").shuffle(keys)
    return keys


def answer_marks(question: Question) -> dict[str, str]:
    """What starts each option's line: `=`/`~` for single-answer kinds, a weighted `~%w%` for all
    that apply (Moodle then lets the learner tick several)."""
    keys, correct = question.option_keys(), question.correct()
    if not question.multiple:
        return {key: "=" if key in correct else "~" for key in keys}
    per_right, per_wrong = all_that_apply_weights(len(correct), len(keys) - len(correct))
    return {key: f"~%{format_weight(per_right if key in correct else per_wrong)}%" for key in keys}


def answer_lines(bank: Bank, question: Question) -> list[str]:
    """One line per option, in `option_order`, with its feedback.

    Wrong options carry the bank's feedback on why they do not fit; right ones a plain "Right." unless
    the bank has feedback for them, since the explanation follows anyway as general feedback.
    """
    lines, marks = [], answer_marks(question)
    for key in option_order(question):
        mark = marks[key]
        right = key in question.correct()
        feedback = question.feedback_for(key) or ("Right." if right else None)
        tail = f"#{gift_text(feedback)}" if feedback else ""
        lines.append(f"{mark}{gift_text(bank.label(question, key))}{tail}")
    return lines


def question_block(bank: Bank, question: Question) -> str:
    """One question, on lines that each start with GIFT syntax, never with bank text (a `//` there
    would make Moodle drop the line as a comment)."""
    return "\n".join([
        f"::{escape(question.id)}::[plain]{escape(question_text(bank, question).strip())} {{",
        *answer_lines(bank, question),
        f"####{gift_text(question.explanation)}",
        "}",
    ])


def skipped(bank: Bank) -> list[Question]:
    """Questions GIFT cannot express: "find it in the text" asks the learner to mark words, which no
    Moodle question type imported from GIFT does. They are left out, and the command names each."""
    return [q for q in bank.questions.values() if q.marks_words]


def categories(bank: Bank) -> list[tuple[str, list[Question]]]:
    """(category name, its questions) in bank order: each article that has questions, then the pairs."""
    by_source = [
        (category_name(bank, source),
         [q for q in bank.questions.values()
          if q.kind != "pair" and not q.marks_words and q.source == source.id])
        for source in bank.sources.values()
    ]
    pairs = (KINDS["pair"], [q for q in bank.questions.values() if q.kind == "pair"])
    return [(name, questions) for name, questions in [*by_source, pairs] if questions]


def dumps(bank: Bank) -> str:
    """The whole bank as one GIFT file: blocks separated by blank lines, as GIFT requires."""
    blocks, count = [], 0
    for name, questions in categories(bank):
        blocks.append(category_line(name))
        blocks.extend(question_block(bank, q) for q in questions)
        count += len(questions)
    header = f"// {ROOT_CATEGORY}: {count} questions. In Moodle: Question bank, Import, GIFT."
    return header + "\n" + "\n\n".join(blocks) + "\n"
