"""`quiz report`: a class's progress files summed up for the teacher.

`model` builds the report from a bank and the learners' progress (pure: no files, no output), with
Moodle's item statistics from `statistics`; `text`, `spreadsheet` and `page` draw it as plain text, CSV
tables and one self-contained HTML page, with the wording of `wording`; `reading` reads the progress
files, skipping any it cannot use. Nothing here imports Textual.
"""
