"""What a learner is told after an answer, in the order that matters to them, for every interface.

First the verdict; then why their choice does not fit (the most useful feedback after a wrong answer);
then the right answer; then the explanation, the technique's definition and tip; last, every option
with its part in the answer. The Textual app and plain mode draw the same `Feedback`, so the wording and
the order cannot drift apart.
"""

from dataclasses import dataclass, field
from typing import Literal

from quiz.domain.bank import Bank
from quiz.domain.models import Question, Technique
from quiz.domain.progress import AnswerRecord
from quiz.domain.scoring import is_correct, judge, overlap
from quiz.domain.tokens import FUNCTION_WORDS, Word
from quiz.words import counted, percent

Tone = Literal["right", "partial", "wrong"]


def verdict(score: float) -> tuple[str, Tone]:
    """The verdict in words, and its tone (which interfaces show by mark and colour too)."""
    if is_correct(score):
        return "Right.", "right"
    if score > 0:
        return f"Partly right: {percent(score)} of the marks.", "partial"
    return "Not right.", "wrong"


@dataclass(frozen=True)
class OptionLine:
    """One option after the answer: its number as shown, its text, and its part in the answer."""

    number: int
    label: str
    mark: str
    """✔ chosen and right, ✘ chosen and wrong, → right but not chosen, · neither."""
    status: str


@dataclass(frozen=True)
class Marks:
    """A "find" answer compared with the key: the runs of words marked and in the key, and the counts."""

    marked: list[str]
    key: list[str]
    summary: str
    """E.g. "2 of your 3 marked words are in the key; you found 2 of its 4 words"."""


@dataclass(frozen=True)
class Feedback:
    verdict: str
    tone: Tone
    why_not: list[tuple[str, str]]
    """(what the learner chose or marked, why it does not fit), for each wrong choice the bank explains."""
    answer: str | None
    """The right answer in words, when the learner did not give it exactly."""
    explanation: str
    techniques: list[Technique]
    options: list[OptionLine] = field(default_factory=list)
    marks: Marks | None = None


def build(bank: Bank, question: Question, order: list[str], record: AnswerRecord) -> Feedback:
    """The feedback on `record`, an answer to `question` whose options were shown in `order`."""
    text, tone = verdict(record.score)
    techniques = [bank.techniques[key] for key in sorted(question.correct()) if key in bank.techniques]
    if question.marks_words:
        return _find_feedback(bank, question, record, text, tone, techniques)
    right = sorted(question.correct(), key=order.index)
    why_not = [(bank.label(question, key), reason) for key in record.choice
               if key not in question.correct() and (reason := question.feedback_for(key))]
    answer = None
    if not is_correct(record.score):
        labels = [f"{order.index(k) + 1}. {bank.label(question, k)}" for k in right]
        answer = ("The right answers: " if len(labels) > 1 else "The right answer: ") + "; ".join(labels)
    judgement = judge(question.correct(), record.choice)
    options = []
    for number, key in enumerate(order, 1):
        mark, status = _status(question.multiple, key, judgement)
        options.append(OptionLine(number, bank.label(question, key), mark, status))
    return Feedback(text, tone, why_not, answer, question.explanation, techniques, options)


def _status(multiple: bool, key: str, judgement) -> tuple[str, str]:
    if key in judgement.hits:
        return "✔", "ticked, applies" if multiple else "your answer, right"
    if key in judgement.false_alarms:
        return "✘", "ticked, does not apply" if multiple else "your answer, not this one"
    if key in judgement.misses:
        return "→", "not ticked, but applies" if multiple else "the right answer"
    return "·", "not ticked, does not apply" if multiple else "not chosen"


def runs(words: list[Word], indices) -> list[str]:
    """Indices of words as runs of neighbours, each as the words read: ["a puppet of the builders"]."""
    grouped: list[list[int]] = []
    for index in sorted(indices):
        if grouped and grouped[-1][-1] == index - 1:
            grouped[-1].append(index)
        else:
            grouped.append([index])
    return [" ".join(words[i].text for i in run) for run in grouped]


@dataclass(frozen=True)
class Missed:
    """A missed (or partly right) answer in a quiz's results: what the question was about, what the
    learner gave and what was right, each in words."""

    about: str
    """The question's quotes, or its prompt when its options are statements or it quotes nothing."""
    chosen: str
    right: str


def missed(bank: Bank, question: Question, record: AnswerRecord) -> Missed:
    quotes = question.quotes()
    about = (question.prompt if question.option_skill or not quotes
             else "“" + " … ".join(passage.quote for passage in quotes) + "”")
    if question.marks_words:
        words = question.words()
        return Missed(about, "; ".join(runs(words, record.words)), "; ".join(runs(words, question.key_words())))
    return Missed(about, ", ".join(bank.label(question, k) for k in record.choice),
                  ", ".join(bank.label(question, k) for k in sorted(question.correct())))


def _find_feedback(bank, question, record, text, tone, techniques) -> Feedback:
    words = question.words()
    key, marked = question.key_words(), frozenset(record.words)
    scored = question.scored_words()
    found = overlap(key & scored, marked & scored)
    if found.marked == 0:
        said = "None of the words you marked is counted"
    elif found.marked == 1:
        said = f"Your marked word is {'' if found.shared else 'not '}in the key"
    else:
        said = (f"{found.shared} of your {found.marked} marked words "
                f"{'is' if found.shared == 1 else 'are'} in the key")
    summary = f"{said}; you found {found.shared} of its {counted(found.key, 'word')}."
    if (key | marked) - scored:
        summary += f" Not counted: {', '.join(sorted(FUNCTION_WORDS))}."
    why_not = [(f"“{quote}”", reason) for quote, reason in question.feedback_for_marks(marked - key)]
    answer = None if is_correct(record.score) else "The key: " + "; ".join(f"“{r}”" for r in runs(words, key))
    marks = Marks(runs(words, marked), runs(words, key), summary)
    return Feedback(text, tone, why_not, answer, question.explanation, techniques, marks=marks)
