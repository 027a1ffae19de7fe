"""Progress files after months of use: one save and one load, the first release's format beside today's.

    python bench/progress.py [--runs N] [--sizes 0,1000,10000,50000] [--dir FOLDER] [--smoke]

For each history size (answers already in the file):
1. one save after one more answer: schema 2 (the first release, commit bfe5e47: re-serialise the whole
   history with tomli_w, write a temporary file, fsync, rename, fsync the folder) against schema 3
   (append one line and fsync);
2. one load of the whole file: schema 2 (tomllib, then pydantic) against schema 3 (the line reader),
   repeated in one process, and the first load in a fresh process, as a learner meets it;
3. `Learner.answer` on the bundled bank, from the learner's choice to the durable save (scoring, the
   review schedule, the save), with 10,000 answers of history against none;
4. the whole of one answer in plain mode, as a learner meets it: start `quiz --plain`, answer one
   question, quit; with 10,000 answers of history against none (the first release took 3.7x). Twice
   on each file: the first start after this release (no summary of the file yet: every answer is
   read), then the returning learner's next start (the summary their last session left, so only
   what came after it is read; `quiz.storage.progress_summary`).

Old and new run in alternation, round by round, so that load on the shared machine hits both alike;
each figure is the median of N runs. Files go to a temporary folder on the disk (fsync is real there;
use --dir to pick the disk). `--smoke` runs tiny sizes once, in a few seconds: for CI, which checks
that it runs, never its times.
"""

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Literal

import tomli_w
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quiz.domain import review  # noqa: E402
from quiz.domain.progress import AnswerRecord, Progress  # noqa: E402
from quiz.domain.text import Identifier, Name  # noqa: E402
from quiz.learner import Learner  # noqa: E402
from quiz.locations import bundled_bank  # noqa: E402
from quiz.session import Selection  # noqa: E402
from quiz.storage.bank_files import load_bank  # noqa: E402
from quiz.storage.progress_file import ProgressFile, load_progress  # noqa: E402
from quiz.storage.progress_lines import HEADER, answer_fields, record_line  # noqa: E402

START = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)


# The first release's progress file (bfe5e47: quiz/domain/progress.py, quiz/storage/progress_file.py),
# copied as it was so that the comparison runs in one process, on one machine, in one run.

class _OldRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OldAnswer(_OldRecord):
    question_id: Identifier
    quiz_id: Identifier
    answered_at: AwareDatetime
    choice: list[Identifier]
    score: Annotated[float, Field(ge=0.0, le=1.0)]
    confidence: Literal["sure", "unsure"] | None = None


class OldCard(_OldRecord):
    state: Annotated[int, Field(ge=1, le=3)]
    stability: Annotated[float, Field(gt=0)]
    difficulty: Annotated[float, Field(ge=1, le=10)]
    due: AwareDatetime
    last_review: AwareDatetime


class OldUnfinished(_OldRecord):
    quiz_id: Identifier
    title: Name
    started_at: AwareDatetime
    question_ids: Annotated[list[Identifier], Field(min_length=1)]
    seed: int = 0


class OldProgress(_OldRecord):
    schema_version: int = 2
    answers: list[OldAnswer] = []
    unfinished: OldUnfinished | None = None
    reviews: dict[Identifier, OldCard] = {}


def old_load(path: Path) -> OldProgress:
    document = tomllib.loads(path.read_bytes().decode("utf-8"))
    version = document.get("schema_version", 1)
    if isinstance(version, int) and version > 2:
        raise ValueError("newer")
    return OldProgress.model_validate(document)


def old_save(path: Path, progress: OldProgress) -> None:
    payload = tomli_w.dumps(progress.model_dump(mode="python", exclude_none=True)).encode("utf-8")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


# Histories ----------------------------------------------------------------------------------------

def history(size: int, questions: list[str]) -> tuple[Progress, list[str]]:
    """`size` answers to the bank's questions, ten to a quiz, one every few minutes, each scheduled;
    and the schema 3 file that answering them one by one writes (each answer with its card)."""
    progress, lines = Progress(), [HEADER]
    for n in range(size):
        when = START + timedelta(minutes=7 * n)
        answer = AnswerRecord(question_id=questions[(n * 7) % len(questions)], quiz_id=f"quiz{n // 10}",
                              answered_at=when, choice=["a"], score=(0.0, 0.5, 1.0)[n % 3],
                              confidence=(None, "sure", "unsure")[n % 3])
        progress.answers.append(answer)
        card = progress.reviews[answer.question_id] = review.review(
            progress.reviews.get(answer.question_id), answer.score, answer.confidence, when)
        lines.append(record_line("answer", n + 1, answer_fields(answer, card)))
    return progress, lines


def as_old_answer(answer: AnswerRecord) -> dict:
    """An answer's fields as the first release had them (no marked words)."""
    fields = dataclasses.asdict(answer)
    del fields["words"]
    return fields


def as_old(progress: Progress) -> OldProgress:
    return OldProgress(answers=[as_old_answer(a) for a in progress.answers],
                       reviews={q: c.model_dump() for q, c in progress.reviews.items()})


def one_more(progress: Progress, n: int, question: str) -> AnswerRecord:
    when = START + timedelta(days=3650, minutes=n)
    answer = AnswerRecord(question_id=question, quiz_id="benchmark", answered_at=when, choice=["a"],
                          score=1.0, confidence="sure")
    progress.answers.append(answer)
    progress.reviews[question] = review.review(progress.reviews.get(question), 1.0, "sure", when)
    return answer


# Measuring ----------------------------------------------------------------------------------------

def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def files(folder: Path, size: int, questions: list[str], runs: int) -> dict[str, float]:
    """Median seconds of one save and one load at `size` answers, old and new, alternating."""
    progress, lines = history(size, questions)
    old_path, new_path = folder / f"old-{size}.toml", folder / f"new-{size}.toml"
    old = as_old(progress)
    old_save(old_path, old)
    new_path.write_text("".join(lines), encoding="utf-8")
    store, loaded = ProgressFile.open(new_path)
    samples: dict[str, list[float]] = {"old save": [], "new save": [], "old load": [], "new load": []}
    try:
        for run in range(runs):
            answer = one_more(loaded, run, questions[run % len(questions)])
            old.answers.append(OldAnswer(**as_old_answer(answer)))
            old.reviews[answer.question_id] = OldCard(**loaded.reviews[answer.question_id].model_dump())
            samples["old save"].append(timed(lambda: old_save(old_path, old)))
            samples["new save"].append(timed(lambda: store.save(loaded)))
            samples["old load"].append(timed(lambda: old_load(old_path)))
            samples["new load"].append(timed(lambda: load_progress(new_path)))
        assert len(load_progress(new_path).answers) == size + runs
        sizes = {"old bytes": old_path.stat().st_size, "new bytes": new_path.stat().st_size}
    finally:
        store.close()
    return {name: statistics.median(values) for name, values in samples.items()} | sizes


def answers(folder: Path, bank, size: int, runs: int) -> tuple[float, float]:
    """Median seconds of `Learner.answer` (score, schedule, durable save) with no history and with
    `size` answers before, the two learners answering in alternation."""
    learners, sessions, samples = [], [], []
    for count in (0, size):
        path = folder / f"learner-{count}.toml"
        path.write_text("".join(history(count, list(bank.questions))[1]), encoding="utf-8")
        learner = Learner.open(bank, path, clock=lambda: START + timedelta(days=4000))
        learners.append(learner)
        sessions.append(learner.start(Selection(seed=1)))
        samples.append([])
    try:
        for _ in range(runs):
            for n, learner in enumerate(learners):
                if sessions[n].phase.value == "finished":
                    sessions[n] = learner.start(Selection(seed=1))
                session = sessions[n]
                question = session.current
                choice, words = ([], [0]) if question.marks_words else (sorted(question.correct()), [])
                samples[n].append(timed(lambda: learner.answer(session, choice, "sure", words=words)))
                session.advance()
    finally:
        for learner in learners:
            learner.close()
    return statistics.median(samples[0]), statistics.median(samples[1])


def plain_run(path: Path) -> float:
    """Seconds for `quiz --plain` to start, take one answer and quit, on the progress file at `path`."""
    keys = "1\n\n1\nq\n"  # the first quiz of the menu, its usual length, option 1, quit at the pause
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "quiz", "--plain", "--seed", "1", "--progress", str(path)],
                          input=keys, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or "Goodbye" not in done.stdout:
        raise SystemExit(f"quiz --plain did not take the answer:\n{done.stdout[-2000:]}{done.stderr}")
    return elapsed


def plain_answers(folder: Path, bank, size: int, runs: int) -> dict[tuple[str, int], float]:
    """Median seconds of a whole plain-mode answer with no history and with `size` answers, alternating:
    ("first", n) on a file no session of this release closed yet, ("next", n) the start after that."""
    lines = history(size, list(bank.questions))[1]
    samples: dict[tuple[str, int], list[float]] = {}
    for run in range(runs):
        for count in (0, size):
            path = folder / f"plain-{count}-{run}.toml"
            path.write_text("".join(lines if count else lines[:1]), encoding="utf-8")
            for start in ("first", "next"):
                samples.setdefault((start, count), []).append(plain_run(path))
    return {key: statistics.median(times) for key, times in samples.items()}


_FIRST_LOAD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from progress import old_load
from quiz.storage.progress_file import load_progress
path = Path(sys.argv[3])
start = time.perf_counter()
(old_load if sys.argv[2] == "old" else load_progress)(path)
print(time.perf_counter() - start)
"""


def first_loads(folder: Path, size: int, questions: list[str], runs: int) -> tuple[float, float]:
    """Median seconds of the first load in a fresh process, as a learner meets it when the quiz starts:
    the progress models' validators are built then too (pydantic's own start, which every start pays
    whatever the history, comes before: importing this script builds the first release's models).
    The first release's format and loader against today's, alternating."""
    progress, lines = history(size, questions)
    old_path, new_path = folder / f"first-old-{size}.toml", folder / f"first-new-{size}.toml"
    old_save(old_path, as_old(progress))
    new_path.write_text("".join(lines), encoding="utf-8")
    samples: dict[str, list[float]] = {"old": [], "new": []}
    for _ in range(runs):
        for name, path in (("old", old_path), ("new", new_path)):
            done = subprocess.run([sys.executable, "-c", _FIRST_LOAD, str(Path(__file__).parent), name, str(path)],
                                  capture_output=True, text=True, check=True, cwd=ROOT)
            samples[name].append(float(done.stdout))
    return statistics.median(samples["old"]), statistics.median(samples["new"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median; default 5)")
    parser.add_argument("--sizes", default="0,1000,10000,50000", help="history sizes, comma-separated")
    parser.add_argument("--dir", type=Path, help="folder for the files (default: the system's temporary one)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run: checks the bench runs")
    args = parser.parse_args()
    sizes = [0, 100] if args.smoke else [int(size) for size in args.sizes.split(",")]
    runs = 1 if args.smoke else args.runs
    bank = load_bank([bundled_bank()]).bank
    questions = list(bank.questions)
    mib = 2**20
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-progress-") as name:
        folder = Path(name)
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")  # the summaries of its files go with them
        print(f"Progress files: one save, one load (median of {runs}, ms); schema 2 = first release "
              f"(bfe5e47), schema 3 = now")
        print(f"{'answers':>8}  {'save: s2':>9} {'s3':>7} {'s2/s3':>7}   {'load: s2':>9} {'s3':>7} "
              f"{'s2/s3':>7}   {'size: s2':>9} {'s3':>8}")
        for size in sizes:
            f = files(folder, size, questions, runs)
            print(f"{size:>8,}  {f['old save'] * 1000:9.1f} {f['new save'] * 1000:7.1f} "
                  f"{f['old save'] / f['new save']:6.1f}x   {f['old load'] * 1000:9.1f} "
                  f"{f['new load'] * 1000:7.1f} {f['old load'] / f['new load']:6.1f}x   "
                  f"{f['old bytes'] / mib:7.2f} MB {f['new bytes'] / mib:5.2f} MB", flush=True)
        big = 100 if args.smoke else 10_000
        old, new = first_loads(folder, big, questions, runs)
        print(f"\nThe first load in a fresh process, validators built as it goes, median of {runs}:")
        print(f"  at {big:,} answers: schema 2 {old * 1000:.1f} ms; schema 3 {new * 1000:.1f} ms "
              f"(goal: loading 10,000 answers in at most 100 ms)")
        answer_runs = 3 if args.smoke else max(runs * 8, 40)
        fresh, used = answers(folder, bank, big, answer_runs)
        print(f"\nLearner.answer (score, schedule, durable save), median of {answer_runs}:")
        print(f"  no history {fresh * 1000:.1f} ms; {big:,} answers {used * 1000:.1f} ms: "
              f"{used / fresh:.2f}x (goal at 10,000: at most 1.3x, and at most 50 ms)")
        plain = plain_answers(folder, bank, big, runs)
        print(f"\nquiz --plain: start, one answer, quit (whole process), median of {runs}:")
        for start, what in (("next", "a returning learner (the summary their last session left)"),
                            ("first", "the first start of this release on the file (no summary yet)")):
            fresh, used = plain[start, 0], plain[start, big]
            print(f"  {what}: no history {fresh * 1000:.0f} ms; {big:,} answers {used * 1000:.0f} ms: "
                  f"{used / fresh:.2f}x" + (" (goal at 10,000: at most 1.3x; the first release: 3.7x)"
                                            if start == "next" else ""))


if __name__ == "__main__":
    main()
