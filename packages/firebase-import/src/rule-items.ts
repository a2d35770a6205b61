// One report item per `allow` statement of a rules file that compiles: where it is, which
// request methods it grants under which match path, and what the checker says about it (an
// error means the runtime would evaluate it differently or refuse it; warnings are noted).
import {
  checkRules,
  type Diagnostic,
  type MatchBlock,
  type MatchSegment,
  type Ruleset,
} from "@winky/rules";
import { makeItem, type ReportItem } from "./report.js";

export function ruleItems(ast: Ruleset, source: string, file: string): ReportItem[] {
  const diagnostics = checkRules(ast, source);
  const items: ReportItem[] = [];
  const walk = (blocks: readonly MatchBlock[], prefix: string, until: number) => {
    blocks.forEach((block, index) => {
      const path = `${prefix}/${block.path.map(segmentText).join("/")}`;
      // A block's own statements end where its first nested match or its next sibling begins.
      const next = blocks[index + 1]?.loc.line ?? until;
      for (const allow of block.allows) {
        const end = nextLine(block, allow.loc.line, next);
        const own = diagnostics.filter((d) => d.line >= allow.loc.line && d.line < end);
        items.push(
          allowItem(
            file,
            path,
            allow.methods.map((m) => m.name),
            allow.loc,
            own,
          ),
        );
      }
      walk(block.matches, path, next);
    });
  };
  walk(ast.service.matches, "", Number.MAX_SAFE_INTEGER);
  return items;
}

function allowItem(
  file: string,
  path: string,
  methods: string[],
  loc: { line: number; column: number },
  diagnostics: Diagnostic[],
): ReportItem {
  const name = `match ${path}: allow ${methods.join(", ")}`;
  const at = { file, line: loc.line, column: loc.column };
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const what = errors.map((d) => `${d.line}:${d.column} ${d.message}`).join("; ");
    return makeItem("rules", name, at, "needs-change", what);
  }
  const warnings = diagnostics.map((d) => `warning ${d.line}:${d.column} ${d.message}`);
  return makeItem(
    "rules",
    name,
    at,
    "maps",
    ["evaluated as Firebase does", ...warnings].join("; "),
  );
}

/** The first line after `line` where another statement's territory starts. */
function nextLine(block: MatchBlock, line: number, fallback: number): number {
  const starts = [...block.allows.map((a) => a.loc.line), ...block.matches.map((m) => m.loc.line)]
    .filter((l) => l > line)
    .sort((a, b) => a - b);
  return starts[0] ?? fallback;
}

function segmentText(segment: MatchSegment): string {
  if (segment.kind === "literal") return segment.text;
  return segment.kind === "wildcard" ? `{${segment.name}}` : `{${segment.name}=**}`;
}
