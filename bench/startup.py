"""Start-up costs, measured side by side in one run and reported as ratios (the machine is shared and noisy).

    python bench/startup.py [--runs N] [--baseline CHECKOUT] [--smoke]

1. Time to the first question, headless: the quiz on the bundled bank, from process start until the
   first question is on screen, against a bare Textual app that shows one label. The quiz starts as
   the `quiz` command does (quiz.cli.quiz_app), after one start has kept the checked bank, as every
   start after the first finds it.
2. `quiz --version` and `quiz check questions` against `python -c "import pydantic"`.

`--baseline CHECKOUT` times another checkout's own first question (its `bench/startup.py --child
first-question`, with its `.venv`) in the same rounds: the first release, for instance. The project's
modules are compiled to bytecode first, as an installed package is (this environment sets
PYTHONDONTWRITEBYTECODE, which would make every run compile them afresh). Each command runs N times,
interleaved round by round so that load on the machine hits all alike; the report gives medians and
ratios to the baseline. `--smoke` runs each once: it shows the script works, its numbers mean little.
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


async def _first_question() -> None:
    """`quiz` on the bundled bank, started as the command starts it (quiz.cli.quiz_app: the bank from
    the cache of checked banks when it has not changed, as on every start after the first), then
    Enter on the home screen's first quiz until the question is on screen."""
    from quiz.cli import quiz_app

    with tempfile.TemporaryDirectory() as folder:
        app = quiz_app(["--progress", str(Path(folder) / "progress.toml"), "--seed", "1"])
        async with app.run_test() as pilot:
            await pilot.press("enter")
            while type(app.screen).__name__ != "QuestionScreen":
                await pilot.pause()


async def _bare_label() -> None:
    from textual.app import App
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self):
            yield Label("Hello")

    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()


CHILDREN = {"first-question": _first_question, "bare-label": _bare_label}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start


def compare(title: str, commands: dict[str, list[str]], baseline: str, runs: int) -> None:
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    base = statistics.median(times[baseline])
    print(f"\n{title} (median of {runs} runs)")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"  {name:<28} {median * 1000:7.0f} ms   {median / base:5.2f}x {baseline}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="another checkout of the project (with its own .venv) to time beside this one")
    parser.add_argument("--smoke", action="store_true", help="one run of each: seconds")
    parser.add_argument("--child", choices=CHILDREN, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(CHILDREN[args.child]())
        return
    if args.smoke:
        args.runs = 1
    with tempfile.TemporaryDirectory(prefix="quiz-bench-cache-") as cache:
        os.environ["XDG_CACHE_HOME"] = cache  # the checked bank, kept from run to run, and nothing after
        measure(args)


def measure(args: argparse.Namespace) -> None:
    python = sys.executable
    me = str(Path(__file__).resolve())
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "quiz")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([python, me, "--child", "first-question"], check=True, cwd=ROOT)  # keeps the checked bank
    commands = {"bare Textual label": [python, me, "--child", "bare-label"],
                "quiz: first question": [python, me, "--child", "first-question"]}
    if args.baseline:
        other = args.baseline.resolve()
        commands[f"{other.name}: first question"] = [str(other / ".venv" / "bin" / "python"),
                                                      str(other / "bench" / "startup.py"), "--child",
                                                      "first-question"]
    compare("Time to first question, headless, from process start", commands, "bare Textual label",
            args.runs)
    compare("Commands that must not load Textual",
            {"python -c 'import pydantic'": [python, "-c", "import pydantic"],
             "quiz --version": [python, "-m", "quiz", "--version"],
             "quiz check questions": [python, "-m", "quiz", "check", "questions"]},
            "python -c 'import pydantic'", args.runs)


if __name__ == "__main__":
    main()
