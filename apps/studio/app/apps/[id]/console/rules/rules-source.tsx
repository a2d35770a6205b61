import type { ReactNode } from "react";
import type { TraceStep } from "./state.js";

/** A stretch of one line to mark: columns are 1-based, `end` exclusive. */
interface Span {
  start: number;
  end: number;
  outcome: TraceStep["outcome"];
}

/** The spans each line has, from the trace's `at` (which may run over several lines). */
function spansByLine(trace: readonly TraceStep[], lines: readonly string[]): Map<number, Span[]> {
  const spans = new Map<number, Span[]>();
  for (const step of trace) {
    if (!step.at) continue;
    for (let line = step.at.line; line <= step.at.endLine; line++) {
      const text = lines[line - 1] ?? "";
      const start = line === step.at.line ? step.at.column : 1;
      const end = line === step.at.endLine ? step.at.endColumn : text.length + 1;
      if (end <= start) continue;
      const list = spans.get(line) ?? [];
      // Two steps may point at one operand: mark it once.
      if (!list.some((s) => s.start < end && start < s.end)) {
        list.push({ start, end, outcome: step.outcome });
      }
      spans.set(line, list);
    }
  }
  for (const list of spans.values()) list.sort((a, b) => a.start - b.start);
  return spans;
}

/** One line's text with its spans wrapped in `<mark>`. */
function markedLine(text: string, spans: readonly Span[] | undefined): ReactNode {
  if (!spans?.length) return text;
  const parts: ReactNode[] = [];
  let at = 1;
  for (const span of spans) {
    parts.push(text.slice(at - 1, span.start - 1));
    parts.push(
      <mark key={span.start} className={`rules-mark rules-mark-${span.outcome}`}>
        {text.slice(span.start - 1, span.end - 1)}
      </mark>,
    );
    at = span.end;
  }
  parts.push(text.slice(at - 1));
  return parts;
}

/**
 * The deployed rules with line numbers. Lines of allows the request tried are tinted by how
 * they ended (granted, false, error), and the operand that was false or failed is marked.
 * The trace list beside it says the same in words, for those who cannot see the colours.
 */
export function RulesSource({
  source,
  trace,
  label,
}: {
  source: string;
  trace: readonly TraceStep[];
  label: string;
}) {
  const lines = source.replace(/\n$/, "").split("\n");
  const spans = spansByLine(trace, lines);
  const outcomes = new Map<number, TraceStep["outcome"]>();
  for (const step of trace) {
    // A line that granted stays green even when another request part found it false.
    if (outcomes.get(step.line) !== "allowed") outcomes.set(step.line, step.outcome);
  }
  return (
    <figure className="rules-figure">
      <figcaption className="small muted">{label}</figcaption>
      <pre className="rules-source" tabIndex={0}>
        <code>
          {lines.map((text, i) => {
            const n = i + 1;
            const outcome = outcomes.get(n);
            return (
              <span
                key={n}
                className={outcome ? `rules-line rules-line-${outcome}` : "rules-line"}
                data-line={n}
                data-outcome={outcome}
              >
                <span className="rules-line-number" aria-hidden="true">
                  {n}
                </span>
                <span className="rules-line-text">
                  {markedLine(text, spans.get(n))}
                  {"\n"}
                </span>
              </span>
            );
          })}
        </code>
      </pre>
    </figure>
  );
}
