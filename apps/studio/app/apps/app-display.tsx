// What the apps pages show of an app: the answers' types, its health badge, relative times.

import type { WinkyClient } from "@winky/api-client";

// What the apps procedures answer, named once for the apps pages' components.
type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export type AppSummary = Answer<WinkyClient["apps"]["byId"]["query"]>;
export type AppHealthView = AppSummary["health"];
export type DeploymentItem = Answer<WinkyClient["apps"]["deployments"]["query"]>["items"][number];
export type RegressionCheck = Answer<WinkyClient["apps"]["regressions"]["query"]>[number];
export type Commit = Answer<WinkyClient["apps"]["commits"]["query"]>[number];

/** The roles that may roll an app back (`apps.rollback` is admin+). */
export const ROLLBACK_ROLES: ReadonlySet<string> = new Set(["admin", "owner"]);

const BADGES = {
  passing: { label: "Passing", tone: "success" },
  failing: { label: "Failing", tone: "danger" },
  unknown: { label: "Not checked yet", tone: "neutral" },
} as const;

/**
 * An app's health as its last regression check left it, in words and colour (the words carry
 * it alone, for those who do not see the colour); the title says when it was checked.
 */
export function HealthBadge({ health }: { health: AppHealthView }) {
  const badge = BADGES[health.status] ?? BADGES.unknown;
  const when = health.checkedAt ? `last checked ${health.checkedAt.replace("T", " ")}` : undefined;
  return (
    <span className={`badge badge-${badge.tone}`} title={when}>
      {badge.label}
    </span>
  );
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 hours ago", "yesterday", "just now": how long before `now` the instant `iso` was. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/**
 * A timestamp as a relative time, with the exact UTC time as its tooltip and machine-readable
 * value. Rendered on the server only (server components), so it never disagrees with a
 * hydrating client about what "now" is.
 */
export function RelativeTime({ iso, now }: { iso: string; now?: number }) {
  const exact = iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
  return (
    <time dateTime={iso} title={exact}>
      {relativeTime(iso, now)}
    </time>
  );
}
