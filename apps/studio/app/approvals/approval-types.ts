import type { WinkyClient } from "@winky/api-client";

/** The API's shapes the approval pages render (from the typed client, so they follow it). */
export type PendingApproval = Awaited<
  ReturnType<WinkyClient["approvals"]["queue"]["query"]>
>[number];
export type CheckSummary = PendingApproval["checks"][number];
export type ApprovalThread = Awaited<ReturnType<WinkyClient["approvals"]["thread"]["query"]>>;
export type ThreadEntry = ApprovalThread["entries"][number];
export type CommentView = Extract<ThreadEntry, { kind: "comment" }>["comment"];

/** The feed's filters and orders, as the URL query names them. */
export const FILTERS = [
  { value: "team", label: "Team" },
  { value: "mine", label: "Mine" },
  { value: "mentions", label: "Mentions" },
] as const;
export const ORDERS = [
  { value: "oldest", label: "Waiting longest" },
  { value: "newest", label: "Newest" },
] as const;
export type QueueFilter = (typeof FILTERS)[number]["value"];
export type QueueOrder = (typeof ORDERS)[number]["value"];

/** The filter and order a URL asks for; anything unknown falls back to the defaults. */
export function feedQueryOf(search: Record<string, string | string[] | undefined>): {
  filter: QueueFilter;
  order: QueueOrder;
} {
  const one = (key: string) => {
    const value = search[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const filter = FILTERS.find((f) => f.value === one("filter"))?.value ?? "team";
  const order = ORDERS.find((o) => o.value === one("order"))?.value ?? "oldest";
  return { filter, order };
}

/** `/approvals?filter=…&order=…`, leaving defaults out so the plain URL stays plain. */
export function feedHref(filter: QueueFilter, order: QueueOrder): string {
  const query = new URLSearchParams();
  if (filter !== "team") query.set("filter", filter);
  if (order !== "oldest") query.set("order", order);
  const text = query.toString();
  return text ? `/approvals?${text}` : "/approvals";
}

/** How long something has waited, in the largest whole unit: "3 minutes", "2 days". */
export function waitedFor(sinceIso: string, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(sinceIso)) / 1000));
  const units: Array<[string, number]> = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? "" : "s"}`;
  }
  return "less than a minute";
}
