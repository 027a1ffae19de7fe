"""The whole bank as one JSON document, for review tools and other programs.

Each question carries its quotes with character offsets into its source's text (which is included), so
a reviewer's tool can show every quote in context without re-implementing the matching. A "find"
question also carries its key spans, with offsets into the same text and the indices of the passage's
words they cover (words as quiz.domain.tokens splits them).
"""

import json
from typing import Any

from quiz import __version__
from quiz.domain.bank import Bank

FORMAT = "media-literacy-quiz/bank"
FORMAT_VERSION = 1


def _key_spans(question, passage_start: int) -> dict[str, Any]:
    """A find question's key: each span with offsets into the source's text, and the key's words."""
    spans = []
    for span in question.spans:
        start = question.passage.find(span)
        spans.append({"quote": span, "start": passage_start + start, "end": passage_start + start + len(span)})
    return {"key_spans": spans, "key_words": sorted(question.key_words()),
            "words": [word.text for word in question.words()]}


def bank_document(bank: Bank) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"media-literacy-quiz {__version__}",
        "sources": [
            {**source.model_dump(exclude_none=True), "text": bank.texts[source.id]}
            for source in bank.sources.values()
        ],
        "techniques": [technique.model_dump() for technique in bank.techniques.values()],
        "questions": [
            {
                **question.model_dump(exclude_none=True),
                "correct": sorted(question.correct()),
                "quotes": [
                    {"source": passage.source, "quote": passage.quote, "start": span.start,
                     "end": span.end, "line": span.line}
                    for passage, span in zip(question.quotes(), bank.spans.get(question.id, []))
                ],
                **(_key_spans(question, bank.spans[question.id][0].start) if question.marks_words else {}),
            }
            for question in bank.questions.values()
        ],
    }


def dumps(bank: Bank) -> str:
    return json.dumps(bank_document(bank), ensure_ascii=False, indent=2) + "\n"
