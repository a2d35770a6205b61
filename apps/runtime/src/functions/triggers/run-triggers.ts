import type { JsonValue } from "@winky/sandbox";
import { decodeStoredFields, encodeFields } from "../../documents/model/wire.js";
import { jobIdOf, type QueuedEvent } from "../../events/event-queue.js";
import type { FunctionRunner } from "../function-runner.js";
import type { FunctionStore } from "../function-store.js";
import { matchTrigger, shortKindOf } from "./match-trigger.js";

/**
 * Runs the project's live functions whose trigger matches the event — document, auth, storage
 * and schedule triggers — each with `(event, context)`: `event` is `{ eventId, kind, … }` with
 * what the kind carries (below), `context` `{ eventId, params }`. Throws when any of them
 * failed, so the worker retries the event: triggers see an event at least once, and their
 * document commits are keyed by the delivery (`idempotent-commits.ts`) so a retry does not
 * write twice.
 *
 * @throws Error naming the functions that failed.
 */
export async function runTriggers(
  deps: { runner: FunctionRunner; store: FunctionStore },
  event: QueuedEvent,
): Promise<void> {
  const { projectId } = event;
  const matches = (await deps.store.list(projectId)).flatMap((fn) => {
    // A function does not see what happened before it existed (an import's writes, queued
    // while its functions were deployed), as in Firebase; a replay is asked for and runs.
    if (
      !event.replayId &&
      fn.firstDeployedAt &&
      Date.parse(event.time) < Date.parse(fn.firstDeployedAt)
    ) {
      return [];
    }
    const params = matchTrigger(fn.trigger, event.kind, event.subject, fn.name);
    return params ? [{ fn, params }] : [];
  });
  if (matches.length === 0) return;
  const payload = { eventId: event.eventId, kind: shortKindOf(event.kind), ...bodyOf(event) };
  const failures: string[] = [];
  await Promise.all(
    matches.map(async ({ fn, params }) => {
      const context = { params, eventId: event.eventId, commitScope: jobIdOf(event) };
      // The runner reads the live version (with its bundle) itself.
      const { result } = await deps.runner.invoke(projectId, fn.name, {
        event: { ...payload, params } as JsonValue,
        context,
      });
      if (!result.ok) failures.push(`${fn.name} (${result.error.kind}: ${result.error.message})`);
    }),
  );
  if (failures.length > 0) {
    throw new Error(`triggers failed for ${event.kind} ${event.subject}: ${failures.join("; ")}`);
  }
}

/**
 * What a handler gets beside the event id and kind: documents `{ path, before, after }` (fields
 * in the REST wire form, null when absent), users `{ user }`, objects `{ object }`, schedule
 * ticks `{ scheduleTime, schedule, timeZone }`.
 */
function bodyOf(event: QueuedEvent): Record<string, JsonValue> {
  const { projectId, data } = event;
  if (event.kind.startsWith("document.")) {
    const wire = (stored: unknown) =>
      stored
        ? (JSON.parse(
            JSON.stringify(encodeFields(decodeStoredFields(stored, { projectId }), { projectId })),
          ) as JsonValue)
        : null;
    return { path: event.subject, before: wire(data.before), after: wire(data.after) };
  }
  if (event.kind.startsWith("auth.")) return { user: (data.user ?? null) as JsonValue };
  if (event.kind.startsWith("storage.")) return { object: (data.object ?? null) as JsonValue };
  return { scheduleTime: event.time, ...(data as Record<string, JsonValue>) };
}
