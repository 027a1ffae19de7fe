"""The JSON Schema of one question file, generated from the pydantic models so that it cannot drift.

Editors read it to complete keys, explain each field on hover and underline mistakes while a teacher
types: Taplo and VS Code's Even Better TOML pick it up from a `#:schema ./quiz-questions.schema.json`
first line. The schema knows the shape of a file only; `quiz check` stays the authority on the rules
that span the bank (known ids, verbatim quotes, feedback for every wrong option).
"""

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

from quiz.domain.models import KINDS, QuestionFile

FILE_NAME = "quiz-questions.schema.json"
"""Name of the schema file beside the bundled questions, which their `#:schema` lines point at."""

SCHEMA_ID = "urn:media-literacy-quiz:question-file"

_QUESTION_FIELDS = {
    "id": "Unique across the bank: lowercase letters, digits, '-' and '_'. The bundled bank prefixes "
          "the article (c97-, ow-) or pair-.",
    "kind": "Which of the six kinds of question this is; it decides the other fields.",
    "prompt": "The question put to the learner.",
    "explanation": "Shown after every answer: at least 20 words naming the words that carry the "
                   "technique and the question a careful reader should ask.",
    "difficulty": "1: the device is in plain sight; 2: it takes a second look; 3: it needs context "
                  "or a fine distinction.",
    "source": "The id of the [[source]] the passage is quoted from.",
    "quote": "The passage, copied character for character from the source's text (curly quotes, "
             "dashes and all).",
    "options": "Technique ids offered to the learner, 3 to 6, in the order shown.",
    "answer": "The technique id of the right option; it must be one of the options.",
    "answers": "Every right option (at least 2, and at least one option must stay wrong).",
    "feedback": "Why each WRONG option does not fit, keyed by technique id: one line for every wrong "
                "option and none for a right one.",
    "sentences": "3 to 5 verbatim sentences of the question's source, as [[question.sentences]] tables.",
    "passages": "Exactly two passages, from two different sources, as [[question.passages]] tables.",
    "passage": "A paragraph or a few sentences of the source, copied character for character; the "
               "learner marks words in it.",
    "technique": "The technique id the learner looks for in the passage.",
    "spans": "The key: the smallest runs of words of the passage that carry the technique, each "
             "copied exactly from the passage and covering whole words.",
    "wrong_marks": "Optional [[question.wrong_marks]] tables: runs of words learners may mark by "
                   "mistake, each with feedback on why it does not fit.",
}

_HELP: dict[str, dict[str, str]] = {
    "QuestionFile": {
        "technique": "Persuasion techniques the questions ask about. Without any, a bank uses the "
                     "bundled techniques.",
        "source": "Articles the questions quote from.",
        "question": "Questions. `kind` picks one of six shapes: technique, techniques, unsupported, "
                    "pair, find or source.",
    },
    "Technique": {
        "id": "What options, answers and feedback call this technique: lowercase letters, digits, "
              "'-' and '_'.",
        "name": "The name learners see.",
        "definition": "What the technique is, in plain words.",
        "hint": "What to look for in a text to spot it.",
        "contrast": "Optional [technique.contrast] table: for a neighbouring technique's id, how to "
                    "tell the two apart (shown to learners who confuse them).",
    },
    "Source": {
        "id": "What questions call this source: lowercase letters, digits, '-' and '_'.",
        "file": "Path of the article's text (UTF-8), relative to this TOML file; it must lie inside "
                "the bank folder.",
        "title": "The article's title as learners see it.",
        "outlet": "Who published it: a newspaper, website or channel.",
        "kind": "What sort of text it is: article (the default), op-ed, interview, letter...",
        "author": "Who wrote it; shown above its quotes unless a speaker is given.",
        "speaker": "Who is speaking, for an interview or a speech; shown above its quotes.",
        "date_note": "When it was published, or what dates it, in words.",
        "language": "The language of this copy, and whether it is a translation.",
        "removed": "What this copy lacks that the original had: links, pictures, captions, comments.",
        "about": "Who publishes the outlet, as far as the text and its own pages say.",
    },
    "Passage": {
        "source": _QUESTION_FIELDS["source"],
        "quote": _QUESTION_FIELDS["quote"],
    },
    "Sentence": {
        "key": "A short lowercase key for this sentence; the question's answer names one.",
        "quote": "The sentence, copied character for character from the question's source.",
        "feedback": "Required on every sentence that is NOT the answer: what supports it in the text "
                    "(a named source, a figure, an attribution).",
    },
    "TechniqueQuestion": _QUESTION_FIELDS,
    "TechniquesQuestion": _QUESTION_FIELDS,
    "UnsupportedQuestion": {
        **_QUESTION_FIELDS,
        "source": "The id of the [[source]] every sentence is quoted from.",
        "answer": "The key of the sentence stated as fact with no evidence, source or attribution.",
    },
    "PairQuestion": _QUESTION_FIELDS,
    "FindQuestion": _QUESTION_FIELDS,
    "SourceQuestion": {
        **_QUESTION_FIELDS,
        "source": "The id of the [[source]] the question is about.",
        "quote": "Optional: a passage of the source the question points at, copied character for "
                 "character.",
        "options": "3 to 5 [[question.options]] tables, each with a key, a text and (for wrong ones) "
                   "feedback.",
        "answer": "The key of the right option.",
    },
    "TextOption": {
        "key": "A short lowercase key for this option; the question's answer names one.",
        "text": "The option as the learner reads it.",
        "feedback": "Required on every option that is NOT the answer: why it does not fit.",
    },
    "WrongMark": {
        "quote": "Words of the passage a learner may mark by mistake, copied exactly from it.",
        "feedback": "Why these words do not carry the technique.",
    },
}
"""What each field means, shown by editors on hover, by model name and field name."""


class _TomlSchema(GenerateJsonSchema):
    """Pydantic's generator adjusted for TOML, which has no null, and for editors that show titles."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> dict[str, Any]:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> dict[str, Any]:
        json_schema = super().default_schema(schema)
        if json_schema.get("default", ...) is None:
            del json_schema["default"]
        return json_schema

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def question_file_schema() -> dict[str, Any]:
    """The schema of one question file, with a description on every field for editors to show."""
    generated = QuestionFile.model_json_schema(schema_generator=_TomlSchema)
    for name, definition in {"QuestionFile": generated, **generated["$defs"]}.items():
        _describe(name, definition)
    _name_each_kind(generated["properties"]["question"]["items"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "media-literacy-quiz question file",
        "description": "One TOML file of a question bank: any mix of [[technique]], [[source]] and "
                       "[[question]] tables. Check a whole bank with `quiz check`.",
        **{key: value for key, value in generated.items() if key not in ("title", "description")},
    }


def _describe(name: str, definition: dict[str, Any]) -> None:
    """Add the hover text of each field, close keyed tables to unknown keys, title each kind."""
    help_for = _HELP.get(name, {})
    for field, prop in definition["properties"].items():
        if field in help_for:
            prop["description"] = help_for[field]
        if "patternProperties" in prop:
            prop["additionalProperties"] = False
    kind = definition["properties"].get("kind", {}).get("const")
    if kind in KINDS:
        definition["title"] = f'{KINDS[kind]} (kind = "{kind}")'


def _name_each_kind(union: dict[str, Any]) -> None:
    """Replace pydantic's `oneOf` with a discriminator by one `if`/`then` per kind.

    Validators ignore `discriminator` (an OpenAPI keyword): with `oneOf`, one wrong field makes them
    report a failure for every branch (32 errors for `difficulty = "2"`). With an `if` on `kind` and the
    kind's shape as `then`, the only branch checked is the question's own, and the error names the field;
    the enum names the allowed kinds when `kind` itself is wrong.
    """
    mapping = union.pop("discriminator")["mapping"]
    union.pop("oneOf")
    union["type"] = "object"
    union["required"] = ["kind"]
    union["properties"] = {"kind": {"enum": list(KINDS), "description": _QUESTION_FIELDS["kind"]}}
    union["allOf"] = [
        {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": {"$ref": ref}}
        for kind, ref in mapping.items()
    ]


def dumps() -> str:
    """The schema as the text of the committed file: stable key order, two-space indent, final newline."""
    return json.dumps(question_file_schema(), indent=2, ensure_ascii=False) + "\n"
