"""Item statistics for one question, as Moodle's quiz statistics report defines them.

Moodle's definitions (developer docs, "Quiz statistics calculations"; the code is
`question/classes/statistics/questions/calculator.php`), for a question scored from 0 to 1 as every
question of this quiz is, over the learners who answered it:

- **facility index** F: the mean score. 100% means everyone got full marks.
- **standard deviation** SD: the sample standard deviation of the scores (squares summed and divided
  by n − 1, as Moodle does).
- **discrimination index** D: the Pearson correlation between the score on this question and the score
  on the rest of the test, so that the question is not correlated with itself. Near 1, the learners
  who did well elsewhere did well here; near 0, this question tells nothing about the rest; below 0,
  the stronger learners did worse here than the weaker ones, which often means a wrong key or a
  defensible distractor.

One change is forced by how this quiz is taken: in Moodle every attempt has the same questions, and the
rest of the test is the attempt's total minus this question. Here each learner answers the questions
of the quizzes they chose, so totals over different numbers of questions cannot be compared. The rest
score is therefore the learner's **mean** score on the other questions they answered. When every
learner answered the same questions, that mean is the rest total divided by one fixed number, and the
correlation is exactly Moodle's.

Moodle's question bank marks a question "Needs checking?" from its discrimination index
(`question/bank/statistics/classes/helper.php`): very likely below 30%, likely below 50%, unlikely
from 50%. `needs_checking` says the same.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import StatisticsError, correlation, fmean, stdev

VERY_LIKELY_BELOW = 0.30
"""A discrimination index below this: Moodle says the question very likely needs checking."""
LIKELY_BELOW = 0.50
"""Below this (and from VERY_LIKELY_BELOW): it likely needs checking; from here on, unlikely."""


@dataclass(frozen=True)
class ItemStatistics:
    """What the answers to one question say about it; shares as fractions (0.5 is 50%)."""

    learners: int
    """Learners who answered the question: the n of the facility index and the SD."""
    facility: float
    sd: float | None
    """None with fewer than two learners."""
    discrimination: float | None
    """None when it cannot be computed: fewer than two learners who also answered another question,
    or the same score for all of them here (or on the rest), as when everyone got it right."""
    compared: int
    """Learners who answered this and at least one other question: the n of the discrimination index."""

    @property
    def needs_checking(self) -> str | None:
        """Moodle's verdict from the discrimination index: "very likely", "likely", "unlikely", or None
        when the index cannot be computed."""
        if self.discrimination is None:
            return None
        if self.discrimination < VERY_LIKELY_BELOW:
            return "very likely"
        if self.discrimination < LIKELY_BELOW:
            return "likely"
        return "unlikely"


def item_statistics(scores: Sequence[float], rest: Sequence[float | None]) -> ItemStatistics:
    """The statistics of a question from each learner's score on it and their rest score (their mean
    score on the other questions they answered, None if they answered no other); at least one learner."""
    pairs = [(score, other) for score, other in zip(scores, rest, strict=True) if other is not None]
    discrimination = None
    if len(pairs) >= 2:
        try:
            discrimination = correlation([s for s, _ in pairs], [o for _, o in pairs])
        except StatisticsError:  # a constant series: no correlation is defined
            discrimination = None
    return ItemStatistics(
        learners=len(scores), facility=fmean(scores),
        sd=stdev(scores) if len(scores) >= 2 else None,
        discrimination=discrimination, compared=len(pairs))
