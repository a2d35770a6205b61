/**
 * Globs for `config.headers[].source`, as Firebase Hosting writes them: `**` any number of
 * segments (none too), `*` any characters but `/`, `?` one such character, `{a,b}` either
 * alternative (no nesting). A leading `/` is optional: `/assets/**` and `assets/**` are the same.
 *
 * Matching is segment by segment with the greedy one-backtrack-point algorithm, never a
 * regular expression: a project's config cannot make a request's matching take exponential
 * time, only time proportional to the path's length times the pattern's.
 */

/** The longest `source`, in characters. */
export const MAX_GLOB_LENGTH = 256;
/** The most alternatives `{…}` groups may expand to. */
const MAX_ALTERNATIVES = 32;

/** A compiled glob: per alternative, its segments (`**` stands for any segments). */
export type Glob = readonly (readonly string[])[];

/** Why `pattern` is not a glob, or null when it is one. */
export function globProblem(pattern: string): string | null {
  if (pattern === "" || pattern === "/") return "a glob may not be empty";
  if (pattern.length > MAX_GLOB_LENGTH) {
    return `a glob may be at most ${MAX_GLOB_LENGTH} characters long`;
  }
  let open = false;
  let alternatives = 1;
  let groupSize = 1;
  for (const c of pattern) {
    if (c === "{") {
      if (open) return "a glob's {…} groups may not be nested";
      open = true;
      groupSize = 1;
    } else if (c === "}") {
      if (!open) return "a glob has a } without a {";
      open = false;
      alternatives *= groupSize;
      if (alternatives > MAX_ALTERNATIVES) {
        return `a glob's {…} groups may expand to at most ${MAX_ALTERNATIVES} alternatives`;
      }
    } else if (c === "," && open) groupSize++;
    else if (c === "\\") return "a glob may not contain a backslash";
  }
  return open ? "a glob has a { without a }" : null;
}

/** @throws Error when {@link globProblem} finds one (callers validate first). */
export function compileGlob(pattern: string): Glob {
  const problem = globProblem(pattern);
  if (problem !== null) throw new Error(`${JSON.stringify(pattern)}: ${problem}`);
  return expandBraces(pattern).map((alternative) => {
    const segments = alternative.replace(/^\/+/, "").split("/");
    // `a/**/**/b` is `a/**/b`; consecutive `**` only slow matching down.
    return segments.filter((s, i) => !(s === "**" && segments[i - 1] === "**"));
  });
}

/** Whether `path` (`/assets/x.js`; a leading `/` is ignored) matches `glob`. */
export function matchesGlob(glob: Glob, path: string): boolean {
  const segments = path.replace(/^\/+/, "").split("/");
  return glob.some((alternative) => matchSequence(alternative, segments, "**", matchSegment));
}

function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf("{");
  if (open < 0) return [pattern];
  const close = pattern.indexOf("}", open);
  const head = pattern.slice(0, open);
  const rest = expandBraces(pattern.slice(close + 1));
  return pattern
    .slice(open + 1, close)
    .split(",")
    .flatMap((choice) => rest.map((tail) => head + choice + tail));
}

/** One segment against a segment pattern with `*` and `?` (a `**` inside a segment is `*`). */
function matchSegment(pattern: string, segment: string): boolean {
  return matchSequence(
    [...pattern.replace(/\*{2,}/g, "*")],
    [...segment],
    "*",
    (p, c) => p === "?" || p === c,
  );
}

/**
 * The classic wildcard match over sequences: `star` matches any run of items (none too), every
 * other pattern item matches one item by `same`. On a mismatch only the last star backtracks,
 * so the time is at most the product of the lengths.
 */
function matchSequence<T>(
  pattern: readonly T[],
  items: readonly T[],
  star: T,
  same: (p: T, item: T) => boolean,
): boolean {
  let p = 0;
  let i = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (i < items.length) {
    if (p < pattern.length && pattern[p] === star) {
      starAt = p++;
      resumeAt = i;
    } else if (p < pattern.length && same(pattern[p]!, items[i]!)) {
      p++;
      i++;
    } else if (starAt >= 0) {
      p = starAt + 1;
      i = ++resumeAt;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === star) p++;
  return p === pattern.length;
}
