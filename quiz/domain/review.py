"""Spaced review: when each answered question should come back, by the FSRS algorithm (`fsrs` package).

A miss brings a question back the next day, a right answer in a few days, and each further right answer
stretches the interval. Quizzes are taken a day or more apart, so there are no minute-level learning
steps, and no random fuzz: the same answers at the same times always give the same schedule.

One exception: a miss the learner was sure of comes back after SURE_MISS_DELAY, the same day, instead
of the next day. A confident error is a misconception, and corrected errors made with high confidence are
the ones most likely to be fixed by an early retest, and most likely to return if left alone
(the hypercorrection effect: Butterfield & Metcalfe 2001; Butler, Fazio & Marsh 2011). The memory state
FSRS keeps is the same as for any miss; only the next date is earlier.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from fsrs import Card, Rating, Scheduler, State

from quiz.domain.progress import ReviewCard

Confidence = Literal["sure", "unsure"]

_SCHEDULER = Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())

SURE_MISS_DELAY = timedelta(hours=1)
"""How soon a miss the learner was sure of is due again (any other miss: FSRS's one day)."""


def rating(score: float, confidence: Confidence | None) -> Rating:
    """How well the question was recalled: a miss is Again, partial credit or an unsure right answer
    Hard, a right answer Good, and a right answer the learner was sure of Easy."""
    if score <= 0:
        return Rating.Again
    if score < 1 or confidence == "unsure":
        return Rating.Hard
    return Rating.Easy if confidence == "sure" else Rating.Good


def review(card: ReviewCard | None, score: float, confidence: Confidence | None,
           when: datetime) -> ReviewCard:
    """The question's schedule after being answered at `when` (timezone-aware) with `score`."""
    before = Card(card_id=1, due=when) if card is None else Card(
        card_id=1, state=State(card.state), stability=card.stability, difficulty=card.difficulty,
        due=card.due, last_review=card.last_review)
    after, _ = _SCHEDULER.review_card(before, rating(score, confidence), when)
    due_at = min(after.due, when + SURE_MISS_DELAY) if score <= 0 and confidence == "sure" else after.due
    return ReviewCard(state=after.state.value, stability=after.stability, difficulty=after.difficulty,
                      due=due_at, last_review=after.last_review)


def due(reviews: Mapping[str, ReviewCard], now: datetime, among: Iterable[str]) -> list[str]:
    """Question ids among `among` whose review is due at `now`, the most overdue first."""
    wanted = set(among)
    return sorted((qid for qid, card in reviews.items() if qid in wanted and card.due <= now),
                  key=lambda qid: (reviews[qid].due, qid))


def replay(answers: Iterable) -> dict[str, ReviewCard]:
    """The schedule that a history of answers leads to, replayed in the order they were given."""
    reviews: dict[str, ReviewCard] = {}
    for answer in sorted(answers, key=lambda a: a.answered_at):
        reviews[answer.question_id] = review(reviews.get(answer.question_id), answer.score,
                                             answer.confidence, answer.answered_at)
    return reviews


@dataclass(frozen=True)
class Forecast:
    """How many questions fall due when, as a deck list says it: now, later today, tomorrow, within a
    week; and the next moment any question falls due, with how many fall due that calendar day."""

    now: int
    later_today: int
    tomorrow: int
    this_week: int
    """Due after now and within the next seven days (later today and tomorrow included)."""
    next_at: datetime | None
    next_day_count: int


def forecast(reviews: Mapping[str, ReviewCard], now: datetime, among: Iterable[str]) -> Forecast:
    """Counts of `among`'s reviews by when they fall due, days counted in `now`'s time zone."""
    wanted = set(among)
    dues = sorted(card.due.astimezone(now.tzinfo) for qid, card in reviews.items() if qid in wanted)
    today = now.date()
    later = [d for d in dues if d > now]
    next_at = later[0] if later else None
    return Forecast(
        now=sum(d <= now for d in dues),
        later_today=sum(d.date() == today for d in later),
        tomorrow=sum(d.date() == today + timedelta(days=1) for d in later),
        this_week=sum(d <= now + timedelta(days=7) for d in later),
        next_at=next_at,
        next_day_count=sum(d.date() == next_at.date() for d in later) if next_at else 0,
    )
