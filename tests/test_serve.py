"""`quiz serve` without a browser: the command each tab runs, the refusals, and that the server itself
never loads Textual. A stand-in replaces textual-serve's Server so nothing listens;
tests/test_serve_e2e.py serves for real."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.cli import main

MINI = Path(__file__).parent / "fixtures" / "mini"

STAND_IN = """
import sys
import textual_serve.server

class Server:
    def __init__(self, command, **options):
        self.command, self.options = command, options

    def serve(self):
        print("textual loaded:", "textual" in sys.modules)
        print("command:", self.command)
        print("options:", self.options)

textual_serve.server.Server = Server
from quiz.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_the_server_runs_each_tab_on_absolute_paths_and_never_loads_textual(tmp_path):
    bank = os.path.relpath(MINI, tmp_path)
    done = subprocess.run([sys.executable, "-c", STAND_IN, "serve", "--learners", "class 3B", "--bank", bank,
                           "--port", "8123"],
                          cwd=tmp_path, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    assert lines["textual loaded"] == "False"
    assert shlex.split(lines["command"]) == [sys.executable, "-m", "quiz", "--learners",
                                             str(tmp_path.resolve() / "class 3B"), "--bank", str(MINI.resolve())]
    assert (tmp_path / "class 3B").is_dir()
    assert "'public_url': 'http://127.0.0.1:8123'" in lines["options"]
    assert "Open http://127.0.0.1:8123 in each learner's browser" in done.stdout
    assert str(tmp_path.resolve() / "class 3B" / "NAME.toml") in done.stdout


@pytest.fixture
def servers(monkeypatch):
    """The Server instances `quiz serve` made (and would have run), in order."""
    import textual_serve.server

    made = []

    class Server:
        def __init__(self, command, **options):
            self.command, self.options = command, options
            made.append(self)

        def serve(self):
            pass

    monkeypatch.setattr(textual_serve.server, "Server", Server)
    return made


def test_learners_folder_is_required(servers, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["serve"])
    assert exit.value.code == 2
    assert "the following arguments are required: --learners" in capsys.readouterr().err
    assert servers == []


def test_the_bundled_bank_is_served_when_no_bank_is_named(servers, tmp_path):
    assert main(["serve", "--learners", str(tmp_path)]) == 0
    assert "--bank" not in shlex.split(servers[0].command)


def test_listening_on_every_network_needs_the_address_browsers_use(servers, tmp_path, capsys):
    assert main(["serve", "--learners", str(tmp_path), "--host", "0.0.0.0"]) == 1
    assert "add --public-url http://ADDRESS:8000" in capsys.readouterr().err
    assert servers == []

    assert main(["serve", "--learners", str(tmp_path), "--host", "0.0.0.0",
                 "--public-url", "http://192.0.2.7:8000/"]) == 0
    assert servers[0].options["public_url"] == "http://192.0.2.7:8000"
    assert servers[0].options["host"] == "0.0.0.0"


def test_a_bank_with_errors_is_reported_before_serving(servers, tmp_path, capsys):
    broken = tmp_path / "broken.toml"
    broken.write_text("[[question]]\nid = 1\n", encoding="utf-8")
    assert main(["serve", "--learners", str(tmp_path / "class"), "--bank", str(broken)]) == 1
    assert "broken.toml:" in capsys.readouterr().err
    assert servers == []


def test_a_learners_path_that_is_a_file_is_refused(servers, tmp_path, capsys):
    taken = tmp_path / "class"
    taken.write_text("not a folder", encoding="utf-8")
    assert main(["serve", "--learners", str(taken / "3B")]) == 1
    assert "cannot use" in capsys.readouterr().err
    assert servers == []


def test_a_port_out_of_range_is_refused(servers, tmp_path, capsys):
    assert main(["serve", "--learners", str(tmp_path), "--port", "70000"]) == 1
    assert "choose one from 1 to 65535" in capsys.readouterr().err
    assert servers == []
