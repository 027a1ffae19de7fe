"""The rules a question bank must keep beyond the shape of each field, as pure functions.

Each rule returns `Finding`s that point at a field by its path inside the question (("answer",),
("sentences", 2, "quote"), ...), so the loader can turn the path into a line of the file. Errors make a
bank unusable; warnings are content advice (balance, reuse, thin explanations) that `--strict` enforces.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Literal

from quiz.domain.anchoring import Span, closest_passage, find_quote
from quiz.domain.models import (
    FindQuestion,
    PairQuestion,
    Question,
    Source,
    SourceQuestion,
    Technique,
    TechniquesQuestion,
    UnsupportedQuestion,
)
from quiz.domain.tokens import covered, cuts_a_word, words

Path = tuple[str | int, ...]

MIN_EXPLANATION_WORDS = 20
BALANCE_TOLERANCE = 0.10
"""A source's share of the bank (and of each kind) may stray this far from an even split."""


@dataclass(frozen=True)
class Finding:
    path: Path
    message: str
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"


@dataclass
class Anchors:
    """Where every quote of every question sits in its source, by question id, in `quotes()` order."""

    spans: dict[str, list[Span]] = field(default_factory=dict)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def _quote_paths(question: Question) -> list[Path]:
    if isinstance(question, UnsupportedQuestion):
        return [("sentences", i, "quote") for i in range(len(question.sentences))]
    if isinstance(question, PairQuestion):
        return [("passages", i, "quote") for i in range(len(question.passages))]
    if isinstance(question, FindQuestion):
        return [("passage",)]
    if isinstance(question, SourceQuestion):
        return [("quote",)] if question.quote else []
    return [("quote",)]


def _source_paths(question: Question) -> list[Path]:
    if isinstance(question, PairQuestion):
        return [("passages", i, "source") for i in range(len(question.passages))]
    return [("source",)]


def check_question(
    question: Question,
    techniques: Mapping[str, Technique],
    sources: Mapping[str, Source],
    texts: Mapping[str, str],
    anchors: Anchors,
) -> list[Finding]:
    """Every broken rule of one question; records where its quotes are found in `anchors`."""
    findings: list[Finding] = []
    findings += _check_sources(question, sources)
    findings += _check_options(question, techniques)
    findings += _check_feedback(question)
    findings += _check_quotes(question, sources, texts, anchors)
    if isinstance(question, FindQuestion):
        findings += _check_find(question, techniques)
    length = len(question.explanation.split())
    if length < MIN_EXPLANATION_WORDS:
        findings.append(
            Finding(
                ("explanation",),
                f"the explanation has {length} words, fewer than {MIN_EXPLANATION_WORDS}",
                "name the words that carry the technique and the question a careful reader should ask",
                "warning",
            )
        )
    return findings


def _check_sources(question: Question, sources: Mapping[str, Source]) -> list[Finding]:
    findings = []
    for path, source in zip(_source_paths(question), _source_refs(question)):
        if source not in sources:
            findings.append(
                Finding(path, f"unknown source {source!r}", did_you_mean(source, sources) or
                        f"known sources: {', '.join(sorted(sources)) or 'none (add a [[source]])'}")
            )
    if isinstance(question, PairQuestion) and len({p.source for p in question.passages}) < 2:
        findings.append(
            Finding(("passages", 1, "source"), "both passages come from the same source",
                    "a pair takes one passage from each of two different sources")
        )
    return findings


def _source_refs(question: Question) -> list[str]:
    """The source ids a question names, one per `source` field, in the order of `_source_paths`."""
    if isinstance(question, PairQuestion):
        return [p.source for p in question.passages]
    return [question.source]


def _check_find(question: FindQuestion, techniques: Mapping[str, Technique]) -> list[Finding]:
    """A find question's technique is known, and its key spans and wrong marks are whole words of its
    passage; the key must leave most of the passage unmarked, or marking everything would pay."""
    findings = []
    if question.technique not in techniques:
        findings.append(Finding(("technique",), f"unknown technique {question.technique!r}",
                                did_you_mean(question.technique, techniques) or
                                "use an id from techniques.toml"))
    passage = question.passage
    runs = [(("spans", i), span, "key span") for i, span in enumerate(question.spans)]
    runs += [(("wrong_marks", i, "quote"), w.quote, "wrong mark") for i, w in enumerate(question.wrong_marks)]
    for path, run, what in runs:
        start = passage.find(run)
        if start < 0:
            findings.append(Finding(path, f"{what} {_short(run)} is not in the passage",
                                    "copy it exactly from the question's passage"))
            continue
        if cut := cuts_a_word(passage, start, start + len(run)):
            findings.append(Finding(path, f"{what} {_short(run)} cuts the word {cut.text!r} in two",
                                    "start and end it on whole words"))
    key = question.key_words()
    for i, wrong in enumerate(question.wrong_marks):
        marked = covered(passage, wrong.quote)
        if marked and set(marked) <= key:
            findings.append(Finding(("wrong_marks", i, "quote"),
                                    f"wrong mark {_short(wrong.quote)} lies inside a key span",
                                    "a wrong mark must include words outside the key spans"))
    total = len(words(passage))
    if key and len(key) * 2 > total:
        findings.append(Finding(("spans",), f"the key spans cover {len(key)} of the passage's {total} "
                                "words", "keep the key to the smallest run of words that does the work, "
                                "in a passage at least twice as long", "warning"))
    return findings


def _short(text: str, limit: int = 50) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _check_options(question: Question, techniques: Mapping[str, Technique]) -> list[Finding]:
    findings = []
    keys = question.option_keys()
    option_field = "sentences" if isinstance(question, UnsupportedQuestion) else "options"
    keyed_options = isinstance(question, (UnsupportedQuestion, SourceQuestion))
    for i, key in enumerate(keys):
        if keys.index(key) != i:
            where = (option_field, i, "key") if keyed_options else (option_field, i)
            findings.append(Finding(where, f"option {key!r} appears twice", "give each option once"))
    if isinstance(question, FindQuestion):
        return findings
    if not keyed_options:
        for i, key in enumerate(keys):
            if key not in techniques:
                findings.append(
                    Finding(("options", i), f"unknown technique {key!r}",
                            did_you_mean(key, techniques) or "use an id from techniques.toml")
                )
    if isinstance(question, TechniquesQuestion):
        for i, answer in enumerate(question.answers):
            if answer not in keys:
                findings.append(
                    Finding(("answers", i), f"answer {answer!r} is not among the options",
                            did_you_mean(answer, keys) or f"add it to options, or choose from {keys}")
                )
        if set(keys) <= set(question.answers):
            findings.append(
                Finding(("answers",), "every option is an answer",
                        "add at least one plausible wrong option, so ticking everything does not pay")
            )
    else:
        answer = question.answer
        if answer not in keys:
            label = ("sentence key" if isinstance(question, UnsupportedQuestion) else
                     "option key" if isinstance(question, SourceQuestion) else "option")
            findings.append(
                Finding(("answer",), f"answer {answer!r} is not among the {label}s",
                        did_you_mean(answer, keys) or f"choose one of {keys}")
            )
    return findings


def _check_feedback(question: Question) -> list[Finding]:
    findings = []
    wrong = [k for k in question.option_keys() if k not in question.correct()]
    if isinstance(question, FindQuestion):
        return findings
    if isinstance(question, UnsupportedQuestion):
        for i, sentence in enumerate(question.sentences):
            if sentence.key in wrong and not sentence.feedback:
                findings.append(
                    Finding(("sentences", i, "key"), f"wrong sentence {sentence.key!r} has no feedback",
                            'add feedback = "why this sentence is supported in the text"')
                )
        return findings
    if isinstance(question, SourceQuestion):
        for i, option in enumerate(question.options):
            if option.key in wrong and not option.feedback:
                findings.append(
                    Finding(("options", i, "key"), f"wrong option {option.key!r} has no feedback",
                            'add feedback = "why this option does not fit"')
                )
        return findings
    for key in wrong:
        if key not in question.feedback:
            findings.append(
                Finding(("feedback",), f"wrong option {key!r} has no feedback",
                        f'add {key} = "why it does not fit this passage" under [question.feedback]')
            )
    for key in question.feedback:
        if key not in wrong:
            reason = "a right answer" if key in question.correct() else "not an option"
            findings.append(
                Finding(("feedback", key), f"feedback for {key!r}, which is {reason}",
                        did_you_mean(key, wrong) or "feedback is for wrong options only")
            )
    return findings


def _check_quotes(
    question: Question,
    sources: Mapping[str, Source],
    texts: Mapping[str, str],
    anchors: Anchors,
) -> list[Finding]:
    findings = []
    spans = []
    for path, passage in zip(_quote_paths(question), question.quotes()):
        if passage.source not in texts:
            continue
        span = find_quote(texts[passage.source], passage.quote)
        if span is None:
            miss = closest_passage(texts[passage.source], passage.quote)
            findings.append(
                Finding(path, f"quote not found verbatim in {sources[passage.source].file}",
                        miss.describe())
            )
        else:
            spans.append(span)
    if not findings and len(spans) == len(question.quotes()):
        anchors.spans[question.id] = spans
    return findings


def check_usage(
    questions: Mapping[str, Question], techniques: Mapping[str, Technique]
) -> list[tuple[str, str, Finding]]:
    """Warnings only the whole bank shows, each with the table and id it concerns ("", "" for the bank)."""
    found: list[tuple[str, str, Finding]] = []
    seen_quotes: dict[str, str] = {}
    for qid, question in questions.items():
        for path, text in _main_quotes(question):
            if text in seen_quotes:
                found.append(("question", qid, Finding(
                    path, f"this quote is also used by question {seen_quotes[text]!r}",
                    "pick another passage so each question teaches something new", "warning")))
            else:
                seen_quotes[text] = qid
    technique_kinds = [q for q in questions.values()
                       if not isinstance(q, (UnsupportedQuestion, SourceQuestion))]
    answered = Counter(k for q in technique_kinds for k in q.correct())
    offered = {k for q in technique_kinds for k in q.option_keys()}
    for technique in sorted(offered & set(techniques)):
        if answered[technique] < 2:
            found.append(("technique", technique, Finding(
                (), f"technique {technique!r} is the right answer of {answered[technique]} "
                    "question(s), fewer than 2",
                "write another question for it, or stop offering it as an option", "warning")))
    found += [("", "", finding) for finding in check_balance(questions.values())]
    return found


def _main_quotes(question: Question) -> list[tuple[Path, str]]:
    """The quotes a question is about: its passage(s), or the unsupported sentence it asks for."""
    if isinstance(question, UnsupportedQuestion):
        return [(("sentences", i, "quote"), s.quote)
                for i, s in enumerate(question.sentences) if s.key == question.answer]
    return list(zip(_quote_paths(question), (p.quote for p in question.quotes())))


def check_balance(questions: Iterable[Question]) -> list[Finding]:
    """Each source's share of the questions, overall and per kind, within 10 points of an even split."""
    questions = list(questions)
    findings = []
    groups: dict[str, list[Question]] = {"the bank": questions}
    for question in questions:
        groups.setdefault(f"{question.kind!r} questions", []).append(question)
    all_sources = sorted({s for q in questions for s in q.source_ids()})
    if len(all_sources) < 2:
        return []
    even = 1 / len(all_sources)
    for label, members in groups.items():
        counts = Counter(s for q in members for s in q.source_ids())
        for source in all_sources:
            share = counts[source] / sum(counts.values())
            if abs(share - even) > BALANCE_TOLERANCE + 1e-9:
                findings.append(
                    Finding((), f"source {source!r} has {share:.0%} of {label} "
                                f"(its passages in {counts[source]} of {len(members)})",
                            f"aim for {even - BALANCE_TOLERANCE:.0%}-{even + BALANCE_TOLERANCE:.0%}",
                            "warning")
                )
    return findings
