"""The quiz line by line on standard input and output (`quiz --plain`), for screen readers and braille
displays, which cannot follow the full-screen Textual app yet.

It asks the same questions through the same `Learner`, so every answer is saved the moment it is given
and a quiz stopped here can be continued in the app, or the other way round. It offers what the app
offers (filters, review, stats, the glossary, the source card, retrying missed questions), in words
only: no colour, no cursor movement, no box drawing, no markup. Each line makes sense when read aloud on
its own, because a screen reader or a braille display presents one line at a time. Answers are typed
lines, so any typing aid works and a whole quiz can be piped in: a line typed where the quiz waits for
Enter after the feedback is taken as the answer to the next question, so a file of answers, one per
line, answers the questions in turn.
"""

import re
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TextIO

from quiz import feedback, glossary, stats_text
from quiz.domain.anchoring import Span
from quiz.domain.bank import Bank
from quiz.domain.models import KINDS, Question, Source
from quiz.domain.progress import AnswerRecord
from quiz.domain.review import Confidence
from quiz.domain.stats import learner_stats
from quiz.domain.tokens import covering
from quiz.learner import Learner, SaveFailed, utc_now
from quiz.menu import Filters, MenuEntry, quiz_menu
from quiz.session import Phase, QuizSession, Selection, SessionError
from quiz.storage import collector
from quiz.storage.progress_file import ProgressError, ProgressUnavailable, move_aside
from quiz.words import counted, due_summary, marks, percent, tally

DEFAULT_LENGTH = 10
WORDS_PER_LINE = 8
"""Numbered words of a "find" passage are read out this many to a line."""

HELP = (
    "Help.",
    "To answer, type the number of an option and press Enter, for example: 2.",
    "When a question says all that apply, type every number that applies, separated by spaces or "
    "commas, for example: 1 3.",
    "When a question asks you to mark words, type the numbers of the words, and ranges with a dash, "
    "for example: 3 7-9.",
    "To say how sure you are, add sure or unsure after the numbers, for example: 2 sure. "
    "s and u work too. This is optional; it helps decide when the question comes back for review.",
    "Type c to read the quote in its article; the quote is marked with >>> before it and <<< after it.",
    "Type i to hear about the source: its outlet, kind, date and what this copy lacks.",
    "Type r to hear the question and its options again.",
    "Type q to quit. Your progress is saved after every answer, and you can continue later.",
)

CONFIDENCE: dict[str, Confidence] = {"sure": "sure", "s": "sure", "unsure": "unsure", "u": "unsure"}


class AnswerError(ValueError):
    """A typed answer that cannot be used; the message says why in one line, for asking again."""


class _Leave(Exception):
    """The learner typed q, or input ended: stop at once (progress is already saved)."""


def _words_and_confidence(text: str) -> tuple[list[str], Confidence | None]:
    words = [word for word in re.split(r"[\s,;]+", text.lower()) if word]
    confidence = CONFIDENCE[words.pop()] if words and words[-1] in CONFIDENCE else None
    if not words:
        raise AnswerError("Type an option number before sure or unsure, for example: 1 sure."
                          if confidence else "Type the number of an option, then press Enter.")
    if any(word in CONFIDENCE for word in words):
        raise AnswerError("Put sure or unsure after the numbers, for example: 1 sure.")
    return words, confidence


def parse_answer(text: str, options: int, multiple: bool) -> tuple[list[int], Confidence | None]:
    """The option numbers (1-based, in the order typed) and the confidence in a typed answer such as
    "2", "1, 3 sure" or "2 u"; AnswerError explains anything else."""
    words, confidence = _words_and_confidence(text)
    numbers = []
    for word in words:
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


def parse_marks(text: str, words: int) -> tuple[list[int], Confidence | None]:
    """The word numbers (1-based, sorted) in a typed answer such as "12-15", "3 7-9 sure"."""
    parts, confidence = _words_and_confidence(text)
    marked: set[int] = set()
    for part in parts:
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not match:
            raise AnswerError(f"{part} is not a word number or a range. Type numbers from 1 to {words}, "
                              "for example: 3 7-9.")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if first > last:
            first, last = last, first
        if first < 1 or last > words:
            raise AnswerError(f"There is no word {last if last > words else first}. Type numbers from 1 "
                              f"to {words}.")
        marked.update(range(first, last + 1))
    return sorted(marked), confidence


def numbered_words(question: Question) -> list[str]:
    """A find passage's words with their numbers, WORDS_PER_LINE to a line: "Words 1 to 8: 1 Mukhtar,
    2 Ablyazov, ..."."""
    words = [w.text for w in question.words()]
    lines = []
    for start in range(0, len(words), WORDS_PER_LINE):
        chunk = words[start:start + WORDS_PER_LINE]
        numbered = ", ".join(f"{start + n} {word}" for n, word in enumerate(chunk, 1))
        span = f"Words {start + 1} to {start + len(chunk)}" if len(chunk) > 1 else f"Word {start + 1}"
        lines.append(f"{span}: {numbered}.")
    return lines


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


def _sentence(text: str) -> str:
    """`text` ending in a full stop unless it already ends a sentence, so a reader pauses after it."""
    return text if text.endswith((".", "?", "!", "…", '"', "”", "'", "’")) else f"{text}."


def _source(source: Source) -> str:
    who = f"Author: {source.author}" if source.author else f"Speaker: {source.voice}"
    return f"{source.outlet} {source.kind}. {_sentence(who)}"


def question_lines(bank: Bank, question: Question, options: list[str]) -> list[str]:
    """A question as plain mode asks it (after its number), with its options in the order `options`."""
    lines = []
    if question.option_skill or question.marks_words:  # no passage of its own above the prompt
        lines.append(f"Source: {_source(bank.sources[question.source])}")
        if question.marks_words:
            lines.append(f"Passage: {question.passage}")
        elif question.kind == "source" and question.quote:
            lines.append(f"Quote: {question.quote}")
    else:
        for passage in question.quotes():
            lines += [f"Source: {_source(bank.sources[passage.source])}", f"Quote: {passage.quote}"]
    lines.append(question.prompt)
    if question.marks_words:
        lines.append("Mark words: type the numbers of the words that carry it, with ranges, for example: "
                     "3 7-9.")
        return lines + numbered_words(question)
    lines.append("All that apply: choose every option that applies." if question.multiple
                 else "Choose one option.")
    return lines + [f"Option {n}: {_sentence(bank.label(question, key))}" for n, key in enumerate(options, 1)]


def feedback_lines(bank: Bank, question: Question, options: list[str], record: AnswerRecord) -> list[str]:
    """The feedback on `record`, in words, in the order quiz.feedback gives it."""
    shown = feedback.build(bank, question, options, record)
    lines = [shown.verdict]
    if shown.marks is not None:
        lines += ["You marked: " + ("; ".join(f"“{run}”" for run in shown.marks.marked) or "nothing") + ".",
                  shown.marks.summary]
    lines += [f"Why not {_sentence(label).rstrip('.')}: {reason}" for label, reason in shown.why_not]
    if shown.answer:
        lines.append(_sentence(shown.answer))
    lines.append(f"Why: {shown.explanation}")
    for technique in shown.techniques:
        lines += [f"Definition of {technique.name}: {technique.definition}", f"Tip: {technique.hint}"]
    return lines + [f"Option {o.number}: {_sentence(o.label)} {o.status[:1].upper()}{o.status[1:]}."
                    for o in shown.options]


def preview_lines(bank: Bank, question: Question) -> list[str]:
    """One question as a learner would meet it in plain mode, options in the file's order, then its
    answer and all its feedback: what a teacher checks before giving the question to a class."""
    options = question.option_keys()
    lines = [f"{question.id}: {KINDS[question.kind]}. Difficulty {question.difficulty} of 3.",
             *question_lines(bank, question, options), "", "Answer and feedback:"]
    if question.marks_words:
        lines.append("The key: " + "; ".join(f"“{run}” (words {_word_numbers(question.passage, run)})"
                                             for run in question.spans) + ".")
        lines += [f"If a learner marks “{quote}”: {reason}" for quote, reason in
                  ((w.quote, w.feedback) for w in question.wrong_marks)]
    else:
        right = [f"{options.index(k) + 1}. {bank.label(question, k)}" for k in options if k in question.correct()]
        lines.append(_sentence(("Answers: " if len(right) > 1 else "Answer: ") + "; ".join(right)))
        lines += [f"If a learner chooses {options.index(k) + 1}: {question.feedback_for(k)}"
                  for k in options if k not in question.correct() and question.feedback_for(k)]
    lines.append(f"Why: {question.explanation}")
    for key in sorted(question.correct()):
        if key in bank.techniques:
            technique = bank.techniques[key]
            lines += [f"Definition of {technique.name}: {technique.definition}", f"Tip: {technique.hint}"]
    return lines


def _word_numbers(passage: str, run: str) -> str:
    """The 1-based numbers of the words of `run`'s first place in `passage`: "7" or "7 to 11"."""
    start = passage.find(run)
    indices = covering(passage, start, start + len(run))
    first, last = indices[0] + 1, indices[-1] + 1
    return f"{first}" if first == last else f"{first} to {last}"


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
        self.filters = Filters(count=DEFAULT_LENGTH)
        self.carried: str | None = None
        """A line typed at the pause after feedback: the answer to the next question."""

    def run(self) -> None:
        """Welcome, then quiz after quiz until the learner quits or input ends (raises _Leave)."""
        self.welcome()
        session = self.resume()
        while True:
            session = session or self.choose()
            missed = self.take(session)
            session = self.after_results(missed)

    def welcome(self) -> None:
        learner = self.learner
        say = self.lines.say
        say("Media literacy quiz, plain text version.",
            "How does this text try to persuade you?",
            "Each question quotes opinion writing and asks how it persuades: its words, its "
            "evidence, what it leaves out. No question asks who is right.")
        if learner.read_only:
            say(f"Read-only: {learner.read_only_reason}")
        totals = learner.totals()
        if totals.answered:
            say(f"So far: {counted(totals.answered, 'answer')}: "
                f"{tally(totals.right, totals.partly, totals.answered)}, "
                f"{percent(totals.share)} of the marks. {due_summary(learner.forecast())}")
        else:
            say("No answers yet. Your progress is saved after every answer.")
        say("Type h at a question for help, or q at any time to quit.")

    def resume(self) -> QuizSession | None:
        """The unfinished quiz if the learner wants to continue it; None drops it for a new one."""
        unfinished = self.learner.unfinished()
        if unfinished is None:
            return None
        self.lines.say("", f"Unfinished quiz: {unfinished.quiz.title}, {len(unfinished.answers)} of "
                           f"{unfinished.total} answered.")
        while True:
            reply = self.lines.ask("Continue it? Press Enter or type y to continue it; type n to drop it "
                                   "and choose a new quiz.").lower()
            if reply in ("", "y", "yes"):
                return unfinished
            if reply in ("n", "no"):
                return None
            if reply in ("q", "quit"):
                raise _Leave
            self.lines.say("Type y to continue the unfinished quiz, or n to drop it and choose a new one.")

    def choose(self) -> QuizSession:
        """A new quiz from the menu (filters, stats and the glossary are served in between)."""
        while True:
            entry = self.pick_scope()
            count = self.pick_length()
            selection = replace(entry.selection, count=count)
            if count and entry.size < count:
                self.lines.say(f"This quiz will have {counted(entry.size, 'question')}, fewer than the "
                               f"{count} asked: only {entry.size} match.")
            session = self.start(selection)
            if session is not None:
                return session

    def start(self, selection: Selection) -> QuizSession | None:
        try:
            return self.learner.start(selection)
        except SessionError as error:
            self.lines.say(f"Cannot start that quiz: {error}. Choose another one, or widen the filters.")
        except SaveFailed as error:
            self.lines.say(f"{error}. The quiz goes on; your answers are kept and saved with the next one.")
            return error.session
        return None

    def pick_scope(self) -> MenuEntry:
        """An entry of the quiz menu, after serving any of s (stats), l (learn), f (filters)."""
        while True:
            menu = quiz_menu(self.learner, self.filters, seed=self.seed)
            described = self.filters.describe(self.bank)
            self.lines.say("", "Choose a quiz. Type its number and press Enter.")
            if described:
                self.lines.say(f"Filters set: {described}. The counts follow them.")
            self.lines.say(*(f"Quiz {n}: {entry.describe()}." for n, entry in enumerate(menu, 1)))
            self.lines.say("Or type f to narrow every quiz down by technique or difficulty, s for your "
                           "stats, l to learn the techniques.")
            reply = self.lines.ask(f"Quiz number, 1 to {len(menu)}, or q to quit:").lower()
            if reply in ("q", "quit"):
                raise _Leave
            if reply == "s":
                self.lines.say(*stats_text.lines(learner_stats(
                    self.bank, self.learner.progress, self.learner.clock().astimezone()), self.bank))
            elif reply == "l":
                self.learn()
            elif reply == "f":
                self.pick_filters()
            elif reply.isdigit() and 1 <= int(reply) <= len(menu):
                entry = menu[int(reply) - 1]
                if entry.size:
                    return entry
                self.lines.say("No question of that quiz matches the filters: type f to widen them.")
            else:
                self.lines.say(f"Type a number from 1 to {len(menu)}, the number of a quiz in the list, "
                               "or f, s or l.")

    def pick_filters(self) -> None:
        skills = self.bank.skills()
        self.lines.say("Technique 0: any technique.",
                       *(f"Technique {n}: {self.bank.skill_name(s)}." for n, s in enumerate(skills, 1)))
        skill = self._number(f"Technique number, 0 to {len(skills)}:", len(skills))
        difficulty = self._number("Difficulty: 0 for any, 1 easy, 2 medium, 3 hard:", 3)
        self.filters = replace(self.filters, skill=skills[skill - 1] if skill else None,
                               difficulty=difficulty or None)

    def _number(self, prompt: str, highest: int) -> int:
        while True:
            reply = self.lines.ask(prompt).lower()
            if reply in ("q", "quit"):
                raise _Leave
            if reply.isdigit() and 0 <= int(reply) <= highest:
                return int(reply)
            self.lines.say(f"Type a number from 0 to {highest}.")

    def learn(self) -> None:
        say = self.lines.say
        say("Learn the techniques: each one, what to look for, and passages that use it.")
        for entry in glossary.entries(self.bank):
            technique = entry.technique
            say(f"{technique.name}: {technique.definition}", f"Tip: {technique.hint}")
            say(*(f"Example from the {self.bank.sources[s].outlet} {self.bank.sources[s].kind}: “{quote}”"
                  for s, quote in entry.examples))
        say("End of the techniques.")

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

    def take(self, session: QuizSession) -> list[str]:
        """Ask every question left; returns the ids of those missed, for a retry."""
        self.lines.say("", f"Quiz: {session.quiz.title}, {counted(session.total, 'question')}.")
        while session.phase is Phase.ASKING:
            self.show_question(session)
            record = self.read_answer(session)
            self.show_feedback(session, record)
            try:
                self.after_feedback(session)
            except _Leave:
                if session.number == session.total:  # input ended on the last question: results first
                    session.advance()
                    self.show_results(session)
                raise
            session.advance()
        return self.show_results(session)

    def show_question(self, session: QuizSession) -> None:
        self.lines.say("", f"Question {session.number} of {session.total}. "
                           f"{KINDS[session.current.kind]}. Difficulty {session.current.difficulty} of 3.")
        self.lines.say(*question_lines(self.bank, session.current, session.options))

    def read_answer(self, session: QuizSession) -> AnswerRecord:
        """Ask until the learner gives a usable answer, serving c, i, r and h in between; save it."""
        question = session.current
        while True:
            if self.carried is not None:
                reply, self.carried = self.carried, None
            else:
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
            if command in ("i", "source"):
                self.show_source_card(question)
                continue
            if command in ("r", "repeat"):
                self.show_question(session)
                continue
            try:
                if question.marks_words:
                    numbers, confidence = parse_marks(reply, len(question.words()))
                    return self.learner.answer(session, [], confidence, words=[n - 1 for n in numbers])
                numbers, confidence = parse_answer(reply, len(session.options), question.multiple)
                return self.learner.answer(session, [session.options[n - 1] for n in numbers], confidence)
            except (AnswerError, SessionError) as error:
                self.lines.say(_sentence(str(error)))
            except SaveFailed as error:
                self.lines.say(f"{error}. Your answer is kept and will be saved with the next one.")
                return session.last_answer

    def show_context(self, question: Question) -> None:
        """The paragraphs around each quote of `question`, article by article (the app's article view)."""
        for source_id, spans in self.bank.highlights(question).items():
            source = self.bank.sources[source_id]
            self.lines.say(f"In the article: {_sentence(source.title)} {_source(source)}")
            self.lines.say(*quoted_paragraphs(self.bank.texts[source_id], spans))
        self.lines.say("End of the article extract.")

    def show_source_card(self, question: Question) -> None:
        for source_id in question.source_ids():
            source = self.bank.sources[source_id]
            self.lines.say(f"About the source: {_sentence(source.title)}",
                           *(f"{label}: {_sentence(value)}" for label, value in source.card()))

    def show_feedback(self, session: QuizSession, record: AnswerRecord) -> None:
        self.lines.say("", *feedback_lines(self.bank, session.current, session.options, record))

    def after_feedback(self, session: QuizSession) -> None:
        """Wait for Enter, so the feedback is not run over by the next question; c still shows context.
        Any other line is kept as the answer to the next question (answers piped in, one per line)."""
        last = session.number == session.total
        prompt = "Press Enter to see your results." if last else "Press Enter for the next question."
        while True:
            command = self.lines.ask(prompt).lower()
            if command in ("q", "quit"):
                raise _Leave
            if command in ("c", "context"):
                self.show_context(session.current)
                continue
            if command and not last:
                self.carried = command
            return

    def show_results(self, session: QuizSession) -> list[str]:
        results = session.results()
        bank, say, answers = self.bank, self.lines.say, results.tally
        say("", f"Quiz finished: {session.quiz.title}.",
            f"Score: {marks(answers.marks)} of {answers.answered}, {percent(answers.share)}: "
            f"{tally(answers.right, answers.partly, answers.answered)}.")
        shown = [s for s in results.skills if s.counts.signals or s.counts.false_alarms or s.words.signals]
        if shown:
            say("By technique. Spotted: chosen where it was. False alarms: chosen where it was not.")
            say(*(f"{skill.name}: {stats_text.this_quiz(skill.counts, skill.words)}." for skill in shown))
        if not results.missed:
            say("Nothing missed.")
        for question, record in results.missed:
            line = feedback.missed(bank, question, record)
            say(f"Missed: {_sentence(line.about)} You chose: {_sentence(line.chosen)} "
                f"Answer: {_sentence(line.right)}")
        stats = learner_stats(bank, self.learner.progress, self.learner.clock().astimezone())
        if len(stats.accuracy) > 1:
            say("Over all your quizzes, by article; a gap suggests you read one side less critically.")
            say(*(stats_text.by_article(a) for a in stats.accuracy))
        return [question.id for question, _ in results.missed]

    def after_results(self, missed: list[str]) -> QuizSession | None:
        """The retry of the missed questions if the learner asks for it, else None (the menu)."""
        retry = f" Type r to retry the {counted(len(missed), 'missed question')}." if missed else ""
        reply = self.lines.ask(f"Press Enter for the menu, or type q to quit.{retry}").lower()
        if reply in ("q", "quit"):
            raise _Leave
        if reply == "r" and missed:
            return self.start(Selection(ids=tuple(missed), order="given",
                                        label="Retry the missed questions"))
        return None


def _open_learner(lines: _Lines, bank: Bank, path: Path, clock: Callable[[], datetime]) -> Learner | None:
    """The learner's progress; if the file is damaged, it is moved aside only when the learner types
    move, and otherwise left exactly as it is (None)."""
    try:
        return Learner.open(bank, path, clock)
    except ProgressUnavailable:
        raise  # nothing to move aside: the path itself cannot be used
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
    except ProgressUnavailable as error:
        lines.say(f"Cannot use the progress file: {error}.", "Choose another with --progress PATH.")
        return 1
    except (OSError, ProgressError) as error:
        lines.say(f"Cannot use the progress file {path}: {getattr(error, 'strerror', None) or error}.")
        return 1
    if learner is None:
        return 1
    collector.started()
    try:
        _PlainQuiz(lines, learner, seed).run()
    except (_Leave, KeyboardInterrupt):
        return _goodbye(lines, learner)
    finally:
        learner.close()


def _goodbye(lines: _Lines, learner: Learner) -> int:
    """Save what a failed save left in memory, and say what is saved; 1 if answers are lost."""
    if learner.read_only:
        lines.say("", "Goodbye. Answers given in this window were not saved, because it was read-only.")
        return 0
    try:
        learner.flush()
    except SaveFailed as error:
        lines.say("", f"{error}. {counted(learner.unsaved_answers, 'answer')} given in this window "
                      "could not be saved; the answers saved before them are kept.")
        return 1
    lines.say("", "Goodbye. Your progress is saved; you can continue later.")
    return 0
