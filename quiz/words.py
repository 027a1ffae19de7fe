"""Small pieces of wording shared by every interface and report."""


def counted(number: int, noun: str) -> str:
    """`number` with `noun`, plural unless it is one: "1 answer", "3 answers"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
