"""Every figure of the speed goals in one run, each with its baseline beside it.

    python bench/all.py [--runs N] [--baseline CHECKOUT] [--smoke]

1. bench/startup.py: the first question against a bare Textual label (and the baseline checkout's
   first question, with --baseline); `quiz --version` and `quiz check` against importing pydantic.
2. bench/progress.py: one save and one load at 0, 1,000, 10,000 and 50,000 answers of history, the
   first release's format beside today's; one answer with 10,000 answers of history against none, for
   a returning learner and at the first start of this release on the file.
3. bench/check.py: `quiz check` of banks of 1,000, 10,000 (ten files) and 50,000 questions against the
   bundled bank, per question (and the baseline checkout's, with --baseline).
4. bench/report.py: `quiz report` over 30 learners of 1,000 answers against one learner.

Goals (issue 16): first question <= 2.0x the bare label; one answer at 10,000 answers <= 1.3x at none,
its save <= 50 ms, loading 10,000 answers <= 100 ms; a 10,000-question bank accepted and checked in
<= 5x the bundled bank, linear to 50,000; the report over 30 learners <= 2x over one.
Ratios, since the machine is shared: compare figures of one run only. `--smoke` runs every script in
its seconds-long mode, for CI and the tests (its numbers mean little).
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="another checkout of the project, with its own .venv (the first release)")
    parser.add_argument("--smoke", action="store_true", help="every script in its quick mode")
    args = parser.parse_args()
    quick = ["--smoke"] if args.smoke else ["--runs", str(args.runs)]
    other = ["--baseline", str(args.baseline)] if args.baseline else []
    # Both versions check banks made from the baseline's own questions, whose kinds both know.
    questions = ["--questions", str(args.baseline / "questions")] if args.baseline else []
    scripts = [("startup.py", other), ("progress.py", []), ("check.py", other + questions), ("report.py", [])]
    failed = 0
    for script, extra in scripts:
        print(f"\n=== bench/{script} ===", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / script), *quick, *extra]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
