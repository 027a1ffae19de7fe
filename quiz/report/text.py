"""The class report as plain text that reads well at 80 columns, in a terminal, a pager or on paper.

Sections in the order a teacher acts on them: who did what (gradebook), what the class can spot
(techniques), which questions to look at (item analysis, then the distractors of each), which techniques
are taken for which (confusions), and last, the longest, mastery learner by learner. Every table is
followed by what its labels mean.
"""

import textwrap
from collections.abc import Sequence
from datetime import tzinfo

from quiz.domain.discernment import Counts
from quiz.report import wording
from quiz.report.model import ClassReport, ItemRow, Response
from quiz.report.wording import NONE, out_of, percent, quoted, shorten
from quiz.words import counted

WIDTH = 80
"""The width every line fits in."""


def summary(report: ClassReport, skipped: bool = True) -> list[str]:
    """Who was counted and what was left out: the report's first lines, and what `--csv` and `--html`
    print on standard error (without the `skipped` files, which the command has named there already)."""
    answered = len(report.items)
    lines = [f"Class report: {counted(len(report.learners), 'learner')}, "
             f"{counted(report.answers, 'answer')} to {answered} of "
             f"{counted(report.questions, 'question')}"]
    if report.unanswered:
        lines.append(f"{counted(report.unanswered, 'question')} that nobody answered "
                     f"{'is' if report.unanswered == 1 else 'are'} not listed")
    if report.ignored:
        lines.append(f"{counted(report.ignored, 'answer')} to "
                     f"{'a question' if report.ignored == 1 else 'questions'} not in this bank "
                     f"{'was' if report.ignored == 1 else 'were'} ignored")
        if not report.answers:
            lines.append("None of the answers is to a question of this bank: "
                         "pass the class's bank with --bank PATH.")
    return lines + [f"Not counted: {reason}" for reason in report.skipped if skipped]


def render_text(report: ClassReport, zone: tzinfo | None = None) -> str:
    """The whole report; times in `zone` (None: this computer's time zone)."""
    sections = [
        [*(wrapped for line in summary(report) for wrapped in _wrap(line, subsequent="  ", paths=True)),
         *_wrap(wording.WHICH_ANSWERS)],
        _gradebook(report, zone),
        _techniques(report),
        _items(report),
        _distractors(report.items),
        _confusions(report),
        _mastery(report),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


def _wrap(text: str, indent: str = "", subsequent: str | None = None, paths: bool = False) -> list[str]:
    """`text` in lines of WIDTH; with `paths`, a word longer than a line (a file's path) is kept whole,
    so that it can be copied, rather than cut."""
    return textwrap.wrap(text, WIDTH, initial_indent=indent,
                         subsequent_indent=indent if subsequent is None else subsequent,
                         break_on_hyphens=False, break_long_words=not paths)


def _legend(definitions: dict[str, str]) -> list[str]:
    return [line for label, text in definitions.items()
            for line in _wrap(f"{label}: {text}" if label else text)]


def _fit(text: str, width: int) -> str:
    """`text` padded to `width`, or cut to it with an ellipsis."""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _widths(heads: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]], room: int = WIDTH) -> list[int]:
    """Each column as wide as its widest cell; the first column (names) gives up what does not fit in
    `room`, and is cut with an ellipsis."""
    widths = [max([len(title), *(len(row[i]) for row in rows)]) for i, (title, _) in enumerate(heads)]
    widths[0] = max(len(heads[0][0]), min(widths[0], room - sum(widths[1:]) - 2 * (len(heads) - 1)))
    return widths


def _line(cells: Sequence[str], heads: Sequence[tuple[str, str]], widths: Sequence[int]) -> str:
    return "  ".join(_fit(cell, width) if align == "<" else cell.rjust(width)
                     for cell, (_, align), width in zip(cells, heads, widths)).rstrip()


def _table(heads: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]], room: int = WIDTH) -> list[str]:
    """Aligned columns under a head and a rule; each head is (title, "<" or ">")."""
    widths = _widths(heads, rows, room)
    return [_line([title for title, _ in heads], heads, widths), "-" * (sum(widths) + 2 * (len(widths) - 1)),
            *(_line(row, heads, widths) for row in rows)]


def _gradebook(report: ClassReport, zone: tzinfo | None) -> list[str]:
    rows = [[row.name, percent(row.score), f"{row.answered:,} of {report.questions:,}", f"{row.answers:,}",
             wording.local_time(row.last_active, zone)] for row in report.learners]
    heads = [("Learner", "<"), ("Score", ">"), ("Questions", ">"), ("Answers", ">"), ("Last active", "<")]
    definitions = dict(wording.GRADEBOOK)
    definitions["Last active"] += f", in {wording.zone_name(zone)}."
    return ["Gradebook", *_table(heads, rows), *_legend(definitions),
            "Mastery per technique, learner by learner, is at the end of the report."]


def _rate(part: int, whole: int, rate: float | None) -> str:
    """ "2 of 4  50%", or NONE when there was nothing to count."""
    return f"{out_of(part, whole)} {percent(rate):>4}" if whole else NONE


def _counts_cells(counts: Counts) -> list[str]:
    return [_rate(counts.hits, counts.signals, counts.hit_rate),
            _rate(counts.false_alarms, counts.noises, counts.false_alarm_rate)]


_COUNT_HEADS = [("Spots", ">"), ("False alarms", ">")]


def _techniques(report: ClassReport) -> list[str]:
    if not report.skills:
        return []
    rows = [[row.name, f"{row.learners:,}", *_counts_cells(row.counts)] for row in report.skills]
    return ["Techniques, the whole class", *_table([("Technique", "<"), ("Learners", ">"), *_COUNT_HEADS], rows),
            *_wrap(wording.TECHNIQUES), *_legend({k: v for k, v in wording.MASTERY.items() if k})]


_ITEM_HEADS = [("Question", "<"), ("Learners", ">"), ("Facility", ">"), ("SD", ">"), ("Discrim.", ">"),
               ("Check?", "<")]


def _items(report: ClassReport) -> list[str]:
    if not report.items:
        return []
    rows = [[row.question_id, str(row.stats.learners), percent(row.stats.facility), percent(row.stats.sd),
             percent(row.stats.discrimination), row.stats.needs_checking or NONE] for row in report.items]
    widths = _widths(_ITEM_HEADS, rows)
    lines = ["Item analysis, hardest first", _line([title for title, _ in _ITEM_HEADS], _ITEM_HEADS, widths),
             "-" * (sum(widths) + 2 * (len(widths) - 1))]
    for item, row in zip(report.items, rows):
        if len(item.question_id) <= widths[0]:
            lines.append(_line(row, _ITEM_HEADS, widths))
        else:  # an id is a name to search for: never cut it; the numbers go on their own line
            lines += [item.question_id, _line(["", *row[1:]], _ITEM_HEADS, widths)]
        lines.append("  " + wording.naming(item.quote, item.is_quote, WIDTH - 2))
    return lines + _legend(wording.ITEMS)


def _distractors(items: Sequence[ItemRow]) -> list[str]:
    if not items:
        return []
    lines = ["Distractor analysis", *_wrap(wording.DISTRACTORS)]
    for row in items:
        n = row.stats.learners
        head = (f"{row.question_id} ({counted(n, 'learner')}"
                f"{', several responses each' if row.several else ''}): ")
        room = WIDTH - len(head)
        lines += ["", head + wording.naming(row.quote, row.is_quote, room)] if room >= 24 else \
                 ["", head.rstrip(), "  " + wording.naming(row.quote, row.is_quote, WIDTH - 2)]
        digits = max(len(str(r.learners)) for r in row.responses)
        for response in row.responses:
            lines.append(f"  {str(response.learners).rjust(digits)}  {percent(response.learners / n):>4}  "
                         + _response_text(response, WIDTH - 10 - digits))
    return lines


def _response_text(response: Response, width: int) -> str:
    verdict = "" if response.verdict == "wrong" else f"  ({response.verdict})"
    room = width - len(verdict)
    if response.marked:
        lead = f"marked {response.marked} "
        return lead + quoted(response.text, room - len(lead)) + verdict
    return shorten(response.text, room) + verdict


def _confusions(report: ClassReport) -> list[str]:
    if not report.confusions:
        return []
    rows = [[c.answer_name, c.chosen_name, str(c.count)] for c in report.confusions]
    half = (WIDTH - 4 - 5) // 2
    rows = [[_fit(answer, half).rstrip(), _fit(chosen, half).rstrip(), count] for answer, chosen, count in rows]
    return ["Confusions", *_table([("Right answer", "<"), ("Named instead", "<"), ("Times", ">")], rows),
            *_wrap(wording.CONFUSIONS)]


def _mastery(report: ClassReport) -> list[str]:
    if not report.skills:
        return []
    lines = ["Mastery per technique, learner by learner", *_legend(wording.MASTERY)]
    for learner in report.learners:
        lines += ["", learner.name]
        if not learner.mastery:
            lines.append("  no answers to this bank's questions")
            continue
        rows = [[row.name, *_counts_cells(learner.mastery[row.skill])]
                for row in report.skills if row.skill in learner.mastery]
        lines += ["  " + line for line in _table([("Technique", "<"), *_COUNT_HEADS], rows, WIDTH - 2)]
    return lines
