import type { FunctionTrigger } from "../function-config.js";

/** The event kind a scheduled function's ticks are logged under (subject: the function's name). */
export const SCHEDULE_EVENT = "function.scheduled";

const DOCUMENT_EVENTS: Record<string, ReadonlyArray<string>> = {
  "document.created": ["create", "write"],
  "document.updated": ["update", "write"],
  "document.deleted": ["delete", "write"],
};
const AUTH_EVENTS: Record<string, string> = {
  "auth.user.created": "create",
  "auth.user.deleted": "delete",
};
const STORAGE_EVENTS: Record<string, string> = {
  "storage.object.finalized": "finalize",
  "storage.object.deleted": "delete",
};

/**
 * Whether an event of `kind` about `subject` (a document path, a uid, an object name, the
 * function's name for a schedule tick) starts the function `name` with `trigger`: the
 * wildcards' values when it does (`{ id: "o1" }` for `orders/{id}` and `orders/o1`; `{}` for
 * triggers without wildcards), else null.
 */
export function matchTrigger(
  trigger: FunctionTrigger,
  kind: string,
  subject: string,
  name = "",
): Record<string, string> | null {
  switch (trigger.kind) {
    case "document":
      return DOCUMENT_EVENTS[kind]?.includes(trigger.event)
        ? matchPath(trigger.path, subject)
        : null;
    case "auth":
      return AUTH_EVENTS[kind] === trigger.event ? {} : null;
    case "storage":
      return STORAGE_EVENTS[kind] === trigger.event && subject.startsWith(trigger.prefix ?? "")
        ? {}
        : null;
    case "schedule":
      return kind === SCHEDULE_EVENT && subject === name ? {} : null;
    default:
      return null;
  }
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const wanted = pattern.split("/");
  const segments = path.split("/");
  if (wanted.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, p] of wanted.entries()) {
    const s = segments[i]!;
    const wildcard = /^\{(\w+)\}$/.exec(p);
    if (wildcard) params[wildcard[1]!] = s;
    else if (p !== s) return null;
  }
  return params;
}

const SHORT_KINDS: Record<string, string> = {
  "document.created": "create",
  "document.updated": "update",
  "document.deleted": "delete",
  ...AUTH_EVENTS,
  ...STORAGE_EVENTS,
  [SCHEDULE_EVENT]: "tick",
};

/** The short name a handler sees as `event.kind`: create, update, delete, finalize, tick. */
export const shortKindOf = (kind: string): string => SHORT_KINDS[kind] ?? kind;
