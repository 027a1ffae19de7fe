"""The rules a question bank must keep beyond the shape of each field, as pure functions.

Each rule returns `Finding`s that point at a field by its path inside the question (("answer",),
("sentences", 2, "quote"), ...), so the loader can turn the path into a line of the file. Errors make a
bank unusable; warnings are content advice (balance, reuse, thin explanations) that `--strict` enforces.

Every independent problem is reported at once, but when one mistake explains others only the root is:
a misspelt option is not also asked for feedback, a misspelt answer does not turn the intended answer
into "a wrong option with no feedback", and a question some of whose fields could not be read is
checked on the fields that could.
"""

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Literal

from quiz.domain.anchoring import Span, closest_passage, find_quote
from quiz.domain.models import FindQuestion, Question, Source, Technique
from quiz.domain import tokens
from quiz.words import counted

Path = tuple[str | int, ...]

MIN_EXPLANATION_WORDS = 20
BALANCE_TOLERANCE = 0.10
"""A source's share of the bank (and of each kind) may stray this far from an even split, or half a
question, whichever is more: three questions on two articles cannot split closer than 2 to 1."""
SMALL_BANK = 20
"""Below this many questions a technique offered as an option needs to be the answer once, not twice."""

TECHNIQUE_OPTION_KINDS = frozenset({"technique", "techniques", "pair"})
"""Kinds whose options, answers and feedback keys are technique ids (the rules dispatch on `kind`,
which is cheaper than isinstance on pydantic models: it counts in a bank of 10,000 questions)."""
_KEYED_OPTIONS = {"unsupported": "sentence keys", "source": "option keys"}
"""Kinds whose options are tables with a `key` (sentences, short texts), and what their keys are called."""


@dataclass(frozen=True)
class Finding:
    path: Path
    message: str
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"
    about: tuple[str, str] | None = None
    """("source", id) or ("technique", id) when the finding is a reference to an id no table defines,
    so that the loader can hold it back when a table it could not read may define that id."""


@dataclass
class Anchors:
    """Where every quote of every question sits in its source, by question id, in `quotes()` order."""

    spans: dict[str, list[Span]] = field(default_factory=dict)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` is most likely a misspelling of, if one is close; never `word` itself."""
    close = get_close_matches(word, [c for c in choices if c != word], n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    guess = closest(word, choices)
    return f"did you mean {guess!r}?" if guess else None


def check_question(
    question: Question,
    techniques: Mapping[str, Technique],
    sources: Mapping[str, Source],
    texts: Mapping[str, str],
    anchors: Anchors,
    readable: Collection[str] | None = None,
) -> list[Finding]:
    """Every broken rule of one question; records where its quotes are found in `anchors`.

    `readable` names the fields that could be read when others could not (None: all could); a rule
    that needs an unreadable field is skipped, since the loader has already reported that field.
    """

    def has(*names: str) -> bool:
        return readable is None or all(name in readable for name in names)

    findings: list[Finding] = []
    findings += _check_sources(question, sources, has)
    kind = question.kind
    if kind in TECHNIQUE_OPTION_KINDS or kind in _KEYED_OPTIONS:
        options = "sentences" if kind == "unsupported" else "options"
        answers = "answers" if kind == "techniques" else "answer"
        if has(options):
            found, intended, misspelt = _check_options(question, techniques, has(answers))
            findings += found
            if has("feedback" if kind in TECHNIQUE_OPTION_KINDS else options):
                findings += _check_feedback(question, intended, misspelt)
    findings += _check_quotes(question, sources, texts, anchors, has)
    if kind == "find" and has("technique", "passage", "spans", "wrong_marks"):
        findings += _check_find(question, techniques)
    if has("explanation"):
        length = len(question.explanation.split(maxsplit=MIN_EXPLANATION_WORDS))  # enough to decide
        if length < MIN_EXPLANATION_WORDS:
            findings.append(Finding(
                ("explanation",), f"the explanation has {counted(length, 'word')}, fewer than "
                                  f"{MIN_EXPLANATION_WORDS}",
                "name the words that carry the technique and the question a careful reader should ask",
                "warning"))
    return findings


def _source_refs(question: Question) -> list[tuple[Path, str]]:
    """Each source id the question names, with the path of its `source` field."""
    if question.kind == "pair":
        return [(("passages", i, "source"), p.source) for i, p in enumerate(question.passages)]
    return [(("source",), question.source)]


def _source_fields(question: Question) -> tuple[str, ...]:
    return ("passages",) if question.kind == "pair" else ("source",)


def _check_sources(question: Question, sources: Mapping[str, Source], has) -> list[Finding]:
    if not has(*_source_fields(question)):
        return []
    findings = []
    for path, source in _source_refs(question):
        if source not in sources:
            findings.append(Finding(
                path, f"unknown source {source!r}", did_you_mean(source, sources) or
                f"known sources: {', '.join(sorted(sources)) or 'none (add a [[source]])'}",
                about=("source", source)))
    if question.kind == "pair" and len({p.source for p in question.passages}) < 2:
        findings.append(Finding(("passages", 1, "source"), "both passages come from the same source",
                                "a pair takes one passage from each of two different sources"))
    return findings


def _answer_paths(question: Question) -> list[tuple[Path, str]]:
    if question.kind == "techniques":
        return [(("answers", i), a) for i, a in enumerate(question.answers)]
    return [(("answer",), question.answer)]


def _check_options(
    question: Question, techniques: Mapping[str, Technique], answers_readable: bool
) -> tuple[list[Finding], set[str] | None, set[str]]:
    """Findings on the options and answers; the right options as the author meant them (None when an
    answer matches no option closely enough to guess); the options that are misspelt technique ids."""
    findings = []
    keys = question.option_keys()
    keyed = question.kind in _KEYED_OPTIONS
    for i, key in enumerate(keys):
        if keys.index(key) != i:
            where = ("sentences" if question.kind == "unsupported" else "options", i) + (("key",) if keyed else ())
            findings.append(Finding(where, f"option {key!r} appears twice", "give each option once"))
    misspelt: set[str] = set()
    if not keyed:
        for i, key in enumerate(keys):
            if key not in techniques:
                misspelt.add(key)
                findings.append(Finding(("options", i), f"unknown technique {key!r}",
                                        did_you_mean(key, techniques) or "quiz techniques lists the ids "
                                        "this bank knows", about=("technique", key)))
    if not answers_readable:
        return findings, None, misspelt
    intended: set[str] | None = set()
    label = _KEYED_OPTIONS.get(question.kind, "options")
    for path, answer in _answer_paths(question):
        if answer in keys:
            meant = answer
        elif answer in techniques and (option := closest(answer, misspelt)):
            meant = option  # the option is misspelt, not the answer: that finding is the root
        else:
            meant = closest(answer, keys)
            findings.append(Finding(path, f"answer {answer!r} is not among the {label}",
                                    f"did you mean {meant!r}?" if meant else f"choose one of {keys}"))
        if intended is not None:  # one answer past guessing leaves the right options unknown
            if meant:
                intended.add(meant)
            else:
                intended = None
    if question.kind == "techniques" and intended is not None and set(keys) <= intended:
        findings.append(Finding(("answers",), "every option is an answer",
                                "add at least one plausible wrong option, so ticking everything does not pay"))
    return findings, intended, misspelt


def _check_feedback(question: Question, intended: set[str] | None, misspelt: set[str]) -> list[Finding]:
    """Feedback for every wrong option and for no other; nothing asked of an option that is itself a
    mistake, and nothing about which options are wrong while the right one is unknown."""
    findings = []
    keys = question.option_keys()
    wrong = [] if intended is None else [k for k in keys if k not in intended and k not in misspelt]
    if question.kind == "unsupported":
        for i, sentence in enumerate(question.sentences):
            if sentence.key in wrong and not sentence.feedback:
                findings.append(Finding(
                    ("sentences", i, "key"), f"wrong sentence {sentence.key!r} has no feedback",
                    'add feedback = "why this sentence is supported in the text"'))
        return findings
    if question.kind == "source":
        for i, option in enumerate(question.options):
            if option.key in wrong and not option.feedback:
                findings.append(Finding(("options", i, "key"), f"wrong option {option.key!r} has no feedback",
                                        'add feedback = "why this option does not fit"'))
        return findings
    missing = [k for k in wrong if k not in question.feedback]
    for key in question.feedback:
        if key in keys:
            if intended is not None and key in intended:
                findings.append(Finding(("feedback", key), f"feedback for {key!r}, which is a right answer",
                                        "feedback is for wrong options only"))
            continue
        if closest(key, misspelt):
            continue  # keyed by the intended spelling of a misspelt option: that option is the root
        guess = closest(key, missing)
        if guess:
            missing.remove(guess)  # one misspelt key, not also a wrong option without feedback
        findings.append(Finding(("feedback", key), f"feedback for {key!r}, which is not an option",
                                f"did you mean {guess!r}?" if guess else
                                f"feedback is for wrong options only: remove it, or add {key!r} to options"))
    for key in missing:
        findings.append(Finding(("feedback",), f"wrong option {key!r} has no feedback",
                                f'add {key} = "why it does not fit this passage" under [question.feedback]'))
    return findings


def _quote_fields(question: Question) -> tuple[str, ...]:
    if question.kind == "unsupported":
        return ("source", "sentences")
    if question.kind == "pair":
        return ("passages",)
    if question.kind == "find":
        return ("source", "passage")
    return ("source", "quote")


def _passages(question: Question) -> list[tuple[str, str]]:
    """(source id, quote) of each quoted passage, in `quotes()` order, without building models."""
    kind = question.kind
    if kind == "unsupported":
        return [(question.source, s.quote) for s in question.sentences]
    if kind == "pair":
        return [(p.source, p.quote) for p in question.passages]
    if kind in ("technique", "techniques"):
        return [(question.source, question.quote)]
    if kind == "find":
        return [(question.source, question.passage)]
    return [(question.source, question.quote)] if question.quote else []  # a `source` question


def _quote_paths(question: Question) -> list[Path]:
    if question.kind == "unsupported":
        return [("sentences", i, "quote") for i in range(len(question.sentences))]
    if question.kind == "pair":
        return [("passages", i, "quote") for i in range(len(question.passages))]
    if question.kind == "find":
        return [("passage",)]
    if question.kind == "source":
        return [("quote",)] if question.quote else []
    return [("quote",)]


def _check_quotes(
    question: Question,
    sources: Mapping[str, Source],
    texts: Mapping[str, str],
    anchors: Anchors,
    has,
) -> list[Finding]:
    if not has(*_quote_fields(question)):
        return []
    findings = []
    spans = []
    quotes = _passages(question)
    for path, (source, quote) in zip(_quote_paths(question), quotes):
        if source not in texts:
            continue
        span = find_quote(texts[source], quote)
        if span is None:
            findings.append(Finding(path, f"quote not found in {sources[source].file}",
                                    _miss_hint(source, quote, sources, texts)))
        else:
            spans.append(span)
    if not findings and len(spans) == len(quotes) and has("id"):
        anchors.spans[question.id] = spans
    return findings


def _miss_hint(source: str, quote: str, sources: Mapping[str, Source], texts: Mapping[str, str]) -> str:
    """Where the quote is after all: in another source, or how the closest passage differs."""
    elsewhere = next((other for other, text in texts.items()
                      if other != source and find_quote(text, quote) is not None), None)
    if elsewhere is not None:
        return (f"it is in {elsewhere!r} ({sources[elsewhere].file}), not in {source!r}: "
                f'should source be "{elsewhere}"?')
    return closest_passage(texts[source], quote).describe()


def _check_find(question: FindQuestion, techniques: Mapping[str, Technique]) -> list[Finding]:
    """A find question's technique is known, and its key spans and wrong marks are whole words of its
    passage; the key must leave most of the passage unmarked, or marking everything would pay."""
    findings = []
    if question.technique not in techniques:
        findings.append(Finding(("technique",), f"unknown technique {question.technique!r}",
                                did_you_mean(question.technique, techniques) or
                                "quiz techniques lists the ids this bank knows",
                                about=("technique", question.technique)))
    passage = question.passage
    runs = [(("spans", i), span, "key span") for i, span in enumerate(question.spans)]
    runs += [(("wrong_marks", i, "quote"), w.quote, "wrong mark") for i, w in enumerate(question.wrong_marks)]
    for path, run, what in runs:
        start = passage.find(run)
        if start < 0:
            findings.append(Finding(path, f"{what} {_short(run)} is not in the passage",
                                    "copy it exactly from the question's passage"))
        elif cut := tokens.cuts_a_word(passage, start, start + len(run)):
            findings.append(Finding(path, f"{what} {_short(run)} cuts the word {cut.text!r} in two",
                                    "start and end it on whole words"))
    key = set().union(*(tokens.covered(passage, span) for span in question.spans))
    for i, wrong in enumerate(question.wrong_marks):
        marked = set(tokens.covered(passage, wrong.quote))
        if marked and marked <= key:
            findings.append(Finding(("wrong_marks", i, "quote"),
                                    f"wrong mark {_short(wrong.quote)} lies inside a key span",
                                    "a wrong mark must include words outside the key spans"))
    total = tokens.count(passage)
    if key and len(key) * 2 > total:
        findings.append(Finding(("spans",), f"the key spans cover {len(key)} of the passage's {total} "
                                "words", "keep the key to the smallest run of words that does the work, "
                                "in a passage at least twice as long", "warning"))
    return findings


def _short(text: str, limit: int = 50) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def technique_use_finding(technique: str, offered: int, answered: int, questions: int) -> str | None:
    """What is wrong with how often a technique offered as an option is the right answer, if anything.

    A technique offered but never right teaches learners to rule it out without reading. In a small
    bank that shows only once a technique is offered twice (a one-article bank of a few questions
    cannot make every distractor an answer too); from SMALL_BANK questions on, each technique offered
    must be the answer of two questions, so that learners can practise it.
    """
    offered_in = f"technique {technique!r} is offered as an option in {counted(offered, 'question')}"
    if answered == 0 and (questions >= SMALL_BANK or offered >= 2):
        return f"{offered_in} but is never the right answer"
    if answered == 1 and questions >= SMALL_BANK:
        return f"{offered_in} but is the right answer of only 1 question"
    return None


def check_usage(
    questions: Mapping[str, Question], techniques: Mapping[str, Technique], sources: Collection[str]
) -> list[tuple[str, str, Finding]]:
    """Warnings only the whole bank shows, each with the table and id it concerns ("", "" for the bank)."""
    found: list[tuple[str, str, Finding]] = []
    seen_quotes: dict[tuple[str, str], str] = {}
    for qid, question in questions.items():
        for path, source, text in _main_quotes(question):
            # The same passage typed with other whitespace is the same passage (isprintable is False
            # for every whitespace but the plain space, so most quotes skip the split).
            key = (source, text if text.isprintable() and "  " not in text else " ".join(text.split()))
            if key in seen_quotes:
                found.append(("question", qid, Finding(
                    path, f"this quote is also used by question {seen_quotes[key]!r}",
                    "pick another passage so each question teaches something new", "warning")))
            else:
                seen_quotes[key] = qid
    technique_questions = [q for q in questions.values() if q.kind in TECHNIQUE_OPTION_KINDS]
    answered = Counter(k for q in questions.values() if q.kind in TECHNIQUE_OPTION_KINDS or q.kind == "find"
                       for k in q.correct())
    offered = Counter(k for q in technique_questions for k in set(q.options))
    first_offer: dict[str, tuple[str, int]] = {}
    for question in technique_questions:
        for i, key in enumerate(question.options):
            first_offer.setdefault(key, (question.id, i))
    for technique in sorted(first_offer.keys() & techniques.keys()):
        message = technique_use_finding(technique, offered[technique], answered[technique], len(questions))
        if message is not None:
            qid, index = first_offer[technique]
            found.append(("question", qid, Finding(
                ("options", index), message,
                "learners learn to rule out a technique that is seldom right: write another question it "
                "answers, or offer it less", "warning")))
    found += [("", "", finding) for finding in check_balance(questions.values(), sources)]
    return found


def _main_quotes(question: Question) -> list[tuple[Path, str, str]]:
    """The quotes a question is about: its passage(s), or the unsupported sentence it asks for."""
    if question.kind == "unsupported":
        return [(("sentences", i, "quote"), question.source, s.quote)
                for i, s in enumerate(question.sentences) if s.key == question.answer]
    return [(path, *passage) for path, passage in zip(_quote_paths(question), _passages(question))]


def check_balance(questions: Iterable[Question], sources: Collection[str]) -> list[Finding]:
    """Each source's share of the questions, overall and per kind, close to an even split.

    Only the bank's defined sources count (a question naming an unknown source is an error of its own,
    not a third article), and only when there are two or more of them.
    """
    if len(sources) < 2:
        return []
    known = set(sources)
    counts: dict[str, Counter[str]] = {"the bank": Counter()}
    members: Counter[str] = Counter()
    for question in questions:  # one pass: a bank may hold 50,000 questions
        group = f"{question.kind!r} questions"
        named = [s for s in question.source_ids() if s in known]
        members["the bank"] += 1
        members[group] += 1
        counts["the bank"].update(named)
        counts.setdefault(group, Counter()).update(named)
    even = 1 / len(sources)
    findings = []
    for label, count in counts.items():
        total = sum(count.values())
        if not total:
            continue
        allowed = max(BALANCE_TOLERANCE, 0.5 / total)
        for source in sorted(sources):
            share = count[source] / total
            if abs(share - even) > allowed + 1e-9:
                aim = (f"aim for {even - BALANCE_TOLERANCE:.0%}-{even + BALANCE_TOLERANCE:.0%}"
                       if allowed == BALANCE_TOLERANCE else f"aim for as even a split as "
                       f"{counted(members[label], 'question')} allow")
                findings.append(Finding(
                    (), f"source {source!r} has {share:.0%} of {label} (its passages in "
                        f"{count[source]} of {counted(members[label], 'question')})", aim, "warning"))
    return findings
