import { badgeForStatus } from "../../src/run-status.js";

/** A run's status as a coloured badge whose text says it, so colour is never the only cue. */
export function StatusBadge({ status }: { status: string }) {
  const badge = badgeForStatus(status);
  return <span className={`badge badge-${badge.tone}`}>{badge.label}</span>;
}
