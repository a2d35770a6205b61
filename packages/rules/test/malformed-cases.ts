/**
 * One malformed file in test/malformed and where its single error must be reported. The
 * positions were chosen as the place a reader wants the caret (the offending token, or the
 * opening quote or comment that never closes), then checked against the parser.
 */
export interface MalformedCase {
  /** File name in test/malformed, without `.rules`. */
  file: string;
  /** Where the caret should be: 1-based line and column. */
  line: number;
  column: number;
  /** A substring of the error's reason. */
  reason: string;
  /** The edit that repairs the file, which proves the file holds exactly one error. */
  fix: [from: string, to: string];
}

/** The malformed files, one row each. */
export const MALFORMED_CASES: MalformedCase[] = [
  {
    file: "version-missing-semicolon",
    line: 1,
    column: 21,
    reason: "expected ';' after the rules_version",
    fix: ["'2' service", "'2'; service"],
  },
  {
    file: "unknown-service",
    line: 2,
    column: 9,
    reason: "unknown service 'cloud.storage'",
    fix: ["cloud.storage", "firebase.storage"],
  },
  {
    file: "unclosed-brace",
    line: 8,
    column: 1,
    reason: "found the end of the file",
    fix: ["    }\n}", "    }\n  }\n}"],
  },
  {
    file: "unknown-method",
    line: 4,
    column: 19,
    reason: "unknown method 'modify'",
    fix: ["modify", "update"],
  },
  {
    file: "allow-if-without-expression",
    line: 4,
    column: 22,
    reason: "expected an expression, found ';'",
    fix: ["if ;", "if true;"],
  },
  {
    file: "unterminated-string",
    line: 4,
    column: 60,
    reason: "unterminated string literal",
    fix: ["'image/.*)", "'image/.*')"],
  },
  {
    file: "unknown-escape",
    line: 4,
    column: 62,
    reason: "unknown escape '\\d'",
    fix: ["'\\d{10}'", "'\\\\d{10}'"],
  },
  {
    file: "match-empty-wildcard",
    line: 3,
    column: 18,
    reason: "'{name}' or '{name=**}'",
    fix: ["{}", "{uid}"],
  },
  {
    file: "match-single-star-wildcard",
    line: 4,
    column: 18,
    reason: "'{name}' or '{name=**}'",
    fix: ["{rest=*}", "{rest=**}"],
  },
  {
    file: "match-without-slash",
    line: 3,
    column: 11,
    reason: "match path starting with '/'",
    fix: ["match users", "match /users"],
  },
  { file: "stray-paren", line: 4, column: 47, reason: "found ')'", fix: ["uid);", "uid;"] },
  {
    file: "function-missing-return",
    line: 3,
    column: 5,
    reason: "expected 'return'",
    fix: ["    request", "    return request"],
  },
  {
    file: "let-missing-semicolon",
    line: 3,
    column: 62,
    reason: "expected ';' after the let binding",
    fix: ["10 return", "10; return"],
  },
  {
    file: "map-missing-colon",
    line: 4,
    column: 56,
    reason: "expected ':' between a map key and its value",
    fix: ["'max' 10", "'max': 10"],
  },
  {
    file: "ternary-missing-colon",
    line: 4,
    column: 49,
    reason: "expected ':' between the branches",
    fix: ["? true;", "? true : false;"],
  },
  {
    file: "unexpected-character",
    line: 3,
    column: 5,
    reason: "unexpected character '#'",
    fix: ["# comments", "// comments"],
  },
  {
    file: "rules-version-3",
    line: 1,
    column: 17,
    reason: "expected rules_version '1' or '2'",
    fix: ["'3'", "'2'"],
  },
  {
    file: "two-services",
    line: 9,
    column: 1,
    reason: "one service per file",
    fix: [
      "}\nservice firebase.storage {\n  match /b/{bucket}/o {\n    allow read;\n  }\n}\n",
      "}\n",
    ],
  },
  {
    file: "text-after-service",
    line: 8,
    column: 3,
    reason: "expected 'service' or 'function', found 'match'",
    fix: ["  match /orphans/{id} {\n    allow read;\n  }\n", ""],
  },
  {
    file: "unclosed-block-comment",
    line: 3,
    column: 5,
    reason: "unterminated /* comment",
    fix: ["rules\n", "rules */\n"],
  },
  {
    file: "path-interpolation-unclosed",
    line: 5,
    column: 79,
    reason: "expected ')' to close '$('",
    fix: ["$(database/", "$(database)/"],
  },
  {
    file: "number-into-name",
    line: 4,
    column: 63,
    reason: "a number cannot run into a name",
    fix: ["12abc", "12"],
  },
  {
    file: "integer-too-large",
    line: 4,
    column: 54,
    reason: "out of range",
    fix: ["99999999999999999999", "999999"],
  },
  {
    file: "path-empty-segment",
    line: 4,
    column: 64,
    reason: "empty segment in a path literal",
    fix: ["documents//users", "documents/users"],
  },
  {
    file: "allow-missing-if",
    line: 4,
    column: 19,
    reason: "expected 'if'",
    fix: ["read: request", "read: if request"],
  },
  {
    file: "call-missing-paren",
    line: 4,
    column: 105,
    reason: "expected ')'",
    fix: ["$(room).data", "$(room)).data"],
  },
  {
    file: "rules-version-not-first",
    line: 5,
    column: 1,
    reason: "first statement",
    fix: ["rules_version = '2';\n", ""],
  },
  {
    file: "hex-escape-short",
    line: 4,
    column: 44,
    reason: "needs 2 hex digits",
    fix: ["'\\x7'", "'\\x07'"],
  },
  {
    file: "exponent-without-digits",
    line: 4,
    column: 57,
    reason: "expected digits in the exponent",
    fix: ["1e+;", "1e+3;"],
  },
  {
    file: "match-empty-segment",
    line: 3,
    column: 18,
    reason: "empty segment in the match path",
    fix: ["users//{uid}", "users/{uid}"],
  },
  {
    file: "is-without-type",
    line: 4,
    column: 55,
    reason: "expected a name after 'is'",
    fix: ["'number'", "number"],
  },
];
