"""The benchmarks run (their numbers are read by people, never asserted: the machine is shared)."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_check_benchmark_smoke_mode_checks_generated_banks_cleanly():
    out = subprocess.run([sys.executable, str(BENCH / "check.py"), "--smoke"], capture_output=True,
                         text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = [line.split() for line in out.stdout.splitlines() if " ms/q " in line]
    assert [row[0] for row in rows] == ["bundled", "100", "300"]
    assert "exit" not in out.stdout, "a generated bank failed its check: " + out.stdout


def test_every_benchmark_runs_from_one_script():
    """bench/all.py --smoke: each figure of the speed goals is printed, in one run."""
    out = subprocess.run([sys.executable, str(BENCH / "all.py"), "--smoke"], capture_output=True,
                         text=True, stdin=subprocess.DEVNULL, timeout=600)
    assert out.returncode == 0, out.stderr
    for figure in ("quiz: first question", "bare Textual label", "Learner.answer", "quiz --plain",
                   "in 1 files", "3 learners"):
        assert figure in out.stdout, figure
