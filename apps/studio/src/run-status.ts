/** The colour family of a status badge; the CSS gives each one (`.badge-<tone>`). */
export type BadgeTone = "neutral" | "progress" | "waiting" | "success" | "danger";

export interface StatusBadge {
  /** The status in words: the badge never relies on colour alone. */
  label: string;
  tone: BadgeTone;
}

const BADGES: Record<string, StatusBadge> = {
  queued: { label: "Queued", tone: "neutral" },
  planning: { label: "Planning", tone: "progress" },
  awaiting_plan_approval: { label: "Plan awaits approval", tone: "waiting" },
  coding: { label: "Coding", tone: "progress" },
  testing: { label: "Testing", tone: "progress" },
  reviewing: { label: "Reviewing", tone: "progress" },
  smoke: { label: "Smoke testing", tone: "progress" },
  awaiting_approval: { label: "Awaits approval", tone: "waiting" },
  committing: { label: "Committing", tone: "progress" },
  deploying: { label: "Deploying", tone: "progress" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

/**
 * The badge of a run status. A status this studio does not know yet (a newer orchestrator)
 * still shows, in words, as neutral.
 */
export function badgeForStatus(status: string): StatusBadge {
  return BADGES[status] ?? { label: status.replaceAll("_", " "), tone: "neutral" };
}

/** `text` cut to `max` characters on a word boundary where one is near, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
