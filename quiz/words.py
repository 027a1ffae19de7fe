"""Small pieces of wording shared by every interface and report."""


def counted(number: int, noun: str) -> str:
    """`number` with `noun`, plural unless it is one, thousands separated: "1 answer", "10,000 answers"."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"
