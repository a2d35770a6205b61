/**
 * The audit page's filters as they live in its URL (so a filtered view can be shared and
 * bookmarked), and as the API's `audit.list` takes them.
 */

/** The filters, as typed: empty means "any". Dates are whole UTC days (`YYYY-MM-DD`). */
export interface AuditFilters {
  action: string;
  actor: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

export const FILTER_NAMES = ["action", "actor", "targetType", "targetId", "from", "to"] as const;

/** The actions the API records, offered as the action filter is typed. */
export const KNOWN_ACTIONS = [
  "run.",
  "run.created",
  "run.approved",
  "run.rejected",
  "run.cancelled",
  "run.retried",
  "comment.created",
  "app.rolled_back",
  "member.",
  "member.added",
  "member.role_changed",
  "member.removed",
  "token.",
  "token.created",
  "token.revoked",
  "team.created",
  "team.settings_updated",
] as const;

/** The kinds of thing an entry is about. */
export const TARGET_TYPES = [
  { value: "run", label: "Run" },
  { value: "app", label: "App" },
  { value: "user", label: "Member" },
  { value: "api_token", label: "API token" },
  { value: "team", label: "Team" },
] as const;

type SearchParams = Record<string, string | string[] | undefined>;

/** The filters and the page (`cursor`) a URL asks for. */
export function filtersOf(params: SearchParams): { filters: AuditFilters; cursor: string | null } {
  const one = (name: string) => {
    const value = params[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  };
  const filters = Object.fromEntries(
    FILTER_NAMES.map((name) => [name, one(name)]),
  ) as unknown as AuditFilters;
  return { filters, cursor: one("cursor") || null };
}

/** The URL query of a view: only the filters set, then the page, so links stay short. */
export function queryOf(filters: AuditFilters, cursor: string | null = null): string {
  const query = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name]) query.set(name, filters[name]);
  if (cursor) query.set("cursor", cursor);
  const text = query.toString();
  return text ? `?${text}` : "";
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Problems with the dates, by field: the API takes instants, so days are checked here. */
export function dateProblems(filters: AuditFilters): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const name of ["from", "to"] as const) {
    const value = filters[name];
    if (value && (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) {
      problems[name] = "must be a date, as YYYY-MM-DD";
    }
  }
  return problems;
}

/**
 * The API's input for a view: a `to` day is included whole, so the API (which excludes its
 * `to` instant) is asked for everything before the next day's midnight, UTC.
 */
export function apiInputOf(filters: AuditFilters, cursor: string | null, limit: number) {
  const startOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
  return {
    limit,
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.targetType ? { targetType: filters.targetType } : {}),
    ...(filters.targetId ? { targetId: filters.targetId } : {}),
    ...(filters.from ? { from: new Date(startOf(filters.from)).toISOString() } : {}),
    ...(filters.to ? { to: new Date(startOf(filters.to) + DAY_MS).toISOString() } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** Whether any filter is set. */
export function isFiltered(filters: AuditFilters): boolean {
  return FILTER_NAMES.some((name) => filters[name] !== "");
}
