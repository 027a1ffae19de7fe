"""`quiz report --html FILE`: one page that opens from a USB stick with no network and no script, whose
tables read back what the report computed, and whose every text from a bank or a file name is shown as
text, never run as markup.

The browser tests open the page in Debian's chromium through Playwright, as tests/test_serve_e2e.py
does (no `playwright install`), with JavaScript switched off and every request but the file refused;
they skip without Playwright or chromium.
"""

import re
from datetime import UTC
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.report.model import build_report
from quiz.report.page import render_html
from quiz.storage.bank_files import load_bank
from quiz.storage.progress_file import save_progress
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, MINI
from tests.test_report_statistics import CLASS, progress_of

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "nav", "a", "section", "footer",
                "h1", "h2", "h3", "p", "div", "table", "thead", "tbody", "tr", "th", "td", "span", "br", "dl",
                "dt", "dd", "figure", "figcaption", "svg", "g", "line", "rect", "text"}


class Page(HTMLParser):
    """Every element of a page with its attributes, and its text as a browser would show it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def assert_self_contained(html: str) -> Page:
    page = Page(html)
    tags = {tag for tag, _ in page.elements}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs, (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs
    csp = [a["content"] for t, a in page.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]
    return page


@pytest.fixture
def class_page(mini, tmp_path, capsys) -> Path:
    """The hand-worked class of test_report_statistics, reported with `quiz report --html`."""
    for name, answers in CLASS.items():
        save_progress(tmp_path / "class" / f"{name}.toml", progress_of(mini, answers))
    (tmp_path / "class" / "eve.toml").write_text("answers = [\n")
    page = tmp_path / "class.html"
    files = sorted(map(str, (tmp_path / "class").glob("*.toml")))
    assert main(["report", "--html", str(page), *files, "--bank", str(MINI)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "Class report: 4 learners" in err
    return page


def test_page_is_one_file_with_no_script_and_no_fetch(class_page):
    html = class_page.read_text(encoding="utf-8")
    page = assert_self_contained(html)
    text = " ".join(page.text)
    assert "Not counted: " in text and "eve.toml:2: damaged: not valid TOML" in text
    assert "Item statistics as Moodle defines them: https://docs.moodle.org/dev/Quiz_statistics_calculations" in text


def test_unwritable_page_is_an_error_with_a_hint(class_page, tmp_path, capsys):
    files = sorted(map(str, (tmp_path / "class").glob("*.toml")))
    assert main(["report", "--html", str(tmp_path / "none" / "x.html"), *files, "--bank", str(MINI)]) == 1
    assert "Choose another --html FILE" in capsys.readouterr().err


HOSTILE = '<script>alert("x")</script> & \'q\' </td></table><h1>'
"""Markup, an ampersand and both quotes, as a teacher might (mis)type them in a bank."""


@pytest.fixture
def hostile(tmp_path):
    """A bank whose every text is hostile, and a learner whose file name is."""
    bank = tmp_path / "bank"
    (bank / "sources").mkdir(parents=True)
    (bank / "sources" / "text.txt").write_text(
        f"A title\n\nThey say {HOSTILE} is everywhere. Everyone agrees with us now.\n", encoding="utf-8")
    toml_hostile = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    techniques = "".join(
        f'[[technique]]\nid = "{tid}"\nname = "{tid} {toml_hostile}"\n'
        f'definition = "Defined {toml_hostile}"\nhint = "Hint {toml_hostile}"\n\n'
        for tid in ("alpha", "beta", "gamma"))
    (bank / "techniques.toml").write_text(techniques, encoding="utf-8")
    (bank / "sources.toml").write_text(
        f'[[source]]\nid = "text"\nfile = "sources/text.txt"\ntitle = "T {toml_hostile}"\n'
        f'outlet = "O {toml_hostile}"\n', encoding="utf-8")
    explanation = " ".join(["Because"] * 25)
    questions = "".join(
        f'[[question]]\nid = "{qid}"\nkind = "technique"\nsource = "text"\nquote = "{quote}"\n'
        f'prompt = "P {toml_hostile}"\noptions = ["alpha", "beta", "gamma"]\nanswer = "{answer}"\n'
        f'explanation = "{explanation}"\ndifficulty = 1\n\n[question.feedback]\n'
        + "".join(f'{other} = "Not {other}: {toml_hostile}"\n' for other in ("alpha", "beta", "gamma")
                  if other != answer) + "\n"
        for qid, quote, answer in (("q-hostile", f"They say {toml_hostile} is everywhere.", "alpha"),
                                   ("q-plain", "Everyone agrees with us now.", "beta")))
    (bank / "questions.toml").write_text(questions, encoding="utf-8")
    result = load_bank([bank])
    assert result.bank is not None, "\n".join(map(str, result.errors))
    loaded = result.bank
    learners = []
    for name, answers in ((f"eve {HOSTILE.replace('/', '∕')}", [("q-hostile", ["beta"]), ("q-plain", ["beta"])]),
                          ("ann", [("q-hostile", ["alpha"]), ("q-plain", ["gamma"])])):
        learners.append((name, progress_of(loaded, answers)))
    return build_report(loaded, learners)


def test_hostile_bank_text_is_escaped(hostile):
    html = render_html(hostile, UTC)
    page = assert_self_contained(html)
    assert [tag for tag, _ in page.elements].count("h1") == 1
    text = "".join(page.text)
    # Every hostile text is on the page as text: the technique names, the quote, the learner's name.
    assert f"alpha {HOSTILE}" in text and f"beta {HOSTILE}" in text
    assert f"They say {HOSTILE} is everywhere." in text
    assert "eve " + HOSTILE.replace("/", "∕") in text
    assert "<script" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;" in html


sync_api = None


def browser_page():
    """Playwright's sync API, or a skip saying what is missing."""
    global sync_api
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="Playwright is not installed: pip install -e '.[browser]' to run the browser test")
    if not CHROMIUM.exists():
        pytest.skip(f"no browser at {CHROMIUM}: apt-get install chromium to run it")
    return sync_api


def open_offline(playwright, path: Path):
    """The page at `path` in headless chromium with JavaScript off; returns (browser, page, requests)."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=30_000)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    context.route("**/*", lambda route: (requests.append(route.request.url),
                                         route.continue_() if route.request.url.startswith("file://")
                                         else route.abort()))
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(path.as_uri())
    return browser, page, requests


def rows_of(page, selector: str) -> list[list[str]]:
    return [[cell.strip() for cell in row.split("\t")]
            for row in page.locator(f"{selector} tbody tr").all_inner_texts()]


def test_browser_reads_the_tables_back(class_page):
    api = browser_page()
    with api.sync_playwright() as playwright:
        browser, page, requests = open_offline(playwright, class_page)
        try:
            gradebook = rows_of(page, "#gradebook-table")
            items = rows_of(page, "#items-table")
            heat = rows_of(page, "#confusions-table")
            heat_head = page.locator("#confusions-table thead th").all_inner_texts()
            bars = page.locator("#items svg g title").all_text_contents()
            puppet = rows_of(page, "#distractors-letter-puppet")
            mastery_head = page.locator("#mastery-table thead th").all_inner_texts()
            ben_mastery = rows_of(page, "#mastery-table")[1]
            title = page.title()
        finally:
            browser.close()
    assert requests == [class_page.as_uri()], "the page fetched something"
    assert title == "Class report"
    # The hand-worked numbers of test_report_statistics, read off the page.
    assert [row[:4] for row in gradebook] == [["ann", "100%", "3 of 4", "3"], ["ben", "50%", "3 of 4", "4"],
                                              ["cat", "33%", "3 of 4", "3"], ["dan", "0%", "3 of 4", "3"]]
    assert [re.sub(r"\s+", " ", row[0]).split(" ")[0] for row in items] == \
        ["reply-all-apply", "letter-puppet", "pair-everyone"]
    assert [row[1:] for row in items] == [["4", "38%", "48%", "85%", "unlikely"],
                                          ["4", "50%", "58%", "51%", "unlikely"],
                                          ["4", "50%", "58%", "14%", "very likely"]]
    assert "“The mayor, a puppet of the builders, says all is well.”" in items[1][0]
    assert bars == ["reply-all-apply: facility 38%", "letter-puppet: facility 50%",
                    "pair-everyone: facility 50%, needs checking: very likely"]
    assert heat_head[1:] == ["Bandwagon", "Casting doubt"]
    assert heat == [["Exaggeration or minimisation", "1", "1"], ["Name calling or labelling", "2", "0"]]
    assert puppet == [["2", "50%", "Name calling or labelling (right)"], ["2", "50%", "Bandwagon"],
                      ["0", "0%", "Appeal to fear"]]
    bandwagon = mastery_head.index("Bandwagon")
    assert ben_mastery[0] == "ben"
    assert ben_mastery[bandwagon] == "false alarms 1 of 4 (25%)"


def test_browser_shows_hostile_text_as_text(hostile, tmp_path):
    api = browser_page()
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile, UTC), encoding="utf-8")
    with api.sync_playwright() as playwright:
        browser, page, requests = open_offline(playwright, path)
        try:
            scripts = page.locator("script").count()
            headings = page.locator("h1").count()
            body = page.locator("body").inner_text()
            gradebook = rows_of(page, "#gradebook-table")
        finally:
            browser.close()
    assert requests == [path.as_uri()]
    assert (scripts, headings) == (0, 1)
    assert f"They say {HOSTILE} is everywhere." in body
    assert f"alpha {HOSTILE}" in body
    assert [row[0] for row in gradebook] == ["ann", "eve " + HOSTILE.replace("/", "∕")]
