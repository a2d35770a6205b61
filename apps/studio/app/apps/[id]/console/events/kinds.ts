import type { WinkyClient } from "@winky/api-client";

type ListInput = Parameters<WinkyClient["console"]["events"]["list"]["query"]>[0];
/** A kind `console.events.list` takes: the list below is checked against the API's. */
export type EventKind = NonNullable<ListInput["kinds"]>[number];

/** The event kinds the runtime logs, for the filter's choices. */
export const EVENT_KINDS = [
  "document.created",
  "document.updated",
  "document.deleted",
  "auth.user.created",
  "auth.user.deleted",
  "storage.object.finalized",
  "storage.object.deleted",
] as const satisfies readonly EventKind[];

export function isEventKind(value: string): value is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(value);
}
