"""The class report as one self-contained web page: opens from a USB stick, with no network and no script.

Everything is in the one file: the style sheet inline, the facility bars an inline SVG, the confusion
heat map a table whose cells are shaded by count (the number is written in each cell, so the colour
is never the only way to read it). A Content-Security-Policy in the page forbids scripts and every
fetch, so even a mistake in escaping could not run code or call out.

Every text from the bank, a progress file or a file name is data: it goes through `html.escape`,
quotes included, before it reaches the page.
"""

from collections.abc import Iterable, Sequence
from datetime import tzinfo
from html import escape

from quiz import __version__
from quiz.domain.discernment import Counts
from quiz.report import wording
from quiz.report.model import ClassReport, ItemRow, Response
from quiz.report.text import summary
from quiz.words import counted

STYLE = """
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #d5dae3;
        --paper: #fff; --band: #f4f6f9; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: var(--ink); background: var(--paper); margin: 0 auto; padding: 1.5rem; max-width: 76rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.4rem 0 .3rem; }
nav a { margin-right: 1rem; }
.note, .legend { color: var(--muted); font-size: .9rem; }
.legend dt { font-weight: 600; color: var(--ink); float: left; margin-right: .4rem; }
.legend dd { margin: 0 0 .3rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .4rem 0 .6rem; }
th, td { border: 1px solid var(--line); padding: .25rem .55rem; text-align: left; vertical-align: top; }
thead th { background: var(--band); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
.quote { color: var(--muted); }
.id { font-family: ui-monospace, "SFMono-Regular", Consolas, monospace; font-size: .88rem; }
.check-very-likely { color: #a11d1d; font-weight: 600; }
.check-likely { color: #8a5300; }
.right { font-weight: 600; }
table.heat td.n { min-width: 3rem; text-align: center; }
table.heat td.zero { color: #aab1bd; }
table.heat td.self { background: repeating-linear-gradient(45deg, #eee, #eee 4px, #fff 4px, #fff 8px); }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
@media print { body { padding: 0; max-width: none; } nav { display: none; }
               tr, figure { break-inside: avoid; } h2 { break-after: avoid; } }
"""


BAR = "#2f6db5"
"""The colour of a facility bar, unless its question needs checking."""
BAR_COLOURS = {"very likely": "#b3261e", "likely": "#b86e00"}
"""The colour of a facility bar by Moodle's "Needs checking?" verdict."""


def render_html(report: ClassReport, zone: tzinfo | None = None) -> str:
    """The whole report as one HTML document; times in `zone` (None: this computer's time zone)."""
    sections = [("gradebook", "Gradebook", _gradebook(report, zone)),
                ("techniques", "Techniques, the whole class", _techniques(report)),
                ("items", "Item analysis", _items(report.items)),
                ("distractors", "Distractor analysis", _distractors(report.items)),
                ("confusions", "Confusions", _confusions(report)),
                ("mastery", "Mastery per technique, learner by learner", _mastery(report))]
    sections = [(anchor, title, body) for anchor, title, body in sections if body]
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="media-literacy-quiz {escape(__version__)}">',
        "<title>Class report</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Class report</h1>",
        *(f"<p>{escape(line)}</p>" for line in summary(report)),
        f'<p class="note">{escape(wording.WHICH_ANSWERS)}</p>',
        "<nav>" + "".join(f'<a href="#{anchor}">{escape(title)}</a>' for anchor, title, _ in sections)
        + "</nav>",
        "</header>",
        *(f'<section id="{anchor}">\n<h2>{escape(title)}</h2>\n{body}\n</section>'
          for anchor, title, body in sections),
        "<footer>",
        f'<p class="note">Item statistics as Moodle defines them: {escape(wording.MOODLE_DOCS)}. '
        f"Made by media-literacy-quiz {escape(__version__)}.</p>",
        "</footer>",
        "</body>",
        "</html>",
        "",
    ])


def _table(table_id: str, heads: Sequence[tuple[str, bool]], rows: Iterable[Sequence[str]],
           css: str = "") -> str:
    """A table: heads are (text, numeric); rows hold cells already escaped (HTML)."""
    numeric = [' class="n"' if n else "" for _, n in heads]
    head = "".join(f'<th scope="col"{attr}>{escape(text)}</th>' for (text, _), attr in zip(heads, numeric))
    body = "\n".join("<tr>" + "".join(f"<td{attr}>{cell}</td>" for cell, attr in zip(row, numeric)) + "</tr>"
                     for row in rows)
    css_attr = f' class="{css}"' if css else ""
    return (f'<div class="scroll"><table id="{table_id}"{css_attr}>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>")


def _legend(definitions: dict[str, str]) -> str:
    items = "".join((f"<dt>{escape(label)}</dt>" if label else "") + f"<dd>{escape(text)}</dd>"
                    for label, text in definitions.items())
    return f'<dl class="legend">{items}</dl>'


def _gradebook(report: ClassReport, zone: tzinfo | None) -> str:
    rows = [[escape(row.name), wording.percent(row.score), f"{row.answered:,} of {report.questions:,}",
             f"{row.answers:,}", escape(wording.local_time(row.last_active, zone))] for row in report.learners]
    definitions = dict(wording.GRADEBOOK)
    definitions["Last active"] += f", in {wording.zone_name(zone)}."
    return _table("gradebook-table", [("Learner", False), ("Score", True), ("Questions", True),
                                      ("Answers", True), ("Last active", False)], rows) + _legend(definitions)


def _rate(part: int, whole: int, rate: float | None) -> str:
    return f"{wording.out_of(part, whole)} ({wording.percent(rate)})" if whole else wording.NONE


def _techniques(report: ClassReport) -> str:
    if not report.skills:
        return ""
    rows = [[escape(row.name), str(row.learners), _rate(row.counts.hits, row.counts.signals, row.counts.hit_rate),
             _rate(row.counts.false_alarms, row.counts.noises, row.counts.false_alarm_rate)]
            for row in report.skills]
    return (f'<p class="note">{escape(wording.TECHNIQUES)}</p>'
            + _table("techniques-table", [("Technique", False), ("Learners", True), ("Spots", True),
                                          ("False alarms", True)], rows)
            + _legend({k: v for k, v in wording.MASTERY.items() if k}))


def _question(row: ItemRow, width: int = 90) -> str:
    return (f'<span class="id">{escape(row.question_id)}</span><br>'
            f'<span class="quote">{escape(wording.naming(row.quote, row.is_quote, width))}</span>')


def _items(items: Sequence[ItemRow]) -> str:
    if not items:
        return ""
    rows = []
    for row in items:
        stats = row.stats
        check = stats.needs_checking
        rows.append([_question(row), str(stats.learners), wording.percent(stats.facility),
                     wording.percent(stats.sd), wording.percent(stats.discrimination),
                     f'<span class="check-{check.replace(" ", "-")}">{check}</span>' if check else wording.NONE])
    heads = [("Question", False), ("Learners", True), ("Facility", True), ("SD", True), ("Discrim.", True),
             ("Check?", False)]
    return (_facility_bars(items)
            + '<p class="note">Hardest first.</p>'
            + _table("items-table", heads, rows) + _legend(wording.ITEMS))


def _facility_bars(items: Sequence[ItemRow]) -> str:
    """Facility per question as horizontal bars, hardest first, in an inline SVG."""
    label, bar, gap, row_height = 250, 360, 8, 20
    width, height = label + bar + 60, row_height * len(items) + 28
    parts = ["<figure><figcaption>Facility index per question (the mean score of first answers), "
             "hardest first. Bars in "
             + " and ".join(f'<span style="color: {colour}">{verdict}</span>' for verdict, colour in BAR_COLOURS.items())
             + " are the questions Moodle would say very likely or likely need checking.</figcaption>",
             f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" aria-label="Facility index per question">']
    for tick in (0, 25, 50, 75, 100):
        x = label + bar * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 18}" style="stroke: var(--line)"/>'
                     f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle">{tick}%</text>')
    for number, row in enumerate(items):
        y = number * row_height
        facility = row.stats.facility
        value = wording.percent(facility)
        name = escape(wording.shorten(row.question_id, 36))
        check = row.stats.needs_checking
        parts.append(
            f'<g><title>{escape(row.question_id)}: facility {value}'
            f'{f", needs checking: {check}" if check in BAR_COLOURS else ""}</title>'
            f'<text x="{label - gap}" y="{y + 14}" text-anchor="end">{name}</text>'
            f'<rect x="{label}" y="{y + 3}" width="{bar * facility:.1f}" height="{row_height - 6}" '
            f'fill="{BAR_COLOURS.get(check or "", BAR)}"/>'
            f'<text x="{label + bar * facility + 4:.1f}" y="{y + 14}">{value}</text></g>')
    parts.append("</svg></figure>")
    return "\n".join(parts)


def _response(response: Response) -> str:
    if response.marked:
        text = f"marked {response.marked} {wording.quoted(response.text)}"
    else:
        text = response.text
    verdict = "" if response.verdict == "wrong" else f' <span class="right">({escape(response.verdict)})</span>'
    return escape(text) + verdict


def _distractors(items: Sequence[ItemRow]) -> str:
    if not items:
        return ""
    parts = [f'<p class="note">{escape(wording.DISTRACTORS)}</p>']
    for row in items:
        n = row.stats.learners
        parts.append(f'<h3>{_question(row, 120)}</h3><p class="note">{escape(counted(n, "learner"))}'
                     f'{", several responses each" if row.several else ""}</p>')
        parts.append(_table(f"distractors-{escape(row.question_id)}", [("Learners", True), ("Share", True),
                                                                    ("Response", False)],
                            [[str(r.learners), wording.percent(r.learners / n), _response(r)]
                             for r in row.responses], css="distractors"))
    return "\n".join(parts)


def _confusions(report: ClassReport) -> str:
    """The confusion table as a heat map: right answers down, techniques named instead across."""
    if not report.confusions:
        return ""
    answers = sorted({(c.answer_name, c.answer) for c in report.confusions})
    chosen = sorted({(c.chosen_name, c.chosen) for c in report.confusions})
    counts = {(c.answer, c.chosen): c.count for c in report.confusions}
    most = max(counts.values())
    head = ('<th scope="col">Right answer ↓ · named instead →</th>'
            + "".join(f'<th scope="col">{escape(name)}</th>' for name, _ in chosen))
    rows = []
    for answer_name, answer in answers:
        cells = []
        for _, other in chosen:
            count = counts.get((answer, other), 0)
            if other == answer:
                cells.append('<td class="n self" title="the right answer itself">—</td>')
            elif count:
                cells.append(f'<td class="n" style="{_heat(count / most)}">{count}</td>')
            else:
                cells.append('<td class="n zero">0</td>')
        rows.append(f'<tr><th scope="row">{escape(answer_name)}</th>{"".join(cells)}</tr>')
    return (f'<p class="note">{escape(wording.CONFUSIONS)} The darker the cell, the more often.</p>'
            f'<div class="scroll"><table id="confusions-table" class="heat">\n<thead><tr>{head}</tr></thead>\n'
            f'<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table></div>")


def _heat(share: float) -> str:
    """A cell's colours for a count that is `share` of the largest: from pale to deep red, white text
    on the darker half so that the number stays readable."""
    light = round(95 - 55 * share)
    ink = "#fff" if light < 62 else "#1d2433"
    return f"background: hsl(4, 70%, {light}%); color: {ink}"


def _mastery(report: ClassReport) -> str:
    if not report.skills:
        return ""
    heads = [("Learner", False), *((row.name, False) for row in report.skills)]
    rows = []
    for learner in report.learners:
        cells = [escape(learner.name)]
        for row in report.skills:
            counts = learner.mastery.get(row.skill)
            cells.append(_mastery_cell(counts) if counts else "")
        rows.append(cells)
    return (_legend(wording.MASTERY)
            + '<p class="note">Each cell: spots where the technique was there, false alarms where it was '
              "not; empty where the learner made no decision about it.</p>"
            + _table("mastery-table", heads, rows, css="mastery"))


def _mastery_cell(counts: Counts) -> str:
    """Spots and false alarms, each only where there was something to count."""
    lines = [f"spots {_rate(counts.hits, counts.signals, counts.hit_rate)}" if counts.signals else "",
             f"false alarms {_rate(counts.false_alarms, counts.noises, counts.false_alarm_rate)}"
             if counts.noises else ""]
    return "<br>".join(line for line in lines if line)
