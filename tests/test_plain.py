"""`quiz --plain`: the quiz line by line on standard input and output, for screen readers and braille
displays. Driven two ways: the real command with answers piped in, and `quiz.plain.run` with a scripted
keyboard that reads what was printed (options are shuffled, so option numbers are read off the output,
as a learner would)."""

import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from quiz.domain.anchoring import Span
from quiz.plain import AnswerError, parse_answer, quoted_paragraphs, run
from quiz.storage.progress_file import load_progress
from quiz.storage.progress_lock import ProgressLock
from tests.conftest import MINI, Clock

REPO = Path(__file__).resolve().parent.parent

Reply = str | Callable[[str], str]


class Keyboard(io.TextIOBase):
    """Standard input typed by a test: each line is the next reply, or what a function makes of
    everything printed so far; when the replies run out, input ends (as with Ctrl+D)."""

    def __init__(self, screen: io.StringIO, replies: list[Reply]) -> None:
        self.screen, self.replies, self.typed = screen, list(replies), []

    def readline(self, size: int = -1) -> str:
        if not self.replies:
            return ""
        reply = self.replies.pop(0)
        line = (reply if isinstance(reply, str) else reply(self.screen.getvalue())) + "\n"
        self.typed.append(line)
        return line


def converse(bank, progress: Path, replies: list[Reply]) -> tuple[int, str, str]:
    """Run the plain quiz in this process: exit code, everything printed, and every line typed."""
    screen = io.StringIO()
    keyboard = Keyboard(screen, replies)
    code = run(bank, progress, seed=1, clock=Clock(), stdin=keyboard, stdout=screen)
    return code, screen.getvalue(), "".join(keyboard.typed)


def command(progress: Path, typed: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quiz", "--plain", "--bank", str(MINI), "--progress",
                           str(progress), "--seed", "1", *args], input=typed, capture_output=True,
                          text=True, cwd=REPO, timeout=60)


def last_question(screen: str) -> str:
    """The text from the last "Question N of M." line on."""
    starts = [m.start() for m in re.finditer(r"^Question \d+ of \d+\.", screen, re.M)]
    return screen[starts[-1]:]


def option(*names: str) -> Callable[[str], str]:
    """A reply naming options by what they say: their numbers on the question last printed."""
    def numbers(screen: str) -> str:
        block = last_question(screen)
        return " ".join(re.search(rf"^Option (\d): {re.escape(name)}", block, re.M).group(1)
                        for name in names)
    return numbers


def quiz(label: str) -> Callable[[str], str]:
    """A reply choosing the menu entry that starts with `label`."""
    return lambda screen: re.findall(rf"^Quiz (\d+): {re.escape(label)}", screen, re.M)[-1]


def right_answer(bank) -> Callable[[str], str]:
    """A reply giving full marks to whichever question is on screen."""
    def reply(screen: str) -> str:
        block = last_question(screen)
        question = next(q for q in bank.questions.values() if q.prompt in block)
        return option(*(bank.label(question, k) for k in question.correct()))(screen)
    return reply


def test_a_whole_quiz_through_the_command_is_saved_and_plain(mini, tmp_path):
    right = right_answer(mini)
    replies = [quiz("All questions"), "", right, "", right, "", right, "", right, "", "q"]
    code, rehearsal, typed = converse(mini, tmp_path / "rehearsal.toml", replies)
    assert code == 0

    out = command(tmp_path / "progress.toml", typed)
    assert out.returncode == 0, out.stderr
    assert out.stdout == rehearsal, "the command and quiz.plain.run hold the same conversation"
    assert out.stderr == ""
    assert re.findall(r"^Question (\d) of 4\. [A-Z][a-z ]+\. Difficulty \d of 3\.$", out.stdout, re.M) == \
        ["1", "2", "3", "4"]
    assert out.stdout.count("\nRight.\n") == 4
    assert "Score: 4 of 4, 100%: 4 right." in out.stdout
    assert "Name calling or labelling: spotted 1 of 1." in out.stdout
    assert "Nothing missed." in out.stdout
    assert "The Harbour Gazette letter: 100% of the marks over 3 answers: 3 right." in out.stdout
    assert "\x1b" not in out.stdout, "no colour or cursor movement"
    assert not re.search(r"[─│┌┐└┘━┃╭╮╰╯█▌]", out.stdout), "no box drawing"
    progress = load_progress(tmp_path / "progress.toml")
    assert sorted(a.question_id for a in progress.answers) == sorted(mini.questions)
    assert all(a.score == 1.0 for a in progress.answers) and progress.unfinished is None


def test_the_plain_command_never_loads_textual(tmp_path):
    code = ("import sys\nfrom quiz.cli import main\n"
            f"status = main(['--plain', '--bank', {str(MINI)!r}, '--progress', "
            f"{str(tmp_path / 'p.toml')!r}])\n"
            "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', status, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], input="q\n", capture_output=True, text=True,
                         cwd=REPO, timeout=60)
    assert out.stderr.strip() == "CLEAN 0", out.stderr
    assert "Choose a quiz." in out.stdout


def test_answers_are_saved_with_the_confidence_said(mini, progress_file):
    sure = option("Name calling")
    code, screen, _ = converse(mini, progress_file, [quiz("Spot the technique"), "",
                                                      lambda s: sure(s) + " s"])
    assert code == 0
    (answer,) = load_progress(progress_file).answers
    assert (answer.question_id, answer.choice, answer.score, answer.confidence) == \
        ("letter-puppet", ["name_calling"], 1.0, "sure")
    assert "Goodbye. Your progress is saved; you can continue later." in screen


def test_a_wrong_answer_says_why_not_and_shows_the_right_one(mini, progress_file):
    _, screen, _ = converse(mini, progress_file, [quiz("Spot the technique"), "", option("Bandwagon")])
    feedback = screen[screen.index("\nNot right.\n"):]
    assert re.search(r"^Option \d: Bandwagon\. Your answer, not this one\.$", feedback, re.M)
    assert re.search(r"^Option \d: Name calling or labelling\. The right answer\.$", feedback, re.M)
    assert re.search(r"^Option \d: Appeal to fear\. Not chosen\.$", feedback, re.M)
    assert "Why: The word 'puppet' is a label pinned on the mayor" in feedback
    assert "Definition of Name calling or labelling: Attaching a label" in feedback
    why_not = feedback.index("Why not Bandwagon: Nothing here claims that everyone agrees")
    right = re.search(r"^The right answer: \d\. Name calling or labelling\.$", feedback, re.M).start()
    assert why_not < right < feedback.index("Why: "), "what matters to this learner comes first"


def test_all_that_apply_takes_several_numbers_and_gives_partial_credit(mini, progress_file):
    apply = quiz("All that apply")
    both = option("Casting doubt", "Attack on motives (ad hominem)")
    one = option("Casting doubt")
    replies = [apply, "", lambda s: both(s).replace(" ", ", "), "", "",
               apply, "", one, "", "q"]
    code, screen, _ = converse(mini, progress_file, replies)
    assert code == 0
    assert "Tick all that apply." in screen and "All that apply: choose every option that applies." in screen
    verdicts = re.findall(r"^(Right\.|Not right\.|Partly right: .*)$", screen, re.M)
    assert verdicts == ["Right.", "Partly right: 50% of the marks."]
    assert re.search(r"^Option \d: Attack on motives \(ad hominem\)\. Not ticked, but applies\.$",
                     screen, re.M)
    assert [a.score for a in load_progress(progress_file).answers] == [1.0, 0.5]


def test_bad_input_gets_one_line_and_the_question_again(mini, progress_file):
    replies = [quiz("Spot the technique"), "", "", "7", "two", "1 2", "sure", "sure 1", "?",
               option("Name calling")]
    code, screen, _ = converse(mini, progress_file, replies)
    assert code == 0
    assert "Traceback" not in screen
    for message in ["Type the number of an option, then press Enter.",
                    "There is no option 7. Type a number from 1 to 3.",
                    "two is not an option number. Type a number from 1 to 3, or h for help.",
                    "This question takes one answer. Type one number.",
                    "Type an option number before sure or unsure, for example: 1 sure.",
                    "Put sure or unsure after the numbers, for example: 1 sure.",
                    "Type q to quit. Your progress is saved after every answer, and you can continue later."]:
        assert f"{message}\nYour answer, or h for help:\n" in screen, message
    assert "Help.\nTo answer, type the number of an option and press Enter, for example: 2.\n" in screen
    assert screen.count("Your answer, or h for help:") == 8
    (answer,) = load_progress(progress_file).answers
    assert answer.score == 1.0


def test_bad_menu_choices_are_asked_again(mini, progress_file):
    code, screen, _ = converse(mini, progress_file, ["0", "all", quiz("Both sides"), "many", "2"])
    assert code == 0
    assert "Type a number from 1 to 7, the number of a quiz in the list, or f, s or l." in screen
    assert "Type a number of questions such as 5, or all, or press Enter for 10." in screen
    assert "Question 1 of 1. Both sides. Difficulty 3 of 3." in screen


def test_end_of_input_mid_quiz_leaves_it_to_continue(mini, progress_file):
    first = command(progress_file, "1\n\n1\n")
    assert first.returncode == 0 and first.stderr == ""
    assert first.stdout.endswith("Goodbye. Your progress is saved; you can continue later.\n")
    progress = load_progress(progress_file)
    assert len(progress.answers) == 1 and progress.unfinished is not None

    code, screen, _ = converse(mini, progress_file, ["", right_answer(mini)])
    assert "Unfinished quiz: All questions, 1 of 4 answered." in screen
    assert "Question 2 of 4." in screen and "Question 1 of 4." not in screen
    progress = load_progress(progress_file)
    assert len(progress.answers) == 2 and len(progress.answers_in(progress.unfinished.quiz_id)) == 2


def test_an_unfinished_quiz_is_dropped_only_when_the_learner_says_so(mini, progress_file):
    converse(mini, progress_file, [quiz("All questions"), "", right_answer(mini)])
    _, screen, _ = converse(mini, progress_file, ["maybe", "n", quiz("Both sides"), ""])
    assert "Continue it? Press Enter or type y to continue it; type n to drop it and choose a new quiz." in screen
    assert "Type y to continue the unfinished quiz, or n to drop it and choose a new one." in screen
    assert "Question 1 of 1. Both sides." in screen
    assert load_progress(progress_file).unfinished.title == "Both sides"


def test_c_shows_each_quote_marked_in_its_paragraph(mini, progress_file):
    _, screen, _ = converse(mini, progress_file, [quiz("Both sides"), "", "c"])
    context = screen[screen.index("In the article:"):screen.index("End of the article extract.")]
    assert context.splitlines() == [
        "In the article: A letter to the editor. The Harbour Gazette letter. Author: A resident.",
        "Everyone in this town knows >>>the new bridge is a disaster<<<. The council's own survey, "
        "published in March, found cracks in two of the six supports. The mayor, a puppet of the "
        "builders, says all is well.",
        "In the article: The council replies. Council newsletter reply. Speaker: The town council.",
        "The so-called experts who attack the bridge have never built anything. According to the "
        "engineering firm Dunmore & Lake, the cracks are surface marks. >>>The bridge is the finest "
        "in the region.<<<",
    ]
    assert context.count("\n") == 4, "one line per paragraph, each understood on its own"


def test_quoted_paragraphs_mark_every_quote_and_merge_overlaps():
    text = "Title\n\nOne two three four.\n\nFive six."
    one = text.index("One")
    four = text.index("four")
    spans = [Span(one, one + 7, 3), Span(one + 4, one + 13, 3), Span(four, four + 4, 3)]
    assert quoted_paragraphs(text, spans) == [">>>One two three<<< >>>four<<<."]


def test_parse_answer_reads_numbers_and_confidence():
    assert parse_answer("2", 3, False) == ([2], None)
    assert parse_answer(" 1, 3  unsure", 4, True) == ([1, 3], "unsure")
    assert parse_answer("3 3 s", 4, True) == ([3], "sure")
    for text, multiple in [("", False), ("4", True), ("1 2", False), ("u", False), ("x", True)]:
        try:
            parse_answer(text, 3, multiple)
        except AnswerError:
            continue
        raise AssertionError(f"{text!r} was accepted")


def test_damaged_progress_is_left_alone_unless_the_learner_types_move(tmp_path):
    damaged = tmp_path / "progress.toml"
    damaged.write_bytes(b"schema_version = 2\n[[answers]\n")
    out = command(damaged, "\n")
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr
    assert "Your progress file cannot be read." in out.stdout
    assert f"{damaged}:2: damaged: not valid TOML" in out.stdout
    assert "Nothing has been changed." in out.stdout
    assert damaged.read_bytes() == b"schema_version = 2\n[[answers]\n"
    assert command(damaged, "").returncode == 1, "end of input is not consent either"
    assert damaged.read_bytes() == b"schema_version = 2\n[[answers]\n"

    moved = command(damaged, "move\nq\n")
    assert moved.returncode == 0
    (kept,) = tmp_path.glob("progress.toml.damaged-*")
    assert kept.read_bytes() == b"schema_version = 2\n[[answers]\n"
    assert f"Your old progress file was kept as {kept.name}." in moved.stdout
    assert "Choose a quiz." in moved.stdout


def test_a_second_window_says_once_that_it_is_read_only(mini, progress_file):
    lock = ProgressLock(progress_file)
    assert lock.acquire()
    try:
        code, screen, _ = converse(mini, progress_file, [quiz("Spot the technique"), "", "1"])
    finally:
        lock.release()
    assert code == 0
    assert screen.count("Read-only: another quiz window is using this progress file") == 1
    assert "Goodbye. Answers given in this window were not saved, because it was read-only." in screen
    assert not progress_file.exists()


def key_numbers(question) -> str:
    """The 1-based numbers of the words of a find question's key, as a range: "17-21"."""
    key = sorted(question.key_words())
    return f"{key[0] + 1}-{key[-1] + 1}"


def test_find_marks_words_by_number_and_range(mini_more, progress_file):
    question = mini_more.questions["letter-find-label"]
    words = [w.text for w in question.words()]
    puppet = words.index("puppet") + 1
    disaster = words.index("disaster") + 1
    replies = [quiz("Find it in the text"), "", key_numbers(question), "", "",
               quiz("Find it in the text"), "", f"{puppet} {disaster}", "", "q"]
    code, screen, _ = converse(mini_more, progress_file, replies)
    assert code == 0
    assert "Mark words: type the numbers of the words that carry it, with ranges, for example: 3 7-9." in screen
    assert "Words 1 to 8: 1 Everyone, 2 in, 3 this, 4 town, 5 knows, 6 the, 7 new, 8 bridge." in screen
    first, second = screen.split("Quiz: Find it in the text")[1:]
    assert "\nRight.\nYou marked: “a puppet of the builders”.\n" in first
    assert ("2 of your 2 marked words are in the key; you found 2 of its 2 words. "
            "Not counted: a, an, of, that, the, these, this, those, to.") in first
    # Counted words: the key is "puppet builders"; marked "puppet disaster": P 1/2, R 1/2, F1 1/2.
    assert "\nPartly right: 50% of the marks.\n" in second
    assert "You marked: “disaster”; “puppet”." in second
    assert "1 of your 2 marked words is in the key; you found 1 of its 2 words." in second
    assert "Why not “a disaster”: 'A disaster' colours the bridge, not a person" in second
    assert "The key: “a puppet of the builders”\n" in second
    assert [a.words for a in load_progress(progress_file).answers] == [
        sorted(question.key_words()), sorted([puppet - 1, disaster - 1])]


def test_bad_word_numbers_are_asked_again(mini_more, progress_file):
    question = mini_more.questions["letter-find-label"]
    replies = [quiz("Find it in the text"), "", "0", "40", "3-x", key_numbers(question)]
    code, screen, _ = converse(mini_more, progress_file, replies)
    assert code == 0 and "Traceback" not in screen
    for message in ("There is no word 0. Type numbers from 1 to 37.",
                    "There is no word 40. Type numbers from 1 to 37.",
                    "3-x is not a word number or a range. Type numbers from 1 to 37, for example: 3 7-9."):
        assert message in screen, message
    assert load_progress(progress_file).answers[0].score == 1.0


def test_source_questions_and_the_source_card(mini_more, progress_file):
    replies = [quiz("The source itself"), "", "i", option("The council's own newsletter")]
    code, screen, _ = converse(mini_more, progress_file, replies)
    assert code == 0
    assert "About the source: The council replies." in screen
    assert "Outlet: Council newsletter." in screen and "Speaker: The town council." in screen
    assert "\nRight.\n" in screen


def test_piped_answers_one_per_line_answer_the_questions_in_turn(tmp_path):
    """The README's example: a line typed where the quiz waits after feedback is the next answer."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```sh\n(printf [^\n]*\| quiz --plain[^\n]*)\n```", readme).group(1)
    progress = tmp_path / "progress.toml"
    out = subprocess.run(example.replace("| quiz", f"| {sys.executable} -m quiz"), shell=True,
                         capture_output=True, text=True, cwd=REPO, timeout=60,
                         env={**os.environ, "QUIZ_PROGRESS": str(progress)})
    assert out.returncode == 0, out.stderr
    typed = re.search(r"printf '%s\\n' ([\d ]+)\|", example).group(1).split()
    answers = load_progress(progress).answers
    assert len(answers) == int(typed[1]) == len(typed) - 2, out.stdout
    assert "Question 3 of 3." in out.stdout and "Quiz finished" in out.stdout
    assert out.stdout.count("Your answer, or h for help:") == 1, "later answers come from the pauses"
    assert "not an option number" not in out.stdout


def test_filters_stats_and_the_glossary_from_the_menu(mini, progress_file):
    skills = mini.skills()
    number = str(skills.index("name_calling") + 1)
    replies = [quiz("Spot the technique"), "", option("Bandwagon"), "", "", "f", number, "0", "s", "l",
               quiz("All questions"), "all"]
    code, screen, _ = converse(mini, progress_file, replies)
    assert code == 0
    assert "Filters set: Name calling or labelling. The counts follow them." in screen
    assert "Quiz 3: All questions, 1 of 4 match the filters." in screen
    assert "Your stats: 1 answer." in screen
    assert "You chose Bandwagon when the answer was Name calling or labelling 1 time." in screen
    assert "Name calling or labelling: Attaching a label" in screen
    assert "Learn the techniques: each one, what to look for, and passages that use it." in screen
    assert "Example from the The Harbour Gazette letter: “The mayor, a puppet of the builders, says all is well.”" in screen
    assert "Quiz: Name calling or labelling, 1 question." in screen


def test_missed_questions_can_be_retried_at_once(mini, progress_file):
    replies = [quiz("Spot the technique"), "", option("Bandwagon"), "", "r", option("Name calling")]
    code, screen, _ = converse(mini, progress_file, replies)
    assert code == 0
    assert "Missed: “The mayor, a puppet of the builders, says all is well.” You chose: Bandwagon." in screen
    assert "Type r to retry the 1 missed question." in screen
    assert "Quiz: Retry the missed questions, 1 question." in screen
    assert [a.score for a in load_progress(progress_file).answers] == [0.0, 1.0]


def test_a_progress_path_that_cannot_be_used_is_said_and_exits_1(mini, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code, screen, _ = converse(mini, blocker / "progress.toml", [quiz("All questions")])
    assert code == 1 and "Traceback" not in screen
    assert "Cannot use the progress file:" in screen and "Choose another with --progress PATH." in screen
    assert "cannot be read" not in screen, "not offered to be moved aside: there is nothing to move"
