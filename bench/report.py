"""`quiz report` over a class, measured side by side in one run: 30 learners against one.

    python bench/report.py [--runs N] [--learners 30] [--answers 1000] [--smoke]

Each learner's progress file holds ANSWERS answers to the bundled bank's questions, spread over months
(written as the quiz writes them, schema 3). `quiz report` runs in a fresh process each time, as a
teacher runs it, on one file and on LEARNERS files, in alternation round by round so that load on the
shared machine hits both alike; the report gives medians and the ratio. `--smoke` uses three learners
of fifty answers, once: it shows the script works, its numbers mean little.
"""

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quiz.domain import review  # noqa: E402
from quiz.domain.progress import AnswerRecord, Progress  # noqa: E402
from quiz.domain.scoring import score  # noqa: E402
from quiz.locations import bundled_bank  # noqa: E402
from quiz.storage.bank_files import load_bank  # noqa: E402
from quiz.storage.progress_file import save_progress  # noqa: E402

START = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)


def learner(bank, answers: int, seed: int) -> Progress:
    """A learner who answered `answers` times, choosing at random among the options (or marking a run
    of words), one answer every few hours."""
    rng = random.Random(seed)
    questions = list(bank.questions.values())
    records, reviews = [], {}
    when = START
    for n in range(answers):
        question = rng.choice(questions)
        when += timedelta(minutes=rng.randrange(30, 600))
        if question.marks_words:
            first = rng.randrange(len(question.words()))
            chosen, words = [], list(range(first, min(first + 3, len(question.words()))))
        else:
            keys = question.option_keys()
            chosen, words = (rng.sample(keys, 2) if question.multiple else [rng.choice(keys)]), []
        record = AnswerRecord(question_id=question.id, quiz_id=f"q{n // 10:05d}", answered_at=when,
                              choice=sorted(chosen), words=words, score=score(question, chosen, words))
        records.append(record)
        reviews[question.id] = review.review(reviews.get(question.id), record.score, None, when)
    return Progress(answers=records, reviews=reviews)


def timed(files: list[Path]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "quiz", "report", *map(str, files)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--smoke", action="store_true", help="three small learners, one run: seconds")
    args = parser.parse_args()
    learners, answers, runs = (3, 50, 1) if args.smoke else (args.learners, args.answers, args.runs)
    bank = load_bank([bundled_bank()]).bank
    with tempfile.TemporaryDirectory(prefix="quiz-bench-report-") as tmp:
        files = []
        for n in range(learners):
            path = Path(tmp) / f"learner-{n:02d}.toml"
            save_progress(path, learner(bank, answers, n))
            files.append(path)
        samples: dict[str, list[float]] = {"one": [], "class": []}
        for round_ in range(runs + 1):  # round 0 warms the file cache and is not counted
            for name, chosen in (("one", files[:1]), ("class", files)):
                elapsed = timed(chosen)
                if round_:
                    samples[name].append(elapsed)
    one, many = statistics.median(samples["one"]), statistics.median(samples["class"])
    print(f"quiz report, {answers:,} answers per learner, median of {runs} run(s)")
    print(f"  1 learner            {one * 1000:7.0f} ms   1.00x 1 learner")
    print(f"  {learners} learners{'':<{11 - len(str(learners))}} {many * 1000:7.0f} ms   {many / one:5.2f}x 1 learner")


if __name__ == "__main__":
    main()
