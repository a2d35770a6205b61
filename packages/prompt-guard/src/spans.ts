import { REMOVAL_KINDS, type Cleaned, type Removal, type RemovalKind } from "./types.js";

/** A stretch of text a detector wants removed: `[start, end)` in UTF-16 code units. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: RemovalKind;
  readonly name?: string | undefined;
}

/** What the model sees instead: enough to know something was there, nothing of what. */
export function placeholder(kind: RemovalKind, name: string | undefined): string {
  if (kind === "secret-store") return name ? `[redacted: secret ${name}]` : "[redacted: secret]";
  return `[redacted: ${kind}]`;
}

const rank = (kind: RemovalKind): number => REMOVAL_KINDS.indexOf(kind);

/**
 * Replaces every span, merging overlapping ones into one removal: detectors run independently
 * on the original text, so a store secret inside an `.env` line inside a URL may be flagged
 * three times, and the union is what must go (a lower-ranked detector's wider span must not
 * be dropped, or the part outside the higher one would leak). The merged removal takes the
 * kind of the first detector in {@link REMOVAL_KINDS} order, and a name from the best-ranked
 * span that has one.
 */
export function applySpans(text: string, spans: readonly Span[], where: string): Cleaned<string> {
  if (spans.length === 0) return { value: text, removed: [] };
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const removed: Removal[] = [];
  const out: string[] = [];
  let cursor = 0;
  for (let i = 0; i < sorted.length;) {
    const group: Span[] = [sorted[i]!];
    let end = sorted[i]!.end;
    for (i++; i < sorted.length && sorted[i]!.start < end; i++) {
      group.push(sorted[i]!);
      end = Math.max(end, sorted[i]!.end);
    }
    const start = group[0]!.start;
    const byRank = group.sort((a, b) => rank(a.kind) - rank(b.kind));
    const kind = byRank[0]!.kind;
    const name = byRank.find((s) => s.name)?.name;
    out.push(
      text.slice(cursor, start),
      placeholder(kind, kind === "secret-store" ? name : undefined),
    );
    cursor = end;
    removed.push(
      name ? { kind, name, where, length: end - start } : { kind, where, length: end - start },
    );
  }
  out.push(text.slice(cursor));
  return { value: out.join(""), removed };
}

/** Spans of every match of `pattern` (global, with the `d` flag), or of one of its groups. */
export function matchSpans(
  text: string,
  pattern: RegExp,
  kind: RemovalKind,
  options: {
    group?: number;
    name?: string | ((m: RegExpExecArray) => string | undefined);
    accept?: (value: string, m: RegExpExecArray) => boolean;
  } = {},
): Span[] {
  const spans: Span[] = [];
  const group = options.group ?? 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0] === "") pattern.lastIndex++;
    const range = m.indices?.[group];
    const value = m[group];
    if (!range || value === undefined || (options.accept && !options.accept(value, m))) continue;
    const name = typeof options.name === "function" ? options.name(m) : options.name;
    spans.push({ start: range[0], end: range[1], kind, name });
  }
  return spans;
}
