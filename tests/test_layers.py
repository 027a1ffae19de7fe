"""The layers below the interface never import Textual, and the fast commands never load it."""

import subprocess
import sys

import pytest

CORE = ["quiz.domain.models", "quiz.domain.rules", "quiz.domain.scoring", "quiz.domain.progress",
        "quiz.domain.bank", "quiz.domain.discernment", "quiz.domain.stats", "quiz.domain.tokens",
        "quiz.domain.text", "quiz.domain.anchoring", "quiz.domain.review",
        "quiz.storage.bank_files", "quiz.storage.bank_cache", "quiz.storage.bank_paths", "quiz.storage.collector",
        "quiz.storage.progress_file", "quiz.storage.progress_read", "quiz.storage.progress_lines",
        "quiz.storage.progress_lock", "quiz.storage.toml_lines", "quiz.storage.user_files",
        "quiz.session", "quiz.menu", "quiz.feedback", "quiz.glossary", "quiz.stats_text", "quiz.words",
        "quiz.locations", "quiz.learner", "quiz.cli", "quiz.plain",
        "quiz.report.model", "quiz.report.statistics", "quiz.report.wording", "quiz.report.reading",
        "quiz.report.text", "quiz.report.spreadsheet", "quiz.report.page",
        "quiz.export.gift", "quiz.export.json_bank", "quiz.schema", "quiz.authoring", "quiz.serve"]
"""Every module but the Textual app's (quiz.tui); the report's among them."""


def test_core_modules_do_not_import_textual():
    code = ("import sys, importlib\n"
            f"for name in {CORE!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("argv", [["--version"], ["check"]])
def test_commands_do_not_load_textual(argv):
    code = ("import sys\nfrom quiz.cli import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
            "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip().endswith("CLEAN"), out.stderr
