"""The whole bank as one JSON document, for review tools and other programs.

Each question carries its quotes with character offsets into its source's text (which is included), so
a reviewer's tool can show every quote in context without re-implementing the matching.
"""

import json
from typing import Any

from quiz import __version__
from quiz.domain.bank import Bank

FORMAT = "media-literacy-quiz/bank"
FORMAT_VERSION = 1


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
                    for passage, span in zip(question.quotes(), bank.spans[question.id])
                ],
            }
            for question in bank.questions.values()
        ],
    }


def dumps(bank: Bank) -> str:
    return json.dumps(bank_document(bank), ensure_ascii=False, indent=2) + "\n"
