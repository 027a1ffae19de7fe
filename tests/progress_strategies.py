"""Hypothesis strategies for progress records, shared by the progress file and progress line tests."""

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import strategies as st

from quiz.domain.progress import AnswerRecord, ReviewCard, UnfinishedQuiz

BIDI_CONTROLS = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
"""Format characters that text from files may not hold (quiz.domain.text.CONTROL), as C0/C1 may not."""

ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)
moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1),
                       timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]))
answers = st.builds(AnswerRecord, question_id=ids, quiz_id=ids, answered_at=moments,
                    choice=st.lists(ids, max_size=5), words=st.lists(st.integers(0, 10**6), max_size=6),
                    score=st.floats(0, 1), confidence=st.sampled_from([None, "sure", "unsure"]))
cards = st.builds(ReviewCard, state=st.integers(1, 3), stability=st.floats(1e-6, 1e6),
                  difficulty=st.floats(1, 10), due=moments, last_review=moments)
titles = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=BIDI_CONTROLS),
                 min_size=1, max_size=60)
quizzes = st.builds(UnfinishedQuiz, quiz_id=ids, title=titles, started_at=moments,
                    question_ids=st.lists(ids, min_size=1, max_size=10), seed=st.integers(-2**63, 2**63 - 1))
