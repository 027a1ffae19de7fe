"""`quiz check` on large banks, measured side by side in one run: per-question cost and ratio to the bundled bank.

    python bench/check.py [--runs N] [--sizes 1000,10000,50000] [--baseline CHECKOUT] [--questions DIR] [--smoke]

Banks of each size are generated in a temporary folder from the bundled bank: copy k of the bundled
questions quotes its own copy of the two articles (sources `charter97-k`, `oneworld-k`), so ids are
distinct and no quote is reused, as in a district's bank covering many articles. Question files hold
at most 1,000 questions each (a 10,000-question bank is ten files).

Each bank is checked with `python -m quiz check` in a fresh process, as a teacher runs it; the runs of
all banks are interleaved round by round so that load on the shared machine hits all alike, and the
report gives medians. `--baseline` names another checkout of the project (for example `git archive
main`, unpacked) to run beside this one in the same rounds; `--questions DIR` takes the questions from
another bank folder (an older version's `questions/`, whose kinds both versions know), and it is then
that bank, not each checkout's bundled one, that the ratios are to. `--smoke` checks two small banks
once, in a few seconds, to show the script works; its numbers mean little.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
PER_FILE = 1000


def bundled_questions(bundled: Path) -> list[dict]:
    questions = []
    for file in sorted(bundled.glob("*.toml")):
        questions += tomllib.loads(file.read_text(encoding="utf-8")).get("question", [])
    return questions


def _renamed(value, sources: set[str], k: int):
    """`value` with every question id and source reference given copy k's suffix."""
    if isinstance(value, dict):
        return {key: (f"{item}-{k}" if key in ("id", "source") and isinstance(item, str)
                      and (key == "id" or item in sources) else _renamed(item, sources, k))
                for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, sources, k) for item in value]
    return value


def generate(folder: Path, size: int, bundled: Path = ROOT / "questions") -> int:
    """Write a bank of `size` questions made from those in `bundled` into `folder`; return how many
    files hold its questions."""
    questions = bundled_questions(bundled)
    sources = tomllib.loads((bundled / "sources.toml").read_text(encoding="utf-8"))["source"]
    source_ids = {s["id"] for s in sources}
    (folder / "sources").mkdir(parents=True)
    shutil.copy(bundled / "techniques.toml", folder / "techniques.toml")
    copies = -(-size // len(questions))
    tables = []
    for k in range(copies):
        for source in sources:
            name = f"{Path(source['file']).stem}-{k}.txt"
            shutil.copy(bundled / source["file"], folder / "sources" / name)
            tables.append({**source, "id": f"{source['id']}-{k}", "file": f"sources/{name}"})
    (folder / "sources.toml").write_text(tomli_w.dumps({"source": tables}), encoding="utf-8")
    made = [_renamed(questions[i % len(questions)], source_ids, i // len(questions)) for i in range(size)]
    files = 0
    for start in range(0, size, PER_FILE):
        files += 1
        (folder / f"questions-{files:03}.toml").write_text(
            tomli_w.dumps({"question": made[start:start + PER_FILE]}), encoding="utf-8")
    return files


def timed(checkout: Path, bank: Path | None, cwd: Path) -> tuple[float, int, str]:
    """Seconds for `quiz check` of `bank` (None: the bundled bank) with the code of `checkout`."""
    command = [sys.executable, "-m", "quiz", "check", *([str(bank)] if bank else [])]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={"PYTHONPATH": str(checkout), "PATH": ""},
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    last = (done.stdout.strip().splitlines() or done.stderr.strip().splitlines() or [""])[-1]
    return elapsed, done.returncode, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000,50000",
                        help="bank sizes in questions, comma-separated (default: 1000,10000,50000)")
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="another checkout of the project to measure beside this one")
    parser.add_argument("--questions", type=Path, metavar="DIR",
                        help="make the banks from this bank folder, and compare with it (default: the "
                             "bundled bank of each checkout)")
    parser.add_argument("--smoke", action="store_true", help="two small banks, one run: seconds")
    args = parser.parse_args()
    sizes = [100, 300] if args.smoke else [int(s) for s in args.sizes.split(",")]
    runs = 1 if args.smoke else args.runs
    checkouts = {"this": ROOT, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
    source = (args.questions or ROOT / "questions").resolve()
    bundled_size = len(bundled_questions(source))

    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as tmp:
        tmp_path = Path(tmp)
        reference = "bundled" if args.questions is None else f"{args.questions.name}/"
        banks: dict[str, tuple[Path | None, int]] = {reference: (args.questions and source, bundled_size)}
        for size in sizes:
            folder = tmp_path / f"bank-{size}"
            files = generate(folder, size, source)
            banks[f"{size:,} in {files} files"] = (folder, size)
        samples: dict[tuple[str, str], list[float]] = {}
        outcome: dict[tuple[str, str], tuple[int, str]] = {}
        for round_ in range(runs + 1):  # round 0 warms the file cache and is not counted
            for name, (folder, _size) in banks.items():
                for who, checkout in checkouts.items():
                    elapsed, code, last = timed(checkout, folder, tmp_path)
                    if round_ == 0:
                        continue
                    samples.setdefault((who, name), []).append(elapsed)
                    outcome[(who, name)] = (code, last)

    print(f"quiz check, median of {runs} run(s); per question = time / questions")
    for who in checkouts:
        print(f"\n{who}: {checkouts[who]}")
        base = statistics.median(samples[(who, reference)])
        for name, (_folder, size) in banks.items():
            median = statistics.median(samples[(who, name)])
            code, last = outcome[(who, name)]
            verdict = "" if code == 0 else f"   exit {code}: {last[:70]}"
            print(f"  {name:<22} {size:>7,} q  {median * 1000:8.0f} ms  {median / size * 1000:7.3f} ms/q"
                  f"  {median / base:6.2f}x {reference}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
