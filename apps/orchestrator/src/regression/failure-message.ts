/** What a failed regression check tells the team. */
export interface RegressionFailureNotice {
  appName: string;
  project: string;
  /** Where the app is served (its latest deployment's URL). */
  url: string;
  runId: string;
  /** The smoke report's one line. */
  summary: string;
  passed?: number;
  failed?: number;
  findings: readonly string[];
  /** The commit that was checked. */
  commitSha?: string;
}

/** A Block Kit block of the two kinds the message uses. */
export type SlackBlock =
  | { type: "section"; text: { type: "mrkdwn"; text: string } }
  | { type: "context"; elements: Array<{ type: "mrkdwn"; text: string }> };

/**
 * The JSON an incoming webhook takes (Slack's, and the many chat tools that accept the same):
 * `text` is what notifications and clients without blocks show, `blocks` the message itself.
 */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** How many findings the message lists, and how long each may be: a section holds 3,000. */
export const MESSAGE_LIMITS = { findings: 3, findingChars: 400 } as const;

/**
 * The failure announcement of a regression check, Slack-compatible: a section naming the
 * app (linked to its URL), its project, how many smoke scenarios failed and the first few
 * findings, then a context line with the run and commit. Every value is escaped for mrkdwn,
 * so a finding quoting `<button>` cannot become a link or a mention.
 */
export function regressionFailureMessage(notice: RegressionFailureNotice): SlackMessage {
  const headline = failureHeadline(notice);
  const appLink = linkTo(notice.url, notice.appName);
  const shown = notice.findings.slice(0, MESSAGE_LIMITS.findings);
  const more = notice.findings.length - shown.length;
  const lines = [
    `:red_circle: *Regression failed: ${appLink}*`,
    `Project \`${escapeMrkdwn(notice.project)}\` · ${escapeMrkdwn(headline)}`,
    ...shown.map((finding) => `• ${escapeMrkdwn(clip(finding))}`),
    ...(more > 0 ? [`_…and ${more} more finding${more === 1 ? "" : "s"}_`] : []),
  ];
  const context = [
    `Run ${escapeMrkdwn(notice.runId)}`,
    ...(notice.commitSha ? [`commit \`${escapeMrkdwn(notice.commitSha.slice(0, 12))}\``] : []),
    "Winky-Coder regression check",
  ].join(" · ");
  return {
    text: escapeMrkdwn(
      `Regression failed: ${notice.appName} (project ${notice.project}): ${headline}. ${notice.url}`,
    ),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
      { type: "context", elements: [{ type: "mrkdwn", text: context }] },
    ],
  };
}

/** "2 of 5 smoke scenarios failed", or why the suite did not get to run its scenarios. */
export function failureHeadline(
  notice: Pick<RegressionFailureNotice, "summary" | "passed" | "failed">,
): string {
  const failed = notice.failed ?? 0;
  const total = failed + (notice.passed ?? 0);
  // Worded as the smoke report words it, so the message and the run log agree.
  if (failed > 0) return `${failed} of ${total} smoke scenarios failed`;
  return `the smoke suite did not pass: ${plain(notice.summary)}`;
}

/** Slack's three control characters (its docs: escape `&`, `<`, `>` and nothing else). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `<url|label>` for an http(s) URL; the bare label otherwise (nothing else is linked). */
function linkTo(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeMrkdwn(label);
  // In `<url|label>` a `|` or `>` in the URL would end it early: percent-encode them.
  const safeUrl = url.replace(/[|<>]/g, (c) => encodeURIComponent(c)).replace(/&/g, "&amp;");
  return `<${safeUrl}|${escapeMrkdwn(label.replace(/[|>]/g, " "))}>`;
}

/**
 * One line without terminal colours (build tools colour their errors even with NO_COLOR) or
 * other control characters.
 */
function plain(text: string): string {
  return (
    text
      .split("\n", 1)[0]!
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*[A-Za-z]/g, "")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, " ")
      .trim()
  );
}

/** The finding's first line, plain, at most {@link MESSAGE_LIMITS.findingChars} characters. */
function clip(finding: string): string {
  const line = plain(finding);
  return line.length <= MESSAGE_LIMITS.findingChars
    ? line
    : `${line.slice(0, MESSAGE_LIMITS.findingChars - 1)}…`;
}
