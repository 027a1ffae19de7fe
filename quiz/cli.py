"""The `quiz` command: bare, it opens the quiz in the terminal; subcommands serve teachers.

Textual is imported only when the full-screen app starts, so `quiz --version` and `quiz check` stay fast.

One bank everywhere: `--bank PATH` may be written before the command name or after it, as often as
needed, and every command that reads a bank reads the same one. For `check` and `export`, PATH
arguments name bank files too: every file and folder named, however, makes up the one bank. Commands
that read no bank (`new`, `schema`) refuse `--bank` with exit status 2 and say what to do instead.
"""

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from quiz import __version__
from quiz.storage import collector


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="Learn how persuasive writing works: a quiz on two opposing articles.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--bank", metavar="PATH", action="append",
                        help="the question file or folder to use, for the quiz and for every command "
                             "(default: the bundled bank); may be given several times")
    parser.add_argument("--learners", metavar="DIR",
                        help="for a class: ask each learner's name and keep their progress in DIR/NAME.toml")
    parser.add_argument("--seed", type=int, metavar="N",
                        help="fix the order of questions and options, to repeat a quiz exactly")
    parser.add_argument("--progress", metavar="PATH",
                        help="progress file to use (default: $QUIZ_PROGRESS, else your user data folder)")
    parser.add_argument("--plain", action="store_true",
                        help="ask line by line on standard input and output, with no full-screen display "
                             "(for screen readers and braille displays)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check question files and report every problem",
                                description="Check question files; print each problem as file:line.")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="question files or folders, as with --bank (default: the bundled bank)")
    _bank_option(check, "the bank to check, as PATH")
    check.add_argument("--strict", action="store_true",
                       help="exit 1 on warnings too, and count TODO placeholders as errors")
    check.set_defaults(handler=_check)

    export = commands.add_parser("export", help="write the bank for other programs",
                                 description="Write a checked bank in another format.")
    export.add_argument("paths", nargs="*", metavar="PATH",
                        help="question files or folders, as with --bank (default: the bundled bank)")
    _bank_option(export, "the bank to export, as PATH")
    export.add_argument("--format", choices=["json", "gift"], required=True,
                        help="json: the whole bank for review tools; gift: Moodle questions to import")
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    export.set_defaults(handler=_export)

    report = commands.add_parser(
        "report", help="sum up a class's progress files: gradebook, item analysis, distractors",
        description="Sum up several learners' progress files (one per learner, named after them): a "
                    "gradebook with mastery per technique, Moodle's item analysis of every question, "
                    "how many chose each option, and which techniques were taken for which.")
    report.add_argument("progress_files", nargs="+", metavar="PROGRESS",
                        help="learners' progress files; each file's name (alice.toml) names the learner")
    _bank_option(report, "the question files or folders the class used")
    output = report.add_mutually_exclusive_group()
    output.add_argument("--csv", action="store_true",
                        help="write one table as CSV for a spreadsheet (pick it with --table)")
    output.add_argument("--excel", action="store_true",
                        help="as --csv, led by a byte-order mark so that Excel reads accents right")
    output.add_argument("--html", metavar="FILE",
                        help="write the report as one web page that opens without a network")
    report.add_argument("--table", choices=["gradebook", "mastery", "techniques", "items", "distractors",
                                            "confusions"],
                        help="the table --csv or --excel writes (default: gradebook)")
    report.add_argument("--out", metavar="FILE",
                        help="write the text or CSV here instead of standard output")
    report.set_defaults(handler=_report, report_parser=report)

    stats = commands.add_parser(
        "stats", help="print a learner's stats without the full-screen app",
        description="Print a learner's stats: discernment per technique (hits, misses, false alarms, "
                    "correct rejections, d′), the techniques they confuse, accuracy per article, "
                    "calibration and what is due. The file is only read, never written.")
    stats.add_argument("--progress", metavar="PATH", default=argparse.SUPPRESS,
                       help="the learner's progress file (default: $QUIZ_PROGRESS, else your user data folder)")
    _bank_option(stats, "the question files or folders the learner used")
    stats.add_argument("--json", action="store_true", help="print JSON for scripts instead of lines of text")
    stats.set_defaults(handler=_stats)

    show = commands.add_parser(
        "show", help="preview one question as a learner meets it, with its answer and feedback",
        description="Print one question as plain mode asks it (options in the file's order), then its "
                    "answer, the feedback on every wrong option and the explanation.")
    show.add_argument("question_id", metavar="ID", help="the question's id, as in its file")
    _bank_option(show, "the question files or folders it is in")
    show.set_defaults(handler=_show)

    new = commands.add_parser(
        "new", help="start a question file for a new article",
        description="Write a question file for a new article: its [[source]] and one commented "
                    "example of each kind of question, quoting the article.")
    new.add_argument("source", metavar="SOURCE.txt", help="the article's text, UTF-8")
    new.add_argument("--out", metavar="FILE",
                     help="the question file to write (default: SOURCE's name with .toml, beside it)")
    new.add_argument("--id", metavar="ID", help="the source's id (default: made from SOURCE's name)")
    _refuse_bank(new, "quiz new writes a file and reads no bank: give --out my-bank/NAME.toml to "
                      "write it into your bank")
    new.set_defaults(handler=_new)

    schema = commands.add_parser(
        "schema", help="write the JSON Schema of question files, for editors",
        description="Write the JSON Schema of a question file, which editors such as VS Code with "
                    "Even Better TOML use to complete and check fields.")
    schema.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    _refuse_bank(schema, "quiz schema describes the format every bank shares and reads none: "
                         "drop --bank")
    schema.set_defaults(handler=_schema)

    techniques = commands.add_parser(
        "techniques", help="list the techniques a bank can use: ids, names and definitions",
        description="List the techniques questions may name: the bundled ones and a bank's own "
                    "(from its [[technique]] tables), with their ids, names and definitions.")
    _bank_option(techniques, "the bank whose techniques to list")
    techniques.set_defaults(handler=_techniques)

    serve = commands.add_parser(
        "serve", help="serve the quiz to a class's browsers",
        description="Serve the quiz on the web: each browser tab asks the learner's name and runs its "
                    "own quiz, keeping their progress in LEARNERS/NAME.toml.")
    serve.add_argument("--learners", metavar="DIR", required=True,
                       help="folder for the progress files, one per learner (created if absent)")
    _bank_option(serve, "question file or folder to serve")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only; "
                            "0.0.0.0 for a classroom network, with --public-url)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address browsers open, when it is not http://HOST:PORT "
                            "(listening on 0.0.0.0, or behind a proxy); only pages at this address "
                            "(or at HOST:PORT) may start a quiz")
    serve.add_argument("--max-learners", type=int, default=40, metavar="N",
                       help="tabs that may run at once, each a process of about 50 MB; the next one "
                            "is told the quiz is full (default: 40)")
    serve.add_argument("--idle-minutes", type=float, default=30, metavar="M",
                       help="end a tab after M minutes without a key press; its answers are already "
                            "saved (default: 30; 0 never ends idle tabs)")
    serve.set_defaults(handler=_serve)
    return parser


def _bank_option(command: argparse.ArgumentParser, what: str) -> None:
    """`--bank` after a command name: the same bank as `--bank` before it, the two lists joined."""
    command.add_argument("--bank", metavar="PATH", action="append", dest="command_bank",
                         help=f"{what} (default: the bundled bank); may be given several times, here "
                              "or before the command name")


def _refuse_bank(command: argparse.ArgumentParser, reason: str) -> None:
    """A command that reads no bank: `--bank` anywhere is a usage mistake explained by `reason`."""
    command.add_argument("--bank", metavar="PATH", action="append", dest="command_bank",
                         help=argparse.SUPPRESS)
    command.set_defaults(refuse_bank=reason)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    refusal = getattr(args, "refuse_bank", None)
    if refusal and (args.bank or args.command_bank):
        parser.exit(2, f"quiz {args.command}: error: --bank does not apply here: {refusal}\n")
    try:
        if args.command is None:
            return _run_app(args)
        return args.handler(args)
    except BrokenPipeError:  # `quiz check | head` closed the pipe: stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _bank_paths(args: argparse.Namespace) -> list[Path]:
    """The one bank a command reads: every --bank (before and after the command name) and PATH."""
    from quiz.locations import bundled_bank

    named = [*(args.bank or ()), *(getattr(args, "command_bank", None) or ()),
             *(getattr(args, "paths", None) or ())]
    return [Path(p) for p in named] or [bundled_bank()]


def _bank_label(args: argparse.Namespace) -> str:
    paths = _bank_paths(args)
    from quiz.locations import bundled_bank

    if paths == [bundled_bank()]:
        return "the bundled bank"
    return " ".join("this folder" if str(p) == "." else str(p) for p in paths)


def _check(args: argparse.Namespace) -> int:
    from quiz.storage.bank_files import load_bank
    from quiz.words import counted

    result = load_bank(_bank_paths(args), strict=args.strict)
    for problem in result.problems:
        print(problem)
    for note in result.held_back:
        print(f"note: not checked yet: {note}")
    errors, warnings = len(result.errors), len(result.warnings)
    tally = f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"
    if result.bank is not None:
        bank = result.bank
        print(f"{_bank_label(args)}: {counted(len(bank.questions), 'question')} on "
              f"{counted(len(bank.sources), 'source')}, {counted(len(bank.techniques), 'technique')}: {tally}")
    else:
        print(f"{_bank_label(args)}: {tally}")
    return 1 if errors or (args.strict and warnings) else 0


def _techniques(args: argparse.Namespace) -> int:
    """Every technique the bank can use, bundled or its own; problems in technique tables to stderr."""
    import shutil
    import textwrap

    from quiz.storage.bank_files import list_techniques, shown_path

    listing, problems = list_techniques(_bank_paths(args))
    for problem in problems:
        print(problem, file=sys.stderr)
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    own = sum(not t.bundled for t in listing)
    print(f"{len(listing)} techniques for {_bank_label(args)}: {len(listing) - own} bundled, {own} its own\n")
    for entry in listing:
        technique = entry.technique
        origin = "" if entry.bundled else f"   (from {shown_path(entry.file)}" + (
            ", replacing the bundled one)" if entry.replaces_bundled else ")")
        print(f"{technique.id}: {technique.name}{origin}")
        print(textwrap.fill(technique.definition, width, initial_indent="    ", subsequent_indent="    "))
    return 1 if any(p.severity == "error" for p in problems) else 0


def _load_or_report(args: argparse.Namespace):
    """The checked bank, or None after printing its errors to standard error."""
    from quiz.storage.bank_files import load_bank

    result = load_bank(_bank_paths(args))
    if result.bank is None:
        _report_errors(result.errors)
    return result.bank


def _report_errors(errors) -> None:
    for problem in errors:
        print(problem, file=sys.stderr)
    print("The question bank has errors; fix them (quiz check shows them all) and try again.",
          file=sys.stderr)


def _bank_for_quizzes(args: argparse.Namespace):
    """The bank to take quizzes on: the copy checked at an earlier start when none of its files changed
    since (quiz.storage.bank_cache), else checked now and kept for next time; None after printing its
    errors."""
    from quiz.storage.bank_cache import cached_bank, remember

    paths = _bank_paths(args)
    bank = cached_bank(paths)
    if bank is not None:
        return bank
    from quiz.storage.bank_files import load_bank

    result = load_bank(paths)
    if result.bank is None:
        _report_errors(result.errors)
        return None
    remember(paths, result.bank, result.files)
    return result.bank


def _export(args: argparse.Namespace) -> int:
    if args.format == "gift":
        from quiz.export.gift import dumps
    else:
        from quiz.export.json_bank import dumps

    bank = _load_or_report(args)
    if bank is None:
        return 1
    if args.format == "gift":
        from quiz.export.gift import skipped

        for question in skipped(bank):
            print(f"skipped {question.id}: GIFT has no question where the learner marks words",
                  file=sys.stderr)
    return _write_output(dumps(bank), args.out)


def _write_output(text: str, out: str | None) -> int:
    """Write a command's output to the file `out`, or to standard output when None."""
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"Cannot write {out}: {error.strerror or error}. Choose another --out FILE.",
              file=sys.stderr)
        return 1
    return 0


def _report(args: argparse.Namespace) -> int:
    """Write the class report; a progress file that cannot be read is named and skipped."""
    if args.table and not (args.csv or args.excel):
        args.report_parser.error("--table picks the table of --csv or --excel")
    if args.html and args.out:
        args.report_parser.error("--html FILE names the page to write; --out is for text and CSV")
    from quiz.report.model import build_report
    from quiz.report.reading import read_class
    from quiz.report.text import render_text, summary

    bank = _load_or_report(args)
    if bank is None:
        return 1
    with collector.paused():  # a class is hundreds of thousands of objects, and the report makes no cycles
        learners, skipped = read_class([Path(p) for p in args.progress_files])
        for reason in skipped:
            print(f"{reason}; skipped", file=sys.stderr)
        if not learners:
            print("No progress file could be read: there is nothing to report.", file=sys.stderr)
            return 1
        report = build_report(bank, learners, skipped)
        if not (args.html or args.csv or args.excel):
            return _write_output(render_text(report), args.out)
        print("\n".join(summary(report, skipped=False)), file=sys.stderr)  # the tables do not say it
        if args.html:
            from quiz.report.page import render_html

            return _write_report(render_html(report).encode("utf-8"), args.html, "--html FILE")
        from quiz.report.spreadsheet import render_csv

        return _write_report(render_csv(report, args.table or "gradebook", excel=args.excel), args.out)


def _write_report(data: bytes, out: str | None, option: str = "--out FILE") -> int:
    """Write a CSV or HTML report's bytes to `out`, or to standard output when None: UTF-8 whatever the
    terminal's encoding, so that a CSV redirected to a file is the same as one written with --out."""
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        Path(out).write_bytes(data)
    except OSError as error:
        print(f"Cannot write {out}: {error.strerror or error}. Choose another {option}.", file=sys.stderr)
        return 1
    return 0


def _stats(args: argparse.Namespace) -> int:
    """Print a learner's stats, read-only: the progress file is loaded and never saved."""
    import json
    from datetime import datetime

    from quiz import stats_text
    from quiz.domain.stats import learner_stats
    from quiz.locations import progress_path
    from quiz.storage.progress_file import ProgressError, load_progress

    bank = _bank_for_quizzes(args)
    if bank is None:
        return 1
    path = progress_path(args.progress)
    try:
        progress = load_progress(path)
    except ProgressError as error:
        print(f"quiz stats: {error}", file=sys.stderr)
        return 1
    stats = learner_stats(bank, progress, datetime.now().astimezone())
    if args.json:
        sys.stdout.write(json.dumps(stats_text.as_json(stats), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(stats_text.lines(stats, bank)) + "\n")
    return 0


def _show(args: argparse.Namespace) -> int:
    from quiz.domain.rules import did_you_mean
    from quiz.plain import preview_lines

    bank = _load_or_report(args)
    if bank is None:
        return 1
    question = bank.questions.get(args.question_id)
    if question is None:
        hint = did_you_mean(args.question_id, bank.questions) or "a question's id is its id = line"
        print(f"quiz show: no question {args.question_id!r} in this bank ({hint})", file=sys.stderr)
        return 1
    sys.stdout.write("\n".join(preview_lines(bank, question)) + "\n")
    return 0


def _new(args: argparse.Namespace) -> int:
    from quiz.authoring import NewFileError, write_new_file
    from quiz.locations import bundled_techniques
    from quiz.storage.bank_files import MAX_FILE_BYTES

    try:
        written = write_new_file(Path(args.source), Path(args.out) if args.out else None, args.id,
                                 bundled_techniques(), MAX_FILE_BYTES)
    except NewFileError as error:
        print(f"quiz new: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {written.path}: source {written.source_id!r} and one commented example of each kind "
          f"of question.\nFill in its TODOs, then run: quiz check {written.check}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from quiz.schema import dumps

    return _write_output(dumps(), args.out)


def _serve(args: argparse.Namespace) -> int:
    """Check the bank once here, so a broken one is reported before any learner opens a tab (and the
    checked copy is kept: the first tab starts from it)."""
    from quiz.serve import run

    if _bank_for_quizzes(args) is None:
        return 1
    named = [*(args.bank or ()), *(args.command_bank or ())]
    return run(Path(args.learners), [Path(p) for p in named], args.host, args.port, args.public_url,
               max_learners=args.max_learners, idle_minutes=args.idle_minutes)


def _run_app(args: argparse.Namespace) -> int:
    if args.plain:
        from quiz.locations import progress_path
        from quiz.plain import run

        with collector.paused():  # as for the app, until the learner's progress is read (`run` resumes it)
            bank = _bank_for_quizzes(args)
            return 1 if bank is None else run(bank, progress_path(args.progress), seed=args.seed)
    app = quiz_app(args)
    if app is None:
        return 1
    app.run()
    return app.return_code or 0


def quiz_app(args: argparse.Namespace | Sequence[str]):
    """The full-screen app as `quiz` starts it (`args` parsed, or a command line to parse), ready to
    run; None after printing why the bank cannot be used. bench/startup.py times this very path.

    Python's cyclic garbage collector is paused from here until the app's first screen is up (the app
    resumes it): starting allocates many objects and frees few, and a full collection over Textual's
    and the bank's objects costs a tenth of the start for nothing."""
    import gc

    if not isinstance(args, argparse.Namespace):
        args = build_parser().parse_args(list(args))
    gc.disable()
    try:
        bank = _bank_for_quizzes(args)
        if bank is None:
            gc.enable()
            return None
        from quiz.locations import progress_path
        from quiz.tui.app import QuizApp

        learners = Path(args.learners) if args.learners else None
        return QuizApp(bank, None if learners else progress_path(args.progress), seed=args.seed,
                       learners=learners)
    except BaseException:
        gc.enable()
        raise
