"""A class report: several learners' progress summed up per question and per technique, hardest first.

A teacher runs it after a class has taken the quiz, to see which questions and techniques to go over
again. Building the report is pure (progress models and a bank in, a `ClassReport` out); the command
line reads the files. Two renderings: a fixed-width text table that reads well at 80 columns, and CSV
for a spreadsheet.

The CSV is one rectangular table whose first column, `section`, says what a row counts: `question` rows
(id, prompt) come first, then `skill` rows (technique id, technique name), each section hardest first.
One table rather than two separated by a blank line, so that any spreadsheet or CSV reader takes the
whole file at once and a filter on `section` shows either part.
"""

import csv
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from quiz.domain.bank import Bank
from quiz.domain.progress import Progress
from quiz.domain.scoring import is_correct
from quiz.words import counted

WIDTH = 80
"""The terminal width the text table is laid out for."""

_ID_WIDTH = 32
"""Question ids longer than this are cut, so that some of the prompt still fits beside them."""


@dataclass(frozen=True)
class Tally:
    """The answers given to one question, or to the questions that train one skill."""

    answers: int
    correct: int
    """Answers with full marks."""
    mean_score: float
    """The average score, in [0, 1]."""

    @property
    def share_correct(self) -> float:
        return self.correct / self.answers

    @classmethod
    def of(cls, scores: Sequence[float]) -> "Tally":
        """The tally of a non-empty list of scores."""
        return cls(answers=len(scores), correct=sum(map(is_correct, scores)),
                   mean_score=sum(scores) / len(scores))


@dataclass(frozen=True)
class QuestionRow:
    question_id: str
    prompt: str
    """The prompt on one line, as the report shows it."""
    tally: Tally


@dataclass(frozen=True)
class SkillRow:
    skill: str
    name: str
    tally: Tally


@dataclass(frozen=True)
class ClassReport:
    """What `quiz report` shows: who was counted, the two tables, and what was left out."""

    learners: list[str]
    """The learners whose progress was read, in the order given."""
    questions: list[QuestionRow]
    """The questions answered at least once, hardest first."""
    skills: list[SkillRow]
    """The skills those questions train, hardest first."""
    unanswered: int
    """Questions of the bank that nobody answered: left out of the tables, which would drown in them."""
    ignored: int
    """Answers to questions that are not in the bank (retired, or from another bank)."""

    @property
    def answers(self) -> int:
        return sum(row.tally.answers for row in self.questions)

    def summary(self) -> list[str]:
        """The lines above the tables: who was counted and what was left out."""
        lines = [f"Class report: {counted(len(self.learners), 'learner')}, "
                 f"{counted(self.answers, 'answer')}",
                 *textwrap.wrap("Learners: " + ", ".join(self.learners), WIDTH,
                                subsequent_indent="  ", break_on_hyphens=False)]
        if self.unanswered:
            lines.append(f"{counted(self.unanswered, 'question')} that nobody answered "
                         f"{'is' if self.unanswered == 1 else 'are'} not listed")
        if self.ignored:
            lines.append(f"{counted(self.ignored, 'answer')} to "
                         f"{'a question' if self.ignored == 1 else 'questions'} not in this bank "
                         f"{'was' if self.ignored == 1 else 'were'} ignored")
            if not self.answers:
                lines.append("None of the answers is to a question of this bank: "
                             "pass the class's bank with --bank PATH.")
        return lines


def build_report(bank: Bank, learners: Sequence[tuple[str, Progress]]) -> ClassReport:
    """Sum up `learners` (name and progress) on `bank`; every answer counts, retakes included."""
    by_question: dict[str, list[float]] = {qid: [] for qid in bank.questions}
    ignored = 0
    for _, progress in learners:
        for record in progress.answers:
            if record.question_id in by_question:
                by_question[record.question_id].append(record.score)
            else:
                ignored += 1
    by_skill: dict[str, list[float]] = {}
    for qid, scores in by_question.items():
        for skill in bank.questions[qid].skills():
            by_skill.setdefault(skill, []).extend(scores)
    questions = [QuestionRow(qid, " ".join(bank.questions[qid].prompt.split()), Tally.of(scores))
                 for qid, scores in by_question.items() if scores]
    skills = [SkillRow(skill, bank.skill_name(skill), Tally.of(scores))
              for skill, scores in sorted(by_skill.items(), key=lambda kv: bank.skill_name(kv[0]))
              if scores]
    return ClassReport(learners=[name for name, _ in learners],
                       questions=sorted(questions, key=lambda row: _hardest_first(row.tally)),
                       skills=sorted(skills, key=lambda row: _hardest_first(row.tally)),
                       unanswered=len(by_question) - len(questions), ignored=ignored)


def _hardest_first(tally: Tally) -> tuple[float, int]:
    """Sort key: lowest share correct first, then most answers.

    Python's sort is stable, so rows that tie keep the order they came in (bank order, skill name).
    """
    return (tally.share_correct, -tally.answers)


def render_text(report: ClassReport) -> str:
    """The report as plain text tables, at most `WIDTH` characters a line."""
    id_width = min(_ID_WIDTH, max([len("Question"), *(len(r.question_id) for r in report.questions)]))
    numbers = "  {:>7}  {:>7}  {:>4}"
    prompt_width = WIDTH - id_width - 2 - len(numbers.format("", "", ""))
    name_width = min(WIDTH - len(numbers.format("", "", "")),
                     max([len("Technique"), *(len(r.name) for r in report.skills)]))

    def table(heads: list[tuple[str, int]], rows: list[tuple[list[str], Tally]]) -> list[str]:
        def line(cells: list[str], tally_cells: tuple[str, str, str]) -> str:
            text = "  ".join(_fit(cell, width) for cell, (_, width) in zip(cells, heads))
            return text + numbers.format(*tally_cells)

        head = line([name for name, _ in heads], ("Answers", "Correct", "Mean"))
        return [head, "-" * len(head),
                *(line(cells, (str(t.answers), _percent(t.share_correct), _percent(t.mean_score)))
                  for cells, t in rows)]

    lines = [*report.summary(),
             "Correct: the share of answers with full marks. Mean: the average score.",
             "", "Questions, hardest first"]
    lines += table([("Question", id_width), ("Prompt", prompt_width)],
                   [([r.question_id, r.prompt], r.tally) for r in report.questions])
    lines += ["", "Techniques, hardest first"]
    lines += table([("Technique", name_width)], [([r.name], r.tally) for r in report.skills])
    return "\n".join(lines) + "\n"


def render_csv(report: ClassReport) -> str:
    """The report as one CSV table (see the module docstring); shares and means as fractions in [0, 1].

    Rows end with a bare newline: the text goes to standard output, which adds the platform's own line
    ending, and spreadsheets read either.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "id", "name", "answers", "correct", "share_correct", "mean_score"])
    rows = [("question", r.question_id, r.prompt, r.tally) for r in report.questions]
    rows += [("skill", r.skill, r.name, r.tally) for r in report.skills]
    for section, key, name, tally in rows:
        writer.writerow([section, key, name, tally.answers, tally.correct,
                         f"{tally.share_correct:.3f}", f"{tally.mean_score:.3f}"])
    return out.getvalue()


def _fit(text: str, width: int) -> str:
    """`text` padded to `width`, or cut to it with an ellipsis."""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _percent(value: float) -> str:
    return f"{round(100 * value)}%"
