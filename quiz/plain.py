"""The quiz line by line on standard input and output (`quiz --plain`), for screen readers and braille
displays, which cannot follow the full-screen Textual app yet.

It asks the same questions through the same `Learner`, so every answer is saved the moment it is given
and a quiz stopped here can be continued in the app, or the other way round. It shows what the app's
screens show, in words only: no colour, no cursor movement, no box drawing, no markup. Each line makes
sense when read aloud on its own, because a screen reader or a braille display presents one line at a
time. Answers are typed lines, so any typing aid works and a whole quiz can be piped in.
"""

import re
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from quiz.domain.anchoring import Span
from quiz.domain.bank import Bank
from quiz.domain.models import KINDS, Question, Source
from quiz.domain.progress import AnswerRecord
from quiz.domain.review import Confidence
from quiz.domain.scoring import Judgement, is_correct, judge
from quiz.domain.stats import accuracy_by_source
from quiz.learner import Learner, utc_now
from quiz.session import MenuEntry, Phase, QuizSession, Selection, SessionError, quiz_menu
from quiz.storage.progress_file import ProgressError, move_aside
from quiz.words import counted

DEFAULT_LENGTH = 10

HELP = (
    "Help.",
    "To answer, type the number of an option and press Enter, for example: 2.",
    "When a question says all that apply, type every number that applies, separated by spaces or "
    "commas, for example: 1 3.",
    "To say how sure you are, add sure or unsure after the numbers, for example: 2 sure. "
    "s and u work too. This is optional; it helps decide when the question comes back for review.",
    "Type c to read the quote in its article; the quote is marked with >>> before it and <<< after it.",
    "Type r to hear the question and its options again.",
    "Type q to quit. Your progress is saved after every answer, and you can continue later.",
)

CONFIDENCE: dict[str, Confidence] = {"sure": "sure", "s": "sure", "unsure": "unsure", "u": "unsure"}


class AnswerError(ValueError):
    """A typed answer that cannot be used; the message says why in one line, for asking again."""


class _Leave(Exception):
    """The learner typed q, or input ended: stop at once (progress is already saved)."""


def parse_answer(text: str, options: int, multiple: bool) -> tuple[list[int], Confidence | None]:
    """The option numbers (1-based, in the order typed) and the confidence in a typed answer such as
    "2", "1, 3 sure" or "2 u"; AnswerError explains anything else."""
    words = [word for word in re.split(r"[\s,;]+", text.lower()) if word]
    confidence = CONFIDENCE[words.pop()] if words and words[-1] in CONFIDENCE else None
    if not words:
        raise AnswerError("Type an option number before sure or unsure, for example: 1 sure."
                          if confidence else "Type the number of an option, then press Enter.")
    numbers = []
    for word in words:
        if word in CONFIDENCE:
            raise AnswerError("Put sure or unsure after the numbers, for example: 1 sure.")
        if not word.isdigit():
            raise AnswerError(f"{word} is not an option number. Type a number from 1 to {options}, "
                              "or h for help.")
        if not 1 <= int(word) <= options:
            raise AnswerError(f"There is no option {int(word)}. Type a number from 1 to {options}.")
        numbers.append(int(word))
    numbers = list(dict.fromkeys(numbers))
    if len(numbers) > 1 and not multiple:
        raise AnswerError("This question takes one answer. Type one number.")
    return numbers, confidence


def quoted_paragraphs(text: str, spans: list[Span]) -> list[str]:
    """The paragraphs of `text` that hold part of a span, each quote marked >>> like this <<<."""
    found, offset = [], 0
    for paragraph in text.split("\n\n"):
        start, end = offset, offset + len(paragraph)
        offset = end + 2
        inside = sorted((max(s.start, start) - start, min(s.end, end) - start)
                        for s in spans if s.start < end and s.end > start)
        if not inside:
            continue
        merged = [list(inside[0])]
        for left, right in inside[1:]:
            if left <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], right)
            else:
                merged.append([left, right])
        for left, right in reversed(merged):
            paragraph = f"{paragraph[:left]}>>>{paragraph[left:right]}<<<{paragraph[right:]}"
        found.append(paragraph.strip())
    return found


def verdict(score: float) -> str:
    if is_correct(score):
        return "Right."
    if score > 0:
        return f"Partly right: {score:.0%} of the marks."
    return "Not right."


def _status(multiple: bool, key: str, judgement: Judgement) -> str:
    """An option's part in the answer, in words (the app's marks and colours, said)."""
    if key in judgement.hits:
        return "Ticked, applies." if multiple else "Your answer, right."
    if key in judgement.false_alarms:
        return "Ticked, does not apply." if multiple else "Your answer, not right."
    if key in judgement.misses:
        return "Not ticked, but applies." if multiple else "The right answer."
    return "Not ticked, does not apply." if multiple else "Not chosen."


def _sentence(text: str) -> str:
    """`text` ending in a full stop unless it already ends a sentence, so a reader pauses after it."""
    return text if text.endswith((".", "?", "!", "…", '"', "”", "'", "’")) else f"{text}."


def _source(source: Source) -> str:
    who = f"Author: {source.author}" if source.author else f"Speaker: {source.voice}"
    return f"{source.outlet} {source.kind}. {_sentence(who)}"


class _Lines:
    """Whole lines out and whole lines in, nothing else: what a screen reader and a pipe both handle."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin, self.stdout = stdin, stdout

    def say(self, *lines: str) -> None:
        for line in lines:
            print(line, file=self.stdout)

    def ask(self, prompt: str) -> str:
        """The next typed line, stripped; `prompt` is a line of its own so it reads well when spoken."""
        self.say(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise _Leave
        return line.strip()


class _PlainQuiz:
    def __init__(self, lines: _Lines, learner: Learner, seed: int | None) -> None:
        self.lines, self.learner, self.seed = lines, learner, seed
        self.bank = learner.bank

    def run(self) -> None:
        """Welcome, then quiz after quiz until the learner quits or input ends (raises _Leave)."""
        self.welcome()
        while True:
            session = self.choose()
            self.take(session)
            if self.lines.ask("Press Enter for the menu, or type q to quit.").lower() in ("q", "quit"):
                raise _Leave

    def welcome(self) -> None:
        learner = self.learner
        say = self.lines.say
        say("Media literacy quiz, plain text version.",
            "How does this text try to persuade you?",
            "Each question quotes opinion writing and asks how it persuades: its words, its "
            "evidence, what it leaves out. No question asks who is right.")
        if learner.read_only:
            say("Read-only: another quiz window is using this progress file, so answers given here "
                "are not saved. Close the other window, then start this one again.")
        totals = learner.totals()
        if totals.answered:
            due = learner.due()
            say(f"So far: {counted(totals.answered, 'answer')}, {totals.correct} right, "
                f"{round(100 * totals.score / totals.answered)}% of the marks. "
                + (f"{len(due)} due for review." if due else "Nothing is due for review."))
        else:
            say("No answers yet. Your progress is saved after every answer.")
        say("Type h at a question for help, or q at any time to quit.")

    def choose(self) -> QuizSession:
        """The unfinished quiz if the learner wants to continue it, else a new one from the menu."""
        unfinished = self.learner.unfinished()
        if unfinished is not None:
            self.lines.say("", f"Unfinished quiz: {unfinished.quiz.title}, {len(unfinished.answers)} of "
                               f"{unfinished.total} answered.")
            while True:
                reply = self.lines.ask("Continue it? Press Enter or type y to continue, n for a new quiz.")
                reply = reply.lower()
                if reply in ("", "y", "yes"):
                    return unfinished
                if reply in ("n", "no"):
                    break
                if reply in ("q", "quit"):
                    raise _Leave
                self.lines.say("Type y to continue the unfinished quiz, or n to choose a new one.")
        while True:
            scope = self.pick_scope()
            count = self.pick_length()
            selection = (self.learner.review_selection(count, seed=self.seed) if scope is None else
                         Selection(source=scope.source, kind=scope.kind, count=count, seed=self.seed))
            try:
                return self.learner.start(selection)
            except SessionError as error:
                self.lines.say(f"Cannot start that quiz: {error}. Choose another one.")

    def pick_scope(self) -> MenuEntry | None:
        """An entry of the quiz menu, or None for the review of due questions (listed first when any
        are due)."""
        due = self.learner.due()
        scopes: list[MenuEntry | None] = ([None] if due else []) + quiz_menu(self.bank)
        labels = [f"Review, {len(due)} due now, most overdue first" if entry is None else
                  f"{entry.label}, {counted(entry.size, 'question')}" for entry in scopes]
        self.lines.say("", "Choose a quiz. Type its number and press Enter.")
        self.lines.say(*(f"Quiz {n}: {label}." for n, label in enumerate(labels, 1)))
        while True:
            reply = self.lines.ask(f"Quiz number, 1 to {len(scopes)}, or q to quit:").lower()
            if reply in ("q", "quit"):
                raise _Leave
            if reply.isdigit() and 1 <= int(reply) <= len(scopes):
                return scopes[int(reply) - 1]
            self.lines.say(f"Type a number from 1 to {len(scopes)}, the number of a quiz in the list.")

    def pick_length(self) -> int | None:
        """How many questions: a number, or None for all of them."""
        while True:
            reply = self.lines.ask(f"How many questions? Press Enter for {DEFAULT_LENGTH}, "
                                   "or type a number, or all.").lower()
            if not reply:
                return DEFAULT_LENGTH
            if reply in ("a", "all"):
                return None
            if reply in ("q", "quit"):
                raise _Leave
            if reply.isdigit() and int(reply) > 0:
                return int(reply)
            self.lines.say("Type a number of questions such as 5, or all, "
                           f"or press Enter for {DEFAULT_LENGTH}.")

    def take(self, session: QuizSession) -> None:
        self.lines.say("", f"Quiz: {session.quiz.title}, {counted(session.total, 'question')}.")
        while session.phase is Phase.ASKING:
            self.show_question(session)
            record = self.read_answer(session)
            self.show_feedback(session, record)
            self.after_feedback(session)
            session.advance()
        self.show_results(session)

    def show_question(self, session: QuizSession) -> None:
        question, bank = session.current, self.bank
        say = self.lines.say
        say("", f"Question {session.number} of {session.total}. {KINDS[question.kind]}. "
                f"Difficulty {question.difficulty} of 3.")
        if question.kind == "unsupported":
            say(f"Source: {_source(bank.sources[question.source])}")
        else:
            for passage in question.quotes():
                say(f"Source: {_source(bank.sources[passage.source])}", f"Quote: {passage.quote}")
        say(question.prompt)
        say("All that apply: choose every option that applies." if question.multiple
            else "Choose one option.")
        say(*(f"Option {n}: {_sentence(bank.label(question, key))}"
              for n, key in enumerate(session.options, 1)))

    def read_answer(self, session: QuizSession) -> AnswerRecord:
        """Ask until the learner gives a usable answer, serving c, r and h in between; save it."""
        question = session.current
        while True:
            reply = self.lines.ask("Your answer, or h for help:")
            command = reply.lower()
            if command in ("q", "quit"):
                raise _Leave
            if command in ("h", "?", "help"):
                self.lines.say(*HELP)
                continue
            if command in ("c", "context"):
                self.show_context(question)
                continue
            if command in ("r", "repeat"):
                self.show_question(session)
                continue
            try:
                numbers, confidence = parse_answer(reply, len(session.options), question.multiple)
                return self.learner.answer(session, [session.options[n - 1] for n in numbers], confidence)
            except (AnswerError, SessionError) as error:
                self.lines.say(_sentence(str(error)))

    def show_context(self, question: Question) -> None:
        """The paragraphs around each quote of `question`, article by article (the app's article view)."""
        for source_id, spans in self.bank.highlights(question).items():
            source = self.bank.sources[source_id]
            self.lines.say(f"In the article: {_sentence(source.title)} {_source(source)}")
            self.lines.say(*quoted_paragraphs(self.bank.texts[source_id], spans))
        self.lines.say("End of the article extract.")

    def show_feedback(self, session: QuizSession, record: AnswerRecord) -> None:
        question, bank = session.current, self.bank
        say = self.lines.say
        say("", verdict(record.score))
        judgement = judge(question.correct(), record.choice)
        say(*(f"Option {n}: {_sentence(bank.label(question, key))} "
              f"{_status(question.multiple, key, judgement)}" for n, key in enumerate(session.options, 1)))
        say(f"Why: {question.explanation}")
        if question.kind != "unsupported":
            for key in sorted(question.correct()):
                technique = bank.techniques[key]
                say(f"Definition of {technique.name}: {technique.definition}", f"Tip: {technique.hint}")
        for key in record.choice:
            if key not in question.correct() and (reason := question.feedback_for(key)):
                label = bank.label(question, key).rstrip(".")
                say(f"Why not option {session.options.index(key) + 1}, {label}: {reason}")

    def after_feedback(self, session: QuizSession) -> None:
        """Wait for Enter, so the feedback is not run over by the next question; c still shows context."""
        last = session.number == session.total
        prompt = ("Press Enter to see your results." if last else "Press Enter for the next question.")
        while True:
            command = self.lines.ask(prompt).lower()
            if command in ("q", "quit"):
                raise _Leave
            if command in ("c", "context"):
                self.show_context(session.current)
                continue
            return

    def show_results(self, session: QuizSession) -> None:
        results = session.results()
        bank, say = self.bank, self.lines.say
        say("", f"Quiz finished: {session.quiz.title}.",
            f"Score: {results.score:g} of {results.total}, {results.percent}%.")
        say(*(f"{skill.name}: {skill.score:g} of {skill.count} marks, {skill.score / skill.count:.0%}."
              for skill in results.skills))
        if not results.missed:
            say("Nothing missed.")
        for question, record in results.missed:
            chosen = ", ".join(bank.label(question, k) for k in record.choice)
            right = ", ".join(bank.label(question, k) for k in sorted(question.correct()))
            say(f"Missed: {_sentence(question.prompt)} You chose: {_sentence(chosen)} "
                f"Answer: {_sentence(right)}")
        articles = accuracy_by_source(bank, self.learner.progress.answers)
        if len(articles) > 1:
            say("Over all your quizzes, by article; a gap suggests you read one side less critically.")
            say(*(f"{a.name}: {a.share:.0%} of the marks, "
                  f"{a.correct} of {counted(a.answered, 'answer')} right." for a in articles))


def _open_learner(lines: _Lines, bank: Bank, path: Path, clock: Callable[[], datetime]) -> Learner | None:
    """The learner's progress; if the file is damaged, it is moved aside only when the learner types
    move, and otherwise left exactly as it is (None)."""
    try:
        return Learner.open(bank, path, clock)
    except ProgressError as error:
        problem = str(error)
    lines.say("Your progress file cannot be read.", problem, "Nothing has been changed.",
              "To move it aside and start with fresh progress, type move and press Enter. "
              "The file is kept, renamed with today's date, for you or a teacher to look at.")
    if lines.ask("Type move, or press Enter to quit and leave the file as it is.").lower() != "move":
        lines.say("Quit. Your progress file was left exactly as it is.")
        return None
    kept = move_aside(path, clock())
    lines.say(f"Your old progress file was kept as {kept.name}.")
    return Learner.open(bank, path, clock)


def run(bank: Bank, path: Path, *, seed: int | None = None, clock: Callable[[], datetime] = utc_now,
        stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the quiz on `stdin`/`stdout` (sys.stdin/sys.stdout when None) and return the exit code:
    0 when the learner quits or input ends, 1 when the progress file cannot be used."""
    lines = _Lines(stdin or sys.stdin, stdout or sys.stdout)
    try:
        learner = _open_learner(lines, bank, path, clock)
    except (_Leave, KeyboardInterrupt):
        lines.say("Quit. Your progress file was left exactly as it is.")
        return 1
    except (OSError, ProgressError) as error:
        lines.say(f"Cannot use the progress file {path}: {getattr(error, 'strerror', None) or error}.")
        return 1
    if learner is None:
        return 1
    try:
        _PlainQuiz(lines, learner, seed).run()
    except (_Leave, KeyboardInterrupt):
        lines.say("", "Goodbye. Answers given in this window were not saved, because it was read-only."
                  if learner.read_only else "Goodbye. Your progress is saved; you can continue later.")
        return 0
    except OSError as error:
        lines.say(f"Cannot save progress to {path}: {error.strerror or error}. "
                  "Answers saved before this one are kept.")
        return 1
    finally:
        learner.close()
