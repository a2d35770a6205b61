/**
 * A compact diff of two versions of an app for a model to read: each changed file's first
 * and last differing lines with a few lines around, created files whole. Bounded, so a large
 * change cannot blow the prompt (the budget would stop the run instead of the review).
 */
export function appDiff(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
  maxChars = 60_000,
): string {
  const parts: string[] = [];
  for (const path of Object.keys(after).sort()) {
    const old = before[path];
    const now = after[path]!;
    if (old === now) continue;
    if (old === undefined) {
      parts.push(`+++ ${path} (new)\n${prefixLines(now.split("\n"), "+")}`);
      continue;
    }
    parts.push(`--- ${path}\n+++ ${path}\n${hunk(old.split("\n"), now.split("\n"))}`);
  }
  for (const path of Object.keys(before).sort()) {
    if (!(path in after)) parts.push(`--- ${path} (deleted)`);
  }
  const text = parts.join("\n");
  return text.length > maxChars
    ? `${text.slice(0, maxChars)}\n… (diff cut at ${maxChars} characters)`
    : text;
}

/** The lines between the common start and the common end, with 3 lines of context. */
function hunk(old: string[], now: string[]): string {
  let start = 0;
  while (start < old.length && start < now.length && old[start] === now[start]) start++;
  let end = 0;
  while (
    end < old.length - start &&
    end < now.length - start &&
    old[old.length - 1 - end] === now[now.length - 1 - end]
  ) {
    end++;
  }
  const context = 3;
  const from = Math.max(0, start - context);
  return [
    `@@ line ${start + 1} @@`,
    prefixLines(old.slice(from, start), " "),
    prefixLines(old.slice(start, old.length - end), "-"),
    prefixLines(now.slice(start, now.length - end), "+"),
    prefixLines(now.slice(now.length - end, now.length - end + context), " "),
  ]
    .filter((s) => s !== "")
    .join("\n");
}

function prefixLines(lines: string[], mark: string): string {
  return lines.map((l) => `${mark}${l}`).join("\n");
}
