/**
 * Secret-named variables given a value: `.env` lines, shell, YAML, JSON, code and HTTP
 * headers. Only the value is removed; the name stays, so the model still knows the variable
 * exists (and can tell the user to set it) without ever seeing what it holds.
 */
import { matchSpans, type Span } from "../spans.js";
import { isCodeExpression, isSecretName, isSecretValue } from "./values.js";

/**
 * `NAME=value` and `export NAME="value"` at a line start, or after a space, `;`, `&`, `|`,
 * `(` or `?` (shell one-liners, URL query strings). Group 1 the name, group 2 the value;
 * unquoted values end at whitespace, `&`, `;` or a quote.
 */
const ENV =
  /(?<=^|[\s;&|(?])(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=(?!=)("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|<[^>\n]*>|[^\s&"'`;]+)/dgm;

/**
 * `name = "value"`, `name: "value"`, `"name": "value"`, `'name' => 'value'`, `name := "value"`,
 * `const name: string = "value"`. Group 2 the name, groups 3–5 the value by quote.
 */
const CODE =
  /(?<![\w$])(["']?)([A-Za-z_$][\w$-]*)\1(?:[ \t]*:[ \t]*[A-Za-z_$][\w$<>[\]|. ]{0,60}?)?[ \t]*(?::=|=>|[:=])[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`)/dg;

/** YAML with an unquoted value: `  password: hunter22`, `- API_KEY: abc`. Group 1 the name, 2 the value. */
const YAML =
  /^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:[ \t]+([^\s"'`|>#][^\s#]*)[ \t]*(?:#.*)?$/dgm;

/**
 * HTTP credentials: `Authorization: Bearer …`, `authorization: "Basic …"`, `X-Api-Key: …`.
 * Group 1 the header, group 2 the credential after the scheme.
 */
const AUTH_HEADER =
  /\b(authorization|proxy-authorization|x-api-key|api-key|x-auth-token)["']?[ \t]*[:=][ \t]*["'`]?(?:(?:bearer|basic|token|bot|digest)[ \t]+)?([^\s"'`,;]+)/dgi;

const unquote = (value: string): string => value.replace(/^(["'])([\s\S]*)\1$/, "$2");

function envSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const span of matchSpans(text, ENV, "env-assignment", {
    group: 2,
    name: (m) => m[1],
    accept: (value, m) => isSecretName(m[1]!) && isSecretValue(m[1]!, unquote(value)),
  })) {
    // A `.env` line's unquoted value runs to the end of the line (less a `# comment`).
    const lineStart = text.lastIndexOf("\n", span.start - 1) + 1;
    const before = text.slice(lineStart, span.start);
    if (/["']/.test(text[span.start]!)) {
      spans.push({ ...span, start: span.start + 1, end: span.end - 1 }); // keep the quotes
      continue;
    }
    if (!/^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*=$/.test(before)) {
      spans.push(span);
      continue;
    }
    const eol = text.indexOf("\n", span.end);
    const line = text.slice(span.start, eol < 0 ? text.length : eol);
    const value = line.replace(/[ \t]+#.*$/, "").trimEnd();
    spans.push({ ...span, end: span.start + Math.max(value.length, span.end - span.start) });
  }
  return spans;
}

function codeSpans(text: string): Span[] {
  const spans: Span[] = [];
  CODE.lastIndex = 0;
  for (let m = CODE.exec(text); m !== null; m = CODE.exec(text)) {
    const group = m[3] !== undefined ? 3 : m[4] !== undefined ? 4 : 5;
    const value = m[group]!;
    const range = m.indices?.[group];
    const name = m[2]!;
    // Text with spaces (a smoke test's passphrase, a sentence) and templates are not secrets.
    if (!range || /\s/.test(value) || value.includes("${")) continue;
    if (isSecretName(name) && isSecretValue(name, value)) {
      spans.push({ start: range[0], end: range[1], kind: "env-assignment", name });
    }
  }
  return spans;
}

function yamlSpans(text: string): Span[] {
  return matchSpans(text, YAML, "env-assignment", {
    group: 2,
    name: (m) => m[1],
    accept: (value, m) =>
      isSecretName(m[1]!) && isSecretValue(m[1]!, value) && !isCodeExpression(value),
  });
}

function headerSpans(text: string): Span[] {
  return matchSpans(text, AUTH_HEADER, "env-assignment", {
    group: 2,
    name: (m) => m[1],
    accept: (value, m) =>
      value.length >= 8 && isSecretValue(m[1]!, value) && !isCodeExpression(value),
  });
}

/**
 * A name can only be secret-named if its line holds one of these words: the detectors run on
 * those lines alone, which skips nearly all of a source file.
 */
const SECRET_WORD =
  /key|secret|token|passw|passphrase|pwd|credential|dsn|database[-_]?url|private|authorization/gi;

/** Every secret-named assignment's value in `text`. */
export function assignmentSpans(text: string): Span[] {
  const spans: Span[] = [];
  SECRET_WORD.lastIndex = 0;
  for (let m = SECRET_WORD.exec(text); m !== null; m = SECRET_WORD.exec(text)) {
    const start = text.lastIndexOf("\n", m.index) + 1;
    const newline = text.indexOf("\n", m.index);
    let end = newline < 0 ? text.length : newline;
    if (text[end - 1] === "\r") end--;
    const line = text.slice(start, end);
    for (const detect of [envSpans, codeSpans, yamlSpans, headerSpans]) {
      for (const s of detect(line))
        spans.push({ ...s, start: s.start + start, end: s.end + start });
    }
    SECRET_WORD.lastIndex = Math.max(end, m.index + 1);
  }
  return spans;
}
