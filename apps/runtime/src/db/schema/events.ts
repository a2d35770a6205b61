import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { byteText, runtime } from "./columns.js";
import { projects } from "./projects.js";

// What happened: the event log of changes and the audit trail of admin actions.

/**
 * The event log: every change (document writes, users created and deleted) appended in
 * the same transaction as the change itself, so an event exists exactly when its change
 * committed. A dispatcher hands undispatched events to the trigger queue, and again when the
 * queue lost one (Redis restarted empty) before processing it; the log stays for replay.
 * `event_id` is the stable id handlers deduplicate on.
 */
export const events = runtime.table(
  "events",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: uuid("event_id").notNull().defaultRandom().unique(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** `document.created|updated|deleted`, `auth.user.created|deleted`, `storage.object.finalized|deleted`, `function.scheduled` */
    kind: text("kind").notNull(),
    /** What changed: a document path, a user's uid. */
    subject: byteText("subject").notNull(),
    /** The commit time of the change. */
    time: timestamp("time", { withTimezone: true, precision: 6 }).notNull(),
    /** Documents: `{ before?, after? }`, fields in their stored form; users: `{ user }`; objects: `{ object }`. */
    data: jsonb("data").notNull(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    /**
     * When the queue finished with the event (its triggers ran, or it went to the dead
     * letters). Until then the dispatcher may hand it to the queue again: the log, not Redis,
     * is what keeps an event.
     */
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    index("events_unprocessed_idx")
      .on(t.id)
      .where(sql`${t.processedAt} is null`),
    index("events_project_time_idx").on(t.projectId, t.time),
    check(
      "events_kind",
      sql`${t.kind} in ('document.created', 'document.updated', 'document.deleted',
        'auth.user.created', 'auth.user.deleted',
        'storage.object.finalized', 'storage.object.deleted', 'function.scheduled')`,
    ),
  ],
);

/**
 * The audit trail of admin actions, one hash chain per project ("" for the operator's own
 * actions): each entry's `hash` covers its content and the previous entry's hash, so editing or
 * removing an entry breaks the chain (`winky audit verify`). A trigger (migration 0006) refuses
 * updates and deletes. No foreign key: the trail outlives a deleted project.
 */
export const auditEntries = runtime.table(
  "audit_entries",
  {
    projectId: text("project_id").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    /** RFC 3339 with milliseconds, as hashed: kept as text so it reads back byte for byte. */
    at: text("at").notNull(),
    /** `operator`, or `service-key:<id>` */
    actor: text("actor").notNull(),
    /** `<METHOD> <route>`, e.g. `PUT /v1/projects/:project/admin/rules/:service` */
    action: text("action").notNull(),
    /** The route's parameters and the status answered; never a request body. */
    details: jsonb("details").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.seq] })],
);
