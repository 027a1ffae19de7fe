"""How the report shows numbers and texts, and what each of its labels means: shared by the text, CSV
and HTML renderings so that a label reads the same and means the same in all three.

Shares are shown as whole percentages (one decimal in CSV, for spreadsheets to compute with), rounded
as quiz.words rounds them for every interface: halves away from zero, 37.5% is 38%, −12.5% is −13%.
"""

from datetime import datetime, tzinfo

from quiz import words
from quiz.words import shorten

NONE = "—"
"""Shown where a number cannot be computed (see the definitions)."""


def percent(value: float | None) -> str:
    """A share as a whole percentage ("38%"), or NONE."""
    return NONE if value is None else words.percent(value)


def percent_1(value: float | None) -> str:
    """A share as a percentage number with one decimal, for CSV ("37.5"), or ""."""
    return "" if value is None else f"{words.half_up(100 * value, 1):.1f}"


def out_of(part: int, whole: int) -> str:
    """ "2 of 3" ("1,200 of 3,000": thousands separated, as every count is), or NONE when `whole` is 0."""
    return f"{part:,} of {whole:,}" if whole else NONE


def quoted(text: str, width: int | None = None) -> str:
    """`text` in curly quotes, shortened so that the whole fits in `width` characters."""
    return f"“{text if width is None else shorten(text, width - 2)}”"


def naming(text: str, is_quote: bool, width: int | None = None) -> str:
    """A question's naming text in `width` characters: in curly quotes if it is a quote from a source,
    plain if it is the question's own prompt."""
    if is_quote:
        return quoted(text, width)
    return text if width is None else shorten(text, width)


def local_time(moment: datetime | None, zone: tzinfo | None) -> str:
    """A moment as "2026-11-23 09:04" in `zone` (None: this computer's time zone), or NONE."""
    return NONE if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def zone_name(zone: tzinfo | None) -> str:
    """The name of the time zone times are shown in, e.g. "UTC" or "CET"."""
    return datetime.now(zone).astimezone(zone).tzname() or "local time"


WHICH_ANSWERS = ("Score, item analysis, distractors and confusions count each learner's first answer to "
                 "each question, as Moodle's quiz statistics do; mastery counts every answer.")

GRADEBOOK = {
    "Score": "the mean score of the learner's first answer to each question they answered "
             "(a question scores 0 to 100%; all that apply and find questions give partial credit).",
    "Questions": "how many of the bank's questions they answered.",
    "Answers": "every answer they gave to the bank's questions, retakes included.",
    "Last active": "when they last answered a question",
}

MASTERY = {
    "Spots": "of the decisions where the technique was there (a right option offered, a word of a "
             "find question's key), how many times the learner said it was.",
    "False alarms": "of the decisions where it was not there (a wrong option offered, a word outside "
                    "the key), how many times the learner said it was.",
    "": "Each option offered is one yes/no decision about one technique, each word of a find passage "
        "one decision about the technique it asks for. Every answer counts, retakes included. Good "
        "mastery is many spots and few false alarms; a learner who ticks everything has both at 100%.",
}

ITEMS = {
    "Learners": "learners who answered the question.",
    "Facility": "Moodle's facility index: the mean score of their first answers. Low is hard.",
    "SD": "the standard deviation of those scores (sample, n − 1), as a percentage of full marks.",
    "Discrim.": "Moodle's discrimination index: the correlation between the score on this question "
                "and each learner's mean score on the other questions they answered, in percent. "
                "Negative: the learners who did well elsewhere did worse here.",
    "Check?": "Moodle's \"Needs checking?\" from the discrimination index: very likely below 30%, "
              "likely from 30% to below 50%, unlikely from 50%.",
    NONE: "cannot be computed: the SD needs two learners; the discrimination index needs two learners "
          "who also answered another question, with different scores here and elsewhere (it has "
          "none when everyone got the same score).",
}

DISTRACTORS = ("How many learners gave each response, first answers only. With all that apply, a "
               "learner may tick several options. For a find question: how many marked all, part or "
               "none of each key span, any word of each tempting wrong run the author named, and any "
               "word outside every key span.")

CONFUSIONS = ("In single-answer technique and both-sides questions answered wrong (first answers): the "
              "right technique, the one named instead, and how many times.")

TECHNIQUES = ("The class's decisions about each technique added up over every learner and every "
              "answer: where to teach again.")

MOODLE_DOCS = "https://docs.moodle.org/dev/Quiz_statistics_calculations"
