// The compatibility report: one item per rule, index, function, trigger, config key, data type
// and auth provider found, each with a verdict, where it is, and what to do about it.

export type Verdict = "maps" | "needs-change" | "unsupported" | "not-understood";

export const VERDICTS: readonly Verdict[] = [
  "maps",
  "needs-change",
  "unsupported",
  "not-understood",
];

/** Where an item comes from: a file relative to the project folder, and its line (column if known). */
export interface SourceRef {
  file: string;
  line: number;
  column?: number;
}

export interface ReportItem {
  /** hosting, functions, firestore, indexes, storage, emulators, database, project, … */
  area: string;
  /** What the item is, starting with its top-level key: `hosting[app].rewrites[1]`. */
  name: string;
  source: SourceRef;
  verdict: Verdict;
  /** What maps, or what to change and where, or why it is not supported. */
  detail: string;
  /** For unsupported items: the nearest thing Winky offers, in words. */
  alternative?: string;
}

export interface Report {
  /** The folder read, as given. */
  projectDir: string;
  project?: string;
  items: ReportItem[];
  counts: Record<Verdict, number>;
  /** 0–100: see `scoreItems`. */
  score: number;
  nextCommands: string[];
}

// How much of an item carries over: a clean mapping fully, one that needs an edit half (the
// work is known and local), and nothing for what has no equivalent or was not understood.
const VERDICT_WEIGHT: Record<Verdict, number> = {
  maps: 1,
  "needs-change": 0.5,
  unsupported: 0,
  "not-understood": 0,
};

/**
 * The share of the project that carries over, 0–100. Each area weighs the same and items
 * weigh equally inside their area, so forty composite indexes that map cannot hide one
 * unsupported Realtime Database. No items at all scores 0: there is nothing to import.
 */
export function scoreItems(items: readonly ReportItem[]): number {
  const byArea = new Map<string, number[]>();
  for (const item of items) {
    const weights = byArea.get(item.area) ?? [];
    weights.push(VERDICT_WEIGHT[item.verdict]);
    byArea.set(item.area, weights);
  }
  if (byArea.size === 0) return 0;
  let total = 0;
  for (const weights of byArea.values()) {
    total += weights.reduce((a, b) => a + b, 0) / weights.length;
  }
  return Math.round((100 * total) / byArea.size);
}

export function countVerdicts(items: readonly ReportItem[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = {
    maps: 0,
    "needs-change": 0,
    unsupported: 0,
    "not-understood": 0,
  };
  for (const item of items) counts[item.verdict]++;
  return counts;
}

export function buildReport(
  projectDir: string,
  items: ReportItem[],
  nextCommands: string[],
  project?: string,
): Report {
  return {
    projectDir,
    ...(project === undefined ? {} : { project }),
    items,
    counts: countVerdicts(items),
    score: scoreItems(items),
    nextCommands,
  };
}

export function formatSource(source: SourceRef): string {
  return source.column === undefined
    ? `${source.file}:${source.line}`
    : `${source.file}:${source.line}:${source.column}`;
}

const HEADINGS: Record<Verdict, string> = {
  maps: "Maps cleanly",
  "needs-change": "Needs a change",
  unsupported: "Not supported",
  "not-understood": "Not understood",
};

/** The report as Markdown: summary, then items grouped by verdict, then the next commands. */
export function renderMarkdown(report: Report): string {
  const { counts } = report;
  const lines = [
    `# Firebase import report: ${report.project ?? report.projectDir}`,
    "",
    `Score: ${report.score}/100 — ${counts.maps} map cleanly, ${counts["needs-change"]} need a ` +
      `change, ${counts.unsupported} not supported, ${counts["not-understood"]} not understood.`,
  ];
  // Problems first: they are what the reader has to act on.
  for (const verdict of ["not-understood", "unsupported", "needs-change", "maps"] as const) {
    const items = report.items.filter((i) => i.verdict === verdict);
    if (items.length === 0) continue;
    lines.push("", `## ${HEADINGS[verdict]} (${items.length})`, "");
    for (const item of items) {
      const alternative = item.alternative ? ` — instead: ${item.alternative}` : "";
      lines.push(
        `- \`${formatSource(item.source)}\` **${item.name}** (${item.area}): ${item.detail}${alternative}`,
      );
    }
  }
  if (report.nextCommands.length > 0) {
    lines.push("", "## Next", "", "```sh", ...report.nextCommands, "```");
  }
  return `${lines.join("\n")}\n`;
}

/** The report as pretty JSON (`--json`): the same fields as the `Report` type. */
export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One item; `alternative` is left out rather than set to undefined. */
export function makeItem(
  area: string,
  name: string,
  source: SourceRef,
  verdict: Verdict,
  detail: string,
  alternative?: string,
): ReportItem {
  return {
    area,
    name,
    source,
    verdict,
    detail,
    ...(alternative === undefined ? {} : { alternative }),
  };
}
