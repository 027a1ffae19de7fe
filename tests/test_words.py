"""Counts read as people write them."""

from quiz.words import counted


def test_one_is_singular_and_large_numbers_are_grouped():
    assert counted(1, "error") == "1 error"
    assert counted(0, "error") == "0 errors"
    assert counted(2, "source") == "2 sources"
    assert counted(10_000, "question") == "10,000 questions"
