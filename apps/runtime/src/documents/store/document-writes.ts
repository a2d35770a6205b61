import type pg from "pg";
import { CHANNEL } from "../../realtime/change-feed.js";
import { singleFieldEntries, type IndexEntry } from "../index/index-entries.js";
import { compositeEntries } from "../indexes/composite-entries.js";
import type { CompositeIndex } from "../indexes/index-definitions.js";
import type { DocumentPath } from "../model/paths.js";
import type { DocFields } from "../model/value.js";
import { encodeStoredFields } from "../model/wire-encode.js";
import type { StoredDocument } from "./document-store.js";
import { prepared } from "./prepared.js";
import { Params } from "./sql-params.js";

/** A document to store: its new fields, what was stored before, and the commit time. */
export interface PutDocument {
  projectId: string;
  doc: DocumentPath;
  fields: DocFields;
  existing: StoredDocument | undefined;
  time: string;
  /** The composite indexes of the document's collection group. */
  indexes: readonly CompositeIndex[];
}

/**
 * How the row is written. `upsert`: under the commit's locks, unconditionally. `if-unchanged`:
 * in one statement of its own, only if the document is still as it was read (absent, or at
 * the version read) and the collection's indexes are still `indexIds`; `notify` is sent then.
 */
export type PutMode =
  { kind: "upsert" } | { kind: "if-unchanged"; indexIds: readonly string[]; notify: string };

/**
 * The statement that stores a document and changes its index entries by the difference
 * between the old and the new ones (an update of one field rewrites that field's entries
 * only). The entries removed and added never overlap, so their order within it does not
 * matter; both happen only when the row was written. Answers `written` (0 or 1).
 */
export function putStatement(put: PutDocument, mode: PutMode): pg.QueryConfig {
  const { projectId, doc, existing } = put;
  const entriesOf = (f: DocFields) => [
    ...singleFieldEntries(f),
    ...compositeEntries(put.indexes, doc.path, f),
  ];
  const { removed, added } = difference(
    existing ? entriesOf(existing.fields) : [],
    entriesOf(put.fields),
  );
  const p = new Params(projectId, doc.path, doc.parent, doc.collectionId);
  const fields = p.bind(encodeStoredFields(put.fields, { projectId }));
  const time = p.bind(put.time);
  const before = existing ? encodeStoredFields(existing.fields, { projectId }) : null;
  const event = eventSql(p, {
    kind: existing ? "document.updated" : "document.created",
    time,
    data: `jsonb_build_object('before', ${p.bind(before)}::jsonb, 'after', ${fields}::jsonb)`,
  });
  let row: string;
  if (mode.kind === "upsert") {
    row = `insert into runtime.documents
        (project_id, path, collection_path, collection_id, document_id, fields, create_time, update_time, version)
      values ($1, $2, $3, $4, ${p.bind(doc.documentId)}, ${fields}::jsonb, ${time}, ${time}, 1)
      on conflict (project_id, path) do update
        set fields = excluded.fields, update_time = excluded.update_time,
            version = runtime.documents.version + 1`;
  } else {
    const guard = `runtime.locked_composite_index_ids($1, $4) = ${p.bind(mode.indexIds)}::text[]`;
    row = existing
      ? `update runtime.documents
            set fields = ${fields}::jsonb, update_time = ${time}, version = version + 1
          where project_id = $1 and path = $2 and version = ${p.bind(existing.version.toString())} and ${guard}`
      : `insert into runtime.documents
            (project_id, path, collection_path, collection_id, document_id, fields, create_time, update_time, version)
          select $1, $2, $3, $4, ${p.bind(doc.documentId)}, ${fields}::jsonb, ${time}, ${time}, 1
           where ${guard}
          on conflict (project_id, path) do nothing`;
  }
  const [rf, rm, rk] = columns(removed);
  const [af, am, ak] = columns(added);
  const text = `with doc as (${row} returning 1),
    gone as (
      delete from runtime.index_entries e
       using unnest(${p.bind(rf)}::text[], ${p.bind(rm)}::text[], ${p.bind(rk)}::bytea[]) as t(f, m, k)
       where e.project_id = $1 and e.collection_path = $3 and e.field = t.f and e.mode = t.m
         and e.key = t.k and e.document_path = $2 and exists (select 1 from doc)
      returning 1),
    added as (
      insert into runtime.index_entries
        (project_id, collection_path, collection_id, field, mode, key, document_path)
      select $1, $3, $4, f, m, k, $2
        from unnest(${p.bind(af)}::text[], ${p.bind(am)}::text[], ${p.bind(ak)}::bytea[]) as t(f, m, k)
       where exists (select 1 from doc)
      returning 1),
    ${event}
    select (select count(*) from doc)::int as written${notifyColumn(p, mode)}`;
  return prepared(text, p.values);
}

/**
 * Deletes a document (its index entries go with it: foreign key cascade) at commit time
 * `time`; with `ifUnchanged`, only if it is still at the version read, and then sends
 * `notify`. Answers `written` (0 or 1).
 */
export function deleteStatement(
  projectId: string,
  existing: StoredDocument,
  time: string,
  ifUnchanged?: { notify: string },
): pg.QueryConfig {
  const p = new Params(projectId, existing.path);
  const version = ifUnchanged ? ` and version = ${p.bind(existing.version.toString())}` : "";
  const notify = ifUnchanged
    ? notifyColumn(p, { kind: "if-unchanged", indexIds: [], notify: ifUnchanged.notify })
    : "";
  const before = p.bind(encodeStoredFields(existing.fields, { projectId }));
  const event = eventSql(p, {
    kind: "document.deleted",
    time: p.bind(time),
    data: `jsonb_build_object('before', ${before}::jsonb)`,
  });
  const text = `with doc as (
      delete from runtime.documents where project_id = $1 and path = $2${version} returning 1),
    ${event}
    select (select count(*) from doc)::int as written${notify}`;
  return prepared(text, p.values);
}

/**
 * The change's event, appended to the log by the statement that makes the change (so in its
 * transaction) and only when the document row was written.
 */
function eventSql(p: Params, event: { kind: string; time: string; data: string }): string {
  return `event as (
      insert into runtime.events (project_id, kind, subject, time, data)
      select $1, ${p.bind(event.kind)}::text, $2, ${event.time}::timestamptz, ${event.data} from doc
      returning 1)`;
}

function notifyColumn(p: Params, mode: PutMode): string {
  if (mode.kind !== "if-unchanged") return "";
  return `, (select pg_notify(${p.bind(CHANNEL)}, ${p.bind(mode.notify)}) from doc) as notified`;
}

const entryId = (e: IndexEntry) => `${e.field}\u0000${e.mode}\u0000${e.key.toString("latin1")}`;

function difference(before: IndexEntry[], after: IndexEntry[]) {
  const old = new Set(before.map(entryId));
  const next = new Set(after.map(entryId));
  return {
    removed: before.filter((e) => !next.has(entryId(e))),
    added: after.filter((e) => !old.has(entryId(e))),
  };
}

function columns(entries: IndexEntry[]): [string[], string[], Buffer[]] {
  return [entries.map((e) => e.field), entries.map((e) => e.mode), entries.map((e) => e.key)];
}
