"""The class report as data: built from a bank and the learners' progress, drawn by `text`, `spreadsheet`
and `page`, which compute nothing of their own.

Which answers count (Moodle's default for its quiz statistics is each student's first attempt, because
later attempts build on the feedback of earlier ones):

- the **score**, the **item analysis**, the **distractor analysis** and the **confusions** count each
  learner's first answer to each question, so that every one of those numbers is about the same
  answers and a retake after reading the explanation does not flatter a question;
- **mastery per technique** counts every answer, retakes included (`quiz.domain.discernment.by_item`
  over the learner's whole history, options only: the words marked in find questions are counted
  apart in the learner's own stats, never pooled with options); it is about what the learner can
  spot by now, not about the questions;
- **answers** and **last active** count everything the learner did.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from quiz.domain.bank import Bank
from quiz.domain.discernment import Counts, by_item, confusions
from quiz.domain.models import FindQuestion, Question
from quiz.domain.progress import AnswerRecord, Progress
from quiz.domain.tokens import covered
from quiz.report.statistics import ItemStatistics, item_statistics

Verdict = Literal["right", "partly right", "wrong"]


@dataclass(frozen=True)
class LearnerRow:
    """One row of the gradebook."""

    name: str
    score: float | None
    """Mean score of the learner's first answer to each question they answered; None if none."""
    answered: int
    """Questions of the bank they answered at least once."""
    answers: int
    """Their answers to questions of the bank, retakes included."""
    last_active: datetime | None
    """When they last answered anything, in UTC; None if never."""
    mastery: dict[str, Counts]
    """Discernment counts per skill id (technique, `unsupported`, `source`), over every answer."""


@dataclass(frozen=True)
class Response:
    """One line of a distractor analysis: a kind of response and how many learners gave it."""

    key: str
    """The option's key; for a find question `span-N` (key span N marked fully, `-part` partly,
    `-none` not at all), `wrong-N` (the author's tempting wrong run N) or `outside`; "" for no option."""
    text: str
    """What the learner saw (a technique's name, a sentence, an option's text), or what was marked."""
    verdict: Verdict
    learners: int
    marked: str | None = None
    """For a find question's spans and wrong runs, how much of `text` was marked: "all of", "part of",
    "none of", "any word of"."""


@dataclass(frozen=True)
class ItemRow:
    """One question: its name, its statistics and its distractor analysis."""

    question_id: str
    kind: str
    quote: str
    """The words that name the question for a teacher (see `naming_text`), on one line."""
    is_quote: bool
    """True when `quote` is a quote from the source; False for a prompt, which is shown unquoted."""
    stats: ItemStatistics
    responses: list[Response]
    several: bool
    """True when a learner may give several of the responses (all that apply, find)."""


@dataclass(frozen=True)
class SkillRow:
    """A skill's discernment over the whole class: every learner's counts added up."""

    skill: str
    name: str
    counts: Counts
    learners: int
    """Learners who made at least one decision about it."""


@dataclass(frozen=True)
class ConfusionRow:
    answer: str
    answer_name: str
    chosen: str
    chosen_name: str
    count: int


@dataclass(frozen=True)
class ClassReport:
    learners: list[LearnerRow]
    """The gradebook, by name."""
    items: list[ItemRow]
    """The questions answered at least once, hardest first (lowest facility; ties in bank order)."""
    skills: list[SkillRow]
    """Every skill some learner made a decision about, by name: the columns of the mastery table."""
    confusions: list[ConfusionRow]
    """Most frequent first."""
    questions: int
    """Questions in the bank."""
    ignored: int
    """Answers to questions that are not in the bank (retired, or from another bank)."""
    skipped: list[str] = field(default_factory=list)
    """Progress files that could not be read, each with the reason."""

    @property
    def unanswered(self) -> int:
        """Questions of the bank that nobody answered: left out of the tables, which would drown in them."""
        return self.questions - len(self.items)

    @property
    def answers(self) -> int:
        return sum(row.answers for row in self.learners)


def first_answers(bank: Bank, answers: Sequence[AnswerRecord]) -> dict[str, AnswerRecord]:
    """Each question's first answer (by time; the stored order breaks ties), for questions in the bank."""
    first: dict[str, AnswerRecord] = {}
    for record in sorted(answers, key=lambda a: a.answered_at):
        if record.question_id in bank.questions:
            first.setdefault(record.question_id, record)
    return first


def naming_text(bank: Bank, question: Question) -> tuple[str, bool]:
    """What names a question for a teacher, since prompts repeat ("Which technique…?"), and whether it is
    a quote: its quote, or for an unsupported question its answer sentence, or for a source question
    with no quote its prompt (not a quote)."""
    if question.kind == "unsupported":
        text, is_quote = bank.label(question, question.answer), True
    elif quotes := question.quotes():
        text, is_quote = quotes[0].quote, True
    else:
        text, is_quote = question.prompt, False
    return " ".join(text.split()), is_quote


def build_report(bank: Bank, learners: Sequence[tuple[str, Progress]],
                 skipped: Sequence[str] = ()) -> ClassReport:
    """Sum up `learners` (name and progress) on `bank`; `skipped` names the files that could not be read."""
    firsts = [first_answers(bank, progress.answers) for _, progress in learners]
    rows = [_learner_row(bank, name, progress, first) for (name, progress), first in zip(learners, firsts)]
    totals = [sum(a.score for a in first.values()) for first in firsts]  # each learner's, summed once
    items = [_item_row(bank, question, firsts, totals) for question in bank.questions.values()
             if any(question.id in first for first in firsts)]
    return ClassReport(
        learners=sorted(rows, key=lambda row: (row.name.casefold(), row.name)),
        items=sorted(items, key=lambda row: row.stats.facility),
        skills=_skill_rows(bank, rows),
        confusions=[ConfusionRow(c.answer, bank.skill_name(c.answer), c.chosen, bank.skill_name(c.chosen),
                                 c.count)
                    for c in confusions(bank, [a for first in firsts for a in first.values()])],
        questions=len(bank.questions),
        ignored=sum(a.question_id not in bank.questions for _, progress in learners for a in progress.answers),
        skipped=list(skipped))


def _learner_row(bank: Bank, name: str, progress: Progress, first: dict[str, AnswerRecord]) -> LearnerRow:
    scores = [a.score for a in first.values()]
    return LearnerRow(
        name=name, score=sum(scores) / len(scores) if scores else None, answered=len(first),
        answers=sum(a.question_id in bank.questions for a in progress.answers),
        last_active=progress.last_answered(), mastery=by_item(bank, progress.answers, words=False))


def _item_row(bank: Bank, question: Question, firsts: list[dict[str, AnswerRecord]],
              totals: list[float]) -> ItemRow:
    answered = [(first, total) for first, total in zip(firsts, totals) if question.id in first]
    scores = [first[question.id].score for first, _ in answered]
    rest = [(total - first[question.id].score) / (len(first) - 1) if len(first) > 1 else None
            for first, total in answered]
    answered = [first for first, _ in answered]
    records = [first[question.id] for first in answered]
    quote, is_quote = naming_text(bank, question)
    return ItemRow(question_id=question.id, kind=question.kind, quote=quote, is_quote=is_quote,
                   stats=item_statistics(scores, rest), responses=responses(bank, question, records),
                   several=question.multiple or question.marks_words)


def responses(bank: Bank, question: Question, records: Sequence[AnswerRecord]) -> list[Response]:
    """How many of `records` (one per learner) gave each response to `question`.

    For options: how many chose each (in the bank's order; with all that apply, ticks add up to more
    than the learners), then how many chose nothing, if anyone did. For a find question, which has no
    options: for each key span how many marked all of its words, part of them, none; for each tempting
    wrong run the author named, how many marked any of its words; and how many marked any word outside
    every key span.
    """
    if question.marks_words:
        return _find_responses(question, records)
    right = question.correct()
    found = [Response(key, " ".join(bank.label(question, key).split()),
                      "right" if key in right else "wrong",
                      sum(key in record.choice for record in records))
             for key in question.option_keys()]
    if blank := sum(not record.choice for record in records):
        found.append(Response("", "no option chosen", "wrong", blank))
    return found


def _find_responses(question: FindQuestion, records: Sequence[AnswerRecord]) -> list[Response]:
    marked = [set(record.words) for record in records]
    found = []
    for number, span in enumerate(question.spans, start=1):
        words = set(covered(question.passage, span))
        fully = sum(words <= m for m in marked)
        none = sum(not words & m for m in marked)
        text = " ".join(span.split())
        found += [Response(f"span-{number}", text, "right", fully, "all of"),
                  Response(f"span-{number}-part", text, "partly right", len(marked) - fully - none,
                           "part of"),
                  Response(f"span-{number}-none", text, "wrong", none, "none of")]
    for number, wrong in enumerate(question.wrong_marks, start=1):
        words = set(covered(question.passage, wrong.quote))
        found.append(Response(f"wrong-{number}", " ".join(wrong.quote.split()), "wrong",
                              sum(bool(words & m) for m in marked), "any word of"))
    key = question.key_words()
    found.append(Response("outside", "marked a word outside every key span", "wrong",
                          sum(bool(m - key) for m in marked)))
    return found


def _skill_rows(bank: Bank, rows: Sequence[LearnerRow]) -> list[SkillRow]:
    totals: dict[str, tuple[Counts, int]] = {}
    for row in rows:
        for skill, counts in row.mastery.items():
            total, learners = totals.get(skill, (Counts(), 0))
            totals[skill] = (total + counts, learners + 1)
    return sorted((SkillRow(skill, bank.skill_name(skill), counts, learners)
                   for skill, (counts, learners) in totals.items()), key=lambda row: row.name.casefold())
