"""Small pieces of wording shared by every interface and report, so a number reads the same everywhere.

Scores are rounded for people: marks to one decimal ("5.7 of 10", "2 of 3" when whole), shares as
whole percentages ("57%"), halves away from zero as people round by hand (37.5% is 38%; Python's `round`
would make 62.5% into 62%). Counts of answers say partly right answers as such, never folding them into
"right" or "wrong": "1 right, 1 partly right".
"""

import math


def counted(number: int, noun: str) -> str:
    """`number` with `noun`, plural unless it is one, thousands separated: "1 answer", "10,000 answers"."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def half_up(value: float, digits: int) -> float:
    """`value` rounded to `digits` decimals, halves away from zero; representation noise such as
    0.285 * 100 = 28.499999999999996 is first rounded off, so that it rounds as 28.5 does."""
    scale = 10 ** digits
    magnitude = math.floor(round(abs(value) * scale, 6) + 0.5) / scale
    return math.copysign(magnitude, value) if magnitude else 0.0


def marks(value: float) -> str:
    """Marks rounded to one decimal, without a trailing ".0": 5.66667 -> "5.7", 3.0 -> "3"."""
    text = f"{half_up(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


def percent(share: float) -> str:
    """A share in [0, 1] as a whole percentage: 0.5666 -> "57%", 0.375 -> "38%"."""
    return f"{half_up(100 * share, 0):.0f}%"


def shorten(text: str, width: int) -> str:
    """`text` on one line in at most `width` characters, cut after a whole word with "…" if longer."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut and not text[width - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def tally(right: int, partly: int, total: int) -> str:
    """How answers went, in words: "2 right, 1 partly right, 1 wrong"; parts that are 0 are left out,
    except that "0 right" is said when nothing else was right either. Thousands are separated, as
    `counted` separates them: "3,333 right"."""
    wrong = total - right - partly
    parts = [f"{right:,} right"] if right or not partly else []
    parts += [f"{partly:,} partly right"] if partly else []
    parts += [f"{wrong:,} wrong"] if wrong else []
    return ", ".join(parts)


def due_summary(forecast) -> str:
    """When questions fall due, as a deck list says it: "3 due for review now; 4 more tomorrow.",
    "Nothing due now; next: 4 due tomorrow." (`forecast` is a quiz.domain.review.Forecast)."""
    if forecast.next_at is None:
        return f"{forecast.now:,} due for review now." if forecast.now else "Nothing is due for review."
    if forecast.later_today:
        count, when = forecast.later_today, "later today"
    elif forecast.tomorrow:
        count, when = forecast.tomorrow, "tomorrow"
    else:
        day = forecast.next_at
        count, when = forecast.next_day_count, f"on {day:%a} {day.day} {day:%b}"
    if forecast.now:
        return f"{forecast.now:,} due for review now; {count:,} more {when}."
    return f"Nothing due now; next: {count:,} due {when}."
