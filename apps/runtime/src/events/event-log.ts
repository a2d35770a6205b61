import type pg from "pg";
import { decodeStoredFields } from "../documents/model/wire.js";
import { encodeFields, type WireValue } from "../documents/model/wire-encode.js";

type WireFields = Record<string, WireValue>;
import { TIME } from "../documents/store/document-store.js";

/** An event of the log as the admin API and, later, triggers see it. */
export interface ChangeEvent {
  /** The row's number: unique, but allocated at insert, so not the commit order. */
  id: string;
  /** Stable across deliveries and replays: what idempotent handlers deduplicate on. */
  eventId: string;
  kind: string;
  subject: string;
  time: string;
  /** Document events: the document before and after, in the wire format. */
  before?: WireFields;
  after?: WireFields;
  /** Other events: what they carry (`{ user }` for auth events). */
  data?: Record<string, unknown>;
}

export interface EventFilter {
  /** Events at or after this instant (RFC 3339). */
  from?: string;
  /** Events before this instant. */
  to?: string;
  kinds?: readonly string[];
  /** Events whose subject (a document path) starts with this. */
  subjectPrefix?: string;
  /** Where the previous page ended (its last event's time and id). */
  after?: { time: string; id: string };
  limit: number;
}

interface Row {
  id: string;
  event_id: string;
  kind: string;
  subject: string;
  time: string;
  data: { before?: unknown; after?: unknown } & Record<string, unknown>;
}

/**
 * Reads a project's event log in commit-time order (a document's events in the order its
 * changes happened, as its update times only grow), filtered by time range, kind and subject.
 */
export async function listEvents(
  pool: pg.Pool,
  projectId: string,
  filter: EventFilter,
): Promise<ChangeEvent[]> {
  const values: unknown[] = [projectId];
  const bind = (v: unknown) => `$${values.push(v)}`;
  const where = [`project_id = $1`];
  if (filter.from) where.push(`time >= ${bind(filter.from)}::timestamptz`);
  if (filter.to) where.push(`time < ${bind(filter.to)}::timestamptz`);
  if (filter.kinds?.length) where.push(`kind = any(${bind(filter.kinds)}::text[])`);
  if (filter.subjectPrefix) where.push(`starts_with(subject, ${bind(filter.subjectPrefix)})`);
  if (filter.after) {
    where.push(
      `(time, id) > (${bind(filter.after.time)}::timestamptz, ${bind(filter.after.id)}::bigint)`,
    );
  }
  const { rows } = await pool.query<Row>(
    `select id::text, event_id, kind, subject,
            to_char(time at time zone 'UTC', ${TIME}) as time, data
       from runtime.events where ${where.join(" and ")}
      order by time, id limit ${bind(filter.limit)}`,
    values,
  );
  const wire = (stored: unknown) =>
    encodeFields(decodeStoredFields(stored, { projectId }), { projectId });
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    kind: r.kind,
    subject: r.subject,
    time: r.time,
    ...(!r.kind.startsWith("document.")
      ? { data: r.data }
      : {
          ...(r.data.before ? { before: wire(r.data.before) } : {}),
          ...(r.data.after ? { after: wire(r.data.after) } : {}),
        }),
  }));
}
