"""A learner's stats in words and as JSON: for `quiz stats`, plain mode and the app's stats screen.

The words read aloud line by line, like plain mode: "Name calling or labelling: spots it 8 of 10 times;
sees it where it is not 1 time in 12; d′ 1.9, tells it apart well." The JSON carries the raw counts,
so scripts and teachers can recompute anything.
"""

from typing import Any

from quiz.domain.bank import Bank
from quiz.domain.discernment import RECENT, Counts
from quiz.domain.stats import LearnerStats, TechniqueStats
from quiz.words import counted, due_summary, percent, tally

CONFUSIONS_SHOWN = 3


def times(count: int) -> str:
    return counted(count, "time")


def in_words(counts: Counts, words: Counts | None = None) -> str:
    """Decisions about options (`counts`: "spots it 8 of 10 times; sees it where it is not 1 time in
    12; d′ 1.9") and, when given, about the words of find passages, said apart with their own d′:
    pooling them would let a passage's many words outweigh the options."""
    parts = []
    if counts.signals:
        parts.append(f"spots it {counts.hits:,} of {times(counts.signals)}")
    if counts.noises:
        parts.append(f"sees it where it is not {times(counts.false_alarms)} in {counts.noises:,}")
    if counts.d_prime is not None:
        parts.append(f"d′ {counts.d_prime:.1f}, {discernment_word(counts.d_prime)}")
    if words is not None and words.signals + words.noises:
        marked = (f"in passages, marks {words.hits:,} of its {counted(words.signals, 'word')} and "
                  f"{words.false_alarms:,} of {counted(words.noises, 'other word')}")
        parts.append(marked + (f" (d′ {words.d_prime:.1f})" if words.d_prime is not None else ""))
    return "; ".join(parts) or "not met yet"


def discernment_word(d_prime: float) -> str:
    """d′ in words: about 0 is guessing, 1 is fair, 2 and above is telling the two apart well."""
    if d_prime < 0.5:
        return "not yet told apart from where it is not"
    if d_prime < 1.5:
        return "told apart some of the time"
    return "told apart well"


def bias_words(counts: Counts) -> str | None:
    """A strong lean either way, in words; None when the learner leans neither way."""
    bias = counts.bias
    if bias is None or abs(bias) < 0.5:
        return None
    return ("you say it is there readily, even where it is not" if bias < 0
            else "you say it is there only when sure, and miss it sometimes")


def this_quiz(counts: Counts, words: Counts | None = None) -> str:
    """One quiz's decisions about a technique: "spotted 2 of 3, false alarms 1 of 9", and the words
    marked in its passages apart: "marked 4 of its 5 words, 1 other"."""
    parts = [f"spotted {counts.hits:,} of {counts.signals:,}"] if counts.signals else []
    parts += [f"false alarms {counts.false_alarms:,} of {counts.noises:,}"] if counts.noises else []
    if words is not None and words.signals + words.false_alarms:
        parts.append(f"marked {words.hits:,} of its {counted(words.signals, 'word')} in passages"
                     + (f", {counted(words.false_alarms, 'other word')}" if words.false_alarms else ""))
    return ", ".join(parts)


def by_article(accuracy) -> str:
    """One article's line: "OneWorld op-ed: 67% of the marks over 3 answers: 1 right, 1 partly right"."""
    answers = accuracy.tally
    return (f"{accuracy.name}: {percent(answers.share)} of the marks over "
            f"{counted(answers.answered, 'answer')}: {tally(answers.right, answers.partly, answers.answered)}.")


def technique_line(line: TechniqueStats) -> str:
    lean = bias_words(line.counts)
    return f"{line.name}: {in_words(line.counts, line.words)}" + (f"; {lean}" if lean else "") + "."


def lines(stats: LearnerStats, bank: Bank) -> list[str]:
    """The stats as lines that each make sense read aloud on their own."""
    if not stats.answered:
        return ["No answers yet. Take a quiz, and how well you spot each technique will show here."]
    out = [f"Your stats: {counted(stats.answered, 'answer')}. {due_summary(stats.due)}",
           "Discernment per technique, over all your answers. Spots it: the times it was an option that "
           "applied and you chose it. Sees it where it is not: the times you chose it and it did not "
           "apply. d′ is 0 when you cannot tell the two apart, 2 or more when you tell them apart well. "
           "In passages: the words you marked in find-it-in-the-text questions, counted apart."]
    out += [technique_line(line) for line in stats.techniques]
    if stats.unsupported:
        out.append(f"Unsupported claims: {in_words(stats.unsupported.counts)}.")
    if stats.sources:
        out.append(f"Questions about the sources: {in_words(stats.sources.counts)}.")
    for confusion in stats.confusions[:CONFUSIONS_SHOWN]:
        answer, chosen = bank.techniques[confusion.answer], bank.techniques[confusion.chosen]
        out.append(f"You chose {chosen.name} when the answer was {answer.name} "
                   f"{times(confusion.count)}.")
        out.append(f"{answer.name}: {answer.definition}")
        out.append(f"{chosen.name}: {chosen.definition}")
        out.append(f"Telling them apart: {bank.contrast(answer.id, chosen.id) or answer.hint}")
    if len(stats.accuracy) > 1:
        out.append("By article; a gap suggests you read one side less critically.")
        out += [by_article(a) for a in stats.accuracy]
    c = stats.calibration
    if c.sure or c.unsure:
        out += [f"When you were {label}: {right:,} of {total:,} right." for label, right, total in
                (("sure", c.sure_right, c.sure), ("unsure", c.unsure_right, c.unsure)) if total]
    return out


def _counts(counts: Counts) -> dict[str, Any]:
    return {"hits": counts.hits, "misses": counts.misses, "false_alarms": counts.false_alarms,
            "correct_rejections": counts.correct_rejections, "hit_rate": counts.hit_rate,
            "false_alarm_rate": counts.false_alarm_rate, "d_prime": counts.d_prime, "bias": counts.bias}


def _technique(line: TechniqueStats) -> dict[str, Any]:
    return {"id": line.id, "name": line.name, **_counts(line.counts), "recent": _counts(line.recent),
            "marked_words": _counts(line.words)}


def as_json(stats: LearnerStats) -> dict[str, Any]:
    """The stats for scripts: raw counts beside every rate, None (null) where a rate is undefined."""
    c, due = stats.calibration, stats.due
    return {
        "answers": stats.answered,
        "recent_answers_per_technique": RECENT,
        "techniques": [_technique(line) for line in stats.techniques],
        "unsupported": _technique(stats.unsupported) if stats.unsupported else None,
        "sources": _technique(stats.sources) if stats.sources else None,
        "confusions": [{"answer": x.answer, "chosen": x.chosen, "count": x.count} for x in stats.confusions],
        "accuracy_by_source": [{"source": a.source, "answers": a.tally.answered, "right": a.tally.right,
                                "partly_right": a.tally.partly, "mean_score": a.tally.share}
                               for a in stats.accuracy],
        "calibration": {"sure": c.sure, "sure_right": c.sure_right, "unsure": c.unsure,
                        "unsure_right": c.unsure_right},
        "due": {"now": due.now, "later_today": due.later_today, "tomorrow": due.tomorrow,
                "this_week": due.this_week,
                "next": due.next_at.isoformat() if due.next_at else None},
    }
