import type { JsonValue } from "@winky/sandbox";
import { decodeStoredFields, encodeFields } from "../documents/model/wire.js";
import type { QueuedEvent } from "../events/event-queue.js";
import { matchTrigger } from "./function-config.js";
import type { FunctionRunner } from "./function-runner.js";
import type { FunctionStore } from "./function-store.js";

const SHORT_KINDS: Record<string, string> = {
  "document.created": "create",
  "document.updated": "update",
  "document.deleted": "delete",
};

/**
 * Runs the project's live document triggers that match a `document.*` event, each with
 * `{ eventId, kind, path, params, before, after }` (fields in the wire form). Throws when any
 * of them failed, so the worker retries the event: triggers see an event at least once and
 * dedupe on `eventId`.
 *
 * @throws Error naming the functions that failed.
 */
export async function runDocumentTriggers(
  deps: { runner: FunctionRunner; store: FunctionStore },
  event: QueuedEvent,
): Promise<void> {
  const kind = SHORT_KINDS[event.kind];
  if (!kind) return;
  const { projectId } = event;
  const matches = (await deps.store.list(projectId)).flatMap((fn) => {
    const params = matchTrigger(fn.trigger, event.kind, event.subject);
    return params ? [{ fn, params }] : [];
  });
  if (matches.length === 0) return;
  const wire = (stored: unknown) =>
    stored
      ? (JSON.parse(
          JSON.stringify(encodeFields(decodeStoredFields(stored, { projectId }), { projectId })),
        ) as JsonValue)
      : null;
  const payload = {
    eventId: event.eventId,
    kind,
    path: event.subject,
    before: wire(event.data.before),
    after: wire(event.data.after),
  };
  const failures: string[] = [];
  await Promise.all(
    matches.map(async ({ fn, params }) => {
      const { result } = await deps.runner.invoke(
        projectId,
        fn.name,
        { event: { ...payload, params }, context: { params, eventId: event.eventId } },
        fn,
      );
      if (!result.ok) failures.push(`${fn.name} (${result.error.kind}: ${result.error.message})`);
    }),
  );
  if (failures.length > 0) {
    throw new Error(`triggers failed for ${event.kind} ${event.subject}: ${failures.join("; ")}`);
  }
}
