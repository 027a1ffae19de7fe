// Parse GIFT from standard input with gift-pegjs, an independent (and strict) GIFT parser, and print
// the parsed questions as JSON. tests/test_export_gift.py runs it with NODE_PATH pointing at
// .ci/node/node_modules, where .ci/run installs the package. On a syntax error: the line, column and
// parser's message on standard error, and exit status 1.
const { parse } = require("gift-pegjs");

const input = require("fs").readFileSync(0, "utf8");
try {
  process.stdout.write(JSON.stringify(parse(input)));
} catch (error) {
  const at = error.location ? `line ${error.location.start.line}, column ${error.location.start.column}: ` : "";
  process.stderr.write(`${at}${error.message}\n`);
  process.exit(1);
}
