/** One type error, as `tsc --pretty false` prints it. */
export interface TscError {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

// `src/a.ts(3,7): error TS2322: Type 'number' is not assignable to type 'string'.`
const LOCATED = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
// `error TS5083: Cannot read file '/workspace/tsconfig.json'.`
const GLOBAL = /^error (TS\d+): (.*)$/;

/**
 * The errors of `tsc --pretty false` output. A message's indented continuation lines (an
 * elaboration of why a type does not fit) are joined to its first line with " — ".
 */
export function parseTscOutput(output: string): TscError[] {
  const errors: TscError[] = [];
  for (const line of output.split(/\r?\n/)) {
    const located = LOCATED.exec(line);
    if (located) {
      const [, file, row, column, code, message] = located;
      errors.push({
        file: file!,
        line: Number(row),
        column: Number(column),
        code: code!,
        message: message!,
      });
      continue;
    }
    const global = GLOBAL.exec(line);
    if (global) {
      errors.push({ file: "", line: 0, column: 0, code: global[1]!, message: global[2]! });
      continue;
    }
    const last = errors.at(-1);
    if (last && /^\s+\S/.test(line) && last.message.length < 400) {
      last.message += ` — ${line.trim()}`;
    }
  }
  return errors;
}

/** A finding the coder can act on: `src/a.ts:3:7 TS2322 Type 'number' is not …`. */
export function typeErrorFinding(error: TscError): string {
  const where = error.file ? `${error.file}:${error.line}:${error.column} ` : "";
  return `type error: ${where}${error.code} ${error.message}`;
}
