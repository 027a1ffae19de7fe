"""bench/progress.py runs (its smoke mode, in seconds); the times it prints are for people, not tests."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_the_progress_benchmark_runs_and_prints_each_figure(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "progress.py"), "--smoke", "--dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()]
    assert [row[0] for row in rows if row and row[0].replace(",", "").isdigit()] == ["0", "100"]
    assert "The first load in a fresh process" in done.stdout
    assert "Learner.answer (score, schedule, durable save)" in done.stdout
    assert "quiz --plain: start, one answer, quit" in done.stdout
    assert "a returning learner (the summary their last session left)" in done.stdout
    assert "the first start of this release on the file (no summary yet)" in done.stdout
    assert list(tmp_path.iterdir()) == [], "the benchmark cleans up after itself"
