"""Discernment per technique: can the learner tell where a technique is from where it is not?

Every option offered is one yes/no decision about one technique (or, for `unsupported` and `source`
questions, about one sentence or statement): a right option chosen is a **hit**, a right option not
chosen a **miss**, a wrong option chosen a **false alarm**, a wrong option not chosen a **correct
rejection**. In a `find` question every word of the passage is such a decision about the question's
technique: a marked word inside a key span is a hit, outside one a false alarm.

From the four counts, signal detection theory gives the sensitivity d′ = z(H) − z(F) and the bias
c = −(z(H) + z(F)) / 2, where H is the hit rate, F the false-alarm rate and z the inverse of the normal
distribution. Rates of 0 and 1 would make z infinite, so both rates get the log-linear correction
(Hautus 1995): H = (hits + 0.5) / (signals + 1), F = (false alarms + 0.5) / (noises + 1). When the raw
hit and false-alarm rates are equal the learner tells nothing apart, whatever the counts, and d′ is 0:
ticking everything (both rates 1) shows no discernment. d′ is None with no signal or no noise yet.

Counting this way, calling every loaded word "Bandwagon" costs Bandwagon false alarms, and a technique
the learner did not tick is a miss, never credit: the question's score is not copied onto techniques.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import NormalDist

from quiz.domain.bank import Bank
from quiz.domain.history import choices
from quiz.domain.models import Question
from quiz.domain.progress import AnswerRecord

RECENT = 20
"""Recent discernment counts the decisions of the last RECENT answers that offered each technique."""

_Z = NormalDist().inv_cdf


@dataclass(frozen=True)
class Counts:
    """Hits, misses, false alarms and correct rejections, and what signal detection makes of them."""

    hits: int = 0
    misses: int = 0
    false_alarms: int = 0
    correct_rejections: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.hits + other.hits, self.misses + other.misses,
                      self.false_alarms + other.false_alarms,
                      self.correct_rejections + other.correct_rejections)

    @property
    def signals(self) -> int:
        """Times the technique was there: hits and misses."""
        return self.hits + self.misses

    @property
    def noises(self) -> int:
        """Times it was offered where it was not: false alarms and correct rejections."""
        return self.false_alarms + self.correct_rejections

    @property
    def hit_rate(self) -> float | None:
        return self.hits / self.signals if self.signals else None

    @property
    def false_alarm_rate(self) -> float | None:
        return self.false_alarms / self.noises if self.noises else None

    def _z_rates(self) -> tuple[float, float]:
        return (_Z((self.hits + 0.5) / (self.signals + 1)),
                _Z((self.false_alarms + 0.5) / (self.noises + 1)))

    @property
    def d_prime(self) -> float | None:
        """Sensitivity: 0 tells nothing apart, about 1 some, 2 or more well; None until both kinds of
        trial have happened."""
        if not self.signals or not self.noises:
            return None
        if self.hit_rate == self.false_alarm_rate:
            return 0.0
        z_hit, z_false = self._z_rates()
        return z_hit - z_false

    @property
    def bias(self) -> float | None:
        """Criterion c: below 0 the learner says "it is there" readily, above 0 reluctantly."""
        if not self.signals or not self.noises:
            return None
        z_hit, z_false = self._z_rates()
        return -(z_hit + z_false) / 2


def answer_counts(question: Question, record: AnswerRecord) -> dict[str, Counts]:
    """The decisions of one answer, counted per item (a technique id, or the `option_skill` of a question
    about statements): one per option offered, or one per word of a find passage. Counted without
    listing them, since a passage has many words."""
    chosen = offered(question).intersection(record.words if question.marks_words else record.choice)
    if question.marks_words:
        key = question.key_words()
        hits, misses, false_alarms = len(key & chosen), len(key - chosen), len(chosen - key)
        return {question.technique: Counts(hits, misses, false_alarms,
                                           len(question.words()) - hits - misses - false_alarms)}
    right = question.correct()
    skill = question.option_skill
    if skill is not None:
        keys = question.option_keys()
        hits, false_alarms = len(right & chosen), len(chosen - right)
        return {skill: Counts(hits, len(right) - hits, false_alarms, len(keys) - len(right) - false_alarms)}
    return {key: _ONE[key in right, key in chosen] for key in question.option_keys()}


def offered(question: Question) -> frozenset[str | int]:
    """What the question offers to decide about: its option keys, or its passage's word positions. An
    answer saved before the question was edited may name others; they were no decision and count for
    nothing."""
    return frozenset(range(len(question.words())) if question.marks_words else question.option_keys())


_ONE = {(True, True): Counts(hits=1), (True, False): Counts(misses=1),
        (False, True): Counts(false_alarms=1), (False, False): Counts(correct_rejections=1)}


def by_item(bank: Bank, answers: Iterable[AnswerRecord], recent: int | None = None,
            words: bool | None = None) -> dict[str, Counts]:
    """Counts per technique id (and per `unsupported` and `source` skill) over every answer, or over the
    `recent` latest answers that offered each item; with `words` True only the words marked in find
    questions, False only the options chosen. Answers to questions not in the bank are skipped; the
    order answers are stored in never matters.

    Over every answer this is the sum of `answer_counts`, found without counting answer by answer (a
    class report counts tens of thousands): per question, how many answered it and how many of them
    chose each option or marked each word decide all four counts."""
    questions = bank.questions
    counted = {question_id for question_id, question in questions.items()
               if words is None or question.marks_words == words}
    if recent:
        return _recent(bank, [a for a in answers if a.question_id in counted], recent)
    given = Counter((a.question_id, tuple(a.choice), tuple(a.words))  # learners repeat themselves
                    for a in answers if a.question_id in counted)
    times: Counter[str] = Counter()
    picks: Counter[str] = Counter()
    picked: Counter[tuple[str, str | int]] = Counter()
    offers: dict[str, frozenset[str | int]] = {}
    for (question_id, choice, marked), n in given.items():
        question = questions[question_id]
        if (offer := offers.get(question_id)) is None:
            offer = offers[question_id] = offered(question)
        chosen = offer.intersection(marked if question.marks_words else choice)
        times[question_id] += n
        picks[question_id] += n * len(chosen)
        for item in chosen:
            picked[question_id, item] += n
    totals: dict[str, list[int]] = {}
    for question_id, n in times.items():
        for item, *counts in _answered(questions[question_id], n, picks[question_id], picked):
            total = totals.setdefault(item, [0, 0, 0, 0])
            for place, count in enumerate(counts):
                total[place] += count
    return {item: Counts(*total) for item, total in totals.items()}


def _answered(question: Question, times: int, picks: int,
              picked: Counter[tuple[str, str | int]]) -> list[tuple[str, int, int, int, int]]:
    """The sum of `answer_counts` over `times` answers to `question`, which chose options (or marked
    words) `picks` times in all, option k (or word k) `picked[question.id, k]` times: per item, hits,
    misses, false alarms and correct rejections."""
    if question.marks_words:
        key, passage = question.key_words(), len(question.words())
        hits = sum(picked[question.id, word] for word in key)
        return [(question.technique, hits, times * len(key) - hits, picks - hits,
                 times * (passage - len(key)) - (picks - hits))]
    right, keys = question.correct(), question.option_keys()
    if question.option_skill is not None:
        hits = sum(picked[question.id, option] for option in right)
        return [(question.option_skill, hits, times * len(right) - hits, picks - hits,
                 times * (len(keys) - len(right)) - (picks - hits))]
    chosen = [(option, picked[question.id, option]) for option in keys]
    return [(option, n, times - n, 0, 0) if option in right else (option, 0, 0, n, times - n)
            for option, n in chosen]


def _recent(bank: Bank, kept: list[AnswerRecord], recent: int) -> dict[str, Counts]:
    """Counts over the `recent` latest of `kept` that offered each item."""
    kept = sorted(kept, key=lambda a: (a.answered_at, a.quiz_id, a.question_id))
    decided: dict[tuple, dict[str, Counts]] = {}
    per_item: dict[str, list[Counts]] = {}
    for record in kept:
        key = (record.question_id, tuple(record.choice), tuple(record.words))
        if (found := decided.get(key)) is None:
            found = decided[key] = answer_counts(bank.questions[record.question_id], record)
        for item, counts in found.items():
            per_item.setdefault(item, []).append(counts)
    return {item: sum(counts[-recent:], Counts()) for item, counts in per_item.items()}


@dataclass(frozen=True)
class Confusion:
    """In single-answer technique questions answered wrong: the right technique, the one named instead,
    and how many times."""

    answer: str
    chosen: str
    count: int


def confusions(bank: Bank, answers: Iterable[AnswerRecord]) -> list[Confusion]:
    """Which technique was named when the answer was another, most frequent first. A choice the
    question no longer offers (an answer saved before it was edited) names nothing."""
    questions = bank.questions
    table: Counter[tuple[str, str]] = Counter()
    for (question_id, choice), times in choices(answers).items():  # counting needs no order
        question = questions.get(question_id)
        if question is None:
            continue
        if question.kind in ("technique", "pair"):
            (right,) = question.correct()
            for chosen in offered(question).intersection(choice) - {right}:
                table[right, chosen] += times
    return [Confusion(answer, chosen, count)
            for (answer, chosen), count in sorted(table.items(), key=lambda kv: (-kv[1], kv[0]))]
