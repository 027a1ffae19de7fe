"""Spaced review: when each answered question should come back, by the FSRS algorithm (`fsrs` package).

A miss brings a question back the next day, a right answer in a few days, and each further right answer
stretches the interval. Quizzes are taken a day or more apart, so there are no minute-level learning
steps, and no random fuzz: the same answers at the same times always give the same schedule.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Literal

from fsrs import Card, Rating, Scheduler, State

from quiz.domain.progress import ReviewCard

Confidence = Literal["sure", "unsure"]

_SCHEDULER = Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())


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
    return ReviewCard(state=after.state.value, stability=after.stability, difficulty=after.difficulty,
                      due=after.due, last_review=after.last_review)


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
