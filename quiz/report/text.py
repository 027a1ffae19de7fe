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


def summary(report: ClassReport) -> list[str]:
    """Who was counted and what was left out: the report's first lines, and what `--csv` and `--html`
    print on standard error."""
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
    lines += [f"Not counted: {reason}" for reason in report.skipped]
    return lines


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


def _table(heads: Sequence[tuple[str, int, str]], rows: Sequence[Sequence[str]]) -> list[str]:
    """Aligned columns: each head is (title, width, "<" or ">"); the first column may be cut."""
    def line(cells: Sequence[str]) -> str:
        parts = [_fit(cell, width) if align == "<" else cell.rjust(width)
                 for cell, (_, width, align) in zip(cells, heads)]
        return "  ".join(parts).rstrip()

    rule = "-" * (sum(width for _, width, _ in heads) + 2 * (len(heads) - 1))
    return [line([title for title, _, _ in heads]), rule, *(line(row) for row in rows)]


def _name_width(names: Sequence[str], rest: int, title: str) -> int:
    """The first column's width: its longest entry, within what the other columns leave of WIDTH."""
    return min(WIDTH - rest, max([len(title), *map(len, names)]))


def _gradebook(report: ClassReport, zone: tzinfo | None) -> list[str]:
    rows = [[row.name, percent(row.score), f"{row.answered} of {report.questions}", str(row.answers),
             wording.local_time(row.last_active, zone)] for row in report.learners]
    numbers = [("Score", 5, ">"), ("Questions", max(9, *(len(r[2]) for r in rows)), ">"),
               ("Answers", 7, ">"), ("Last active", 16, "<")]
    width = _name_width([row.name for row in report.learners], 2 * 4 + sum(w for _, w, _ in numbers),
                        "Learner")
    definitions = dict(wording.GRADEBOOK)
    definitions["Last active"] += f", in {wording.zone_name(zone)}. Mastery per technique, learner by " \
                                  "learner, is at the end of the report."
    return ["Gradebook", *_table([("Learner", width, "<"), *numbers], rows), *_legend(definitions)]


def _rate(part: int, whole: int, rate: float | None) -> str:
    """ "2 of 4  50%", or NONE when there was nothing to count."""
    return f"{out_of(part, whole)} {percent(rate):>4}" if whole else NONE


def _counts_cells(counts: Counts) -> list[str]:
    return [_rate(counts.hits, counts.signals, counts.hit_rate),
            _rate(counts.false_alarms, counts.noises, counts.false_alarm_rate)]


_COUNT_COLUMNS = [("Spots", 14, ">"), ("False alarms", 14, ">")]


def _techniques(report: ClassReport) -> list[str]:
    if not report.skills:
        return []
    columns = [("Learners", 8, ">"), *_COUNT_COLUMNS]
    width = _name_width([row.name for row in report.skills], 2 * 3 + sum(w for _, w, _ in columns),
                        "Technique")
    rows = [[row.name, str(row.learners), *_counts_cells(row.counts)] for row in report.skills]
    return ["Techniques, the whole class", *_table([("Technique", width, "<"), *columns], rows),
            *_wrap(wording.TECHNIQUES), *_legend({k: v for k, v in wording.MASTERY.items() if k})]


_ITEM_COLUMNS = [("Learners", 8, ">"), ("Facility", 8, ">"), ("SD", 4, ">"), ("Discrim.", 8, ">"),
                 ("Check?", 11, "<")]


def _items(report: ClassReport) -> list[str]:
    if not report.items:
        return []
    numbers_width = 2 * len(_ITEM_COLUMNS) + sum(w for _, w, _ in _ITEM_COLUMNS)
    width = min(WIDTH - numbers_width, max(len("Question"), *(len(r.question_id) for r in report.items)))
    heads = [("Question", width, "<"), *_ITEM_COLUMNS]
    head, rule, *_ = _table(heads, [])
    lines = ["Item analysis, hardest first", head, rule]
    for row in report.items:
        stats = row.stats
        numbers = [str(stats.learners), percent(stats.facility), percent(stats.sd),
                   percent(stats.discrimination), stats.needs_checking or NONE]
        if len(row.question_id) <= width:
            lines.append("  ".join([row.question_id.ljust(width), *_cells(numbers)]).rstrip())
        else:  # an id is a name to search for: never cut it; the numbers go on their own line
            lines += [row.question_id, "  ".join([" " * width, *_cells(numbers)]).rstrip()]
        lines.append("  " + quoted(row.quote, WIDTH - 2))
    return lines + _legend(wording.ITEMS)


def _cells(numbers: list[str]) -> list[str]:
    return [cell.rjust(width) if align == ">" else cell.ljust(width)
            for cell, (_, width, align) in zip(numbers, _ITEM_COLUMNS)]


def _distractors(items: Sequence[ItemRow]) -> list[str]:
    if not items:
        return []
    lines = ["Distractor analysis", *_wrap(wording.DISTRACTORS)]
    for row in items:
        n = row.stats.learners
        head = (f"{row.question_id} ({counted(n, 'learner')}"
                f"{', several responses each' if row.several else ''}): ")
        room = WIDTH - len(head)
        lines += ["", head + quoted(row.quote, room)] if room >= 24 else \
                 ["", head.rstrip(), "  " + quoted(row.quote, WIDTH - 2)]
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
    half = (WIDTH - 4 - 5 - 2) // 2
    return ["Confusions", *_table([("Right answer", half, "<"), ("Named instead", half, "<"),
                                   ("Times", 5, ">")], rows), *_wrap(wording.CONFUSIONS)]


def _mastery(report: ClassReport) -> list[str]:
    if not report.skills:
        return []
    width = _name_width([row.name for row in report.skills], 2 + 2 * 2 + sum(w for _, w, _ in _COUNT_COLUMNS),
                        "Technique")
    lines = ["Mastery per technique, learner by learner", *_legend(wording.MASTERY)]
    for learner in report.learners:
        lines += ["", learner.name]
        if not learner.mastery:
            lines.append("  no answers to this bank's questions")
            continue
        rows = [[row.name, *_counts_cells(learner.mastery[row.skill])]
                for row in report.skills if row.skill in learner.mastery]
        lines += ["  " + line for line in _table([("Technique", width, "<"), *_COUNT_COLUMNS], rows)]
    return lines
