"""The class report as CSV, one table per file, for a spreadsheet.

One table a file, picked with `--table`, rather than every table in one file with a `section` column:
the tables have different columns (a learner's score, a question's facility, an option's count), so a
single file would be a union of all their columns, mostly empty, that a spreadsheet cannot sort, filter
or chart without first cutting it apart again. Each file here is one rectangle with one header row,
which Excel, LibreOffice, Google Sheets and every CSV reader take as it is.

Headers are in words, as a teacher reads them; ids sit in columns of their own. Percentages are numbers
with one decimal ("37.5", the header says "%"), so that a spreadsheet computes with them. Rows end with
CRLF (RFC 4180). A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return could be
run as a formula by a spreadsheet (CSV injection, as OWASP names it): it gets a leading apostrophe,
which spreadsheets hide. Numbers are written as numbers: a negative discrimination index stays -12.5.
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import tzinfo

from quiz.domain.discernment import Counts
from quiz.report import wording
from quiz.report.model import ClassReport

BYTE_ORDER_MARK = "\ufeff"
"""Excel reads a CSV file as UTF-8 only when it starts with this; without it "cliché" shows as "clichÃ©"."""


def _gradebook(report: ClassReport, zone: tzinfo | None) -> Iterable[Sequence[object]]:
    skills = report.skills
    yield ["Learner", "Score %", "Questions answered", "Questions in bank", "Answers",
           f"Last active ({wording.zone_name(zone)})",
           *(f"{row.name}: {label}" for row in skills for label in ("spots %", "false alarms %"))]
    for learner in report.learners:
        mastery = [learner.mastery.get(row.skill, Counts()) for row in skills]
        yield [_text(learner.name), wording.percent_1(learner.score), learner.answered, report.questions,
               learner.answers, "" if learner.last_active is None else wording.local_time(learner.last_active, zone),
               *(rate for counts in mastery
                 for rate in (wording.percent_1(counts.hit_rate), wording.percent_1(counts.false_alarm_rate)))]


_COUNT_HEADS = ["Hits", "Misses", "False alarms", "Correct rejections", "Spots %", "False alarms %", "d prime"]


def _counts(counts: Counts) -> list[object]:
    return [counts.hits, counts.misses, counts.false_alarms, counts.correct_rejections,
            wording.percent_1(counts.hit_rate), wording.percent_1(counts.false_alarm_rate),
            "" if counts.d_prime is None else f"{counts.d_prime:.1f}"]


def _mastery(report: ClassReport, zone: tzinfo | None) -> Iterable[Sequence[object]]:
    yield ["Learner", "Technique id", "Technique", *_COUNT_HEADS]
    for learner in report.learners:
        for row in report.skills:
            if row.skill in learner.mastery:
                yield [_text(learner.name), row.skill, _text(row.name), *_counts(learner.mastery[row.skill])]


def _techniques(report: ClassReport, zone: tzinfo | None) -> Iterable[Sequence[object]]:
    yield ["Technique id", "Technique", "Learners", *_COUNT_HEADS]
    for row in report.skills:
        yield [row.skill, _text(row.name), row.learners, *_counts(row.counts)]


def _items(report: ClassReport, zone: tzinfo | None) -> Iterable[Sequence[object]]:
    yield ["Question id", "Kind", "Quote (or prompt)", "Learners", "Facility %", "SD %", "Discrimination %",
           "Needs checking", "Learners compared"]
    for row in report.items:
        stats = row.stats
        yield [row.question_id, row.kind, _text(row.quote), stats.learners, wording.percent_1(stats.facility),
               wording.percent_1(stats.sd), wording.percent_1(stats.discrimination),
               stats.needs_checking or "", stats.compared]


def _distractors(report: ClassReport, zone: tzinfo | None) -> Iterable[Sequence[object]]:
    yield ["Question id", "Kind", "Learners", "Response id", "Response", "Verdict", "Learners who gave it",
           "Share %"]
    for row in report.items:
        for response in row.responses:
            text = (f"marked {response.marked} {wording.quoted(response.text)}" if response.marked
                    else response.text)
            yield [row.question_id, row.kind, row.stats.learners, response.key, _text(text), response.verdict,
                   response.learners, wording.percent_1(response.learners / row.stats.learners)]


def _confusions(report: ClassReport, zone: tzinfo | None) -> Iterable[Sequence[object]]:
    yield ["Right answer id", "Right answer", "Named instead id", "Named instead", "Times"]
    for c in report.confusions:
        yield [c.answer, _text(c.answer_name), c.chosen, _text(c.chosen_name), c.count]


TABLES: dict[str, Callable[[ClassReport, tzinfo | None], Iterable[Sequence[object]]]] = {
    "gradebook": _gradebook, "mastery": _mastery, "techniques": _techniques, "items": _items,
    "distractors": _distractors, "confusions": _confusions,
}
"""The tables `--table` offers, the default first."""


def render_csv(report: ClassReport, table: str = "gradebook", zone: tzinfo | None = None,
               excel: bool = False) -> bytes:
    """One table of the report as UTF-8 CSV bytes; with `excel`, led by a byte-order mark."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(TABLES[table](report, zone))
    return ((BYTE_ORDER_MARK if excel else "") + out.getvalue()).encode("utf-8")


def _text(value: str) -> str:
    """Text from a file or a file name, made safe from being run as a spreadsheet formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
