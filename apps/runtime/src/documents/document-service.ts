import {
  evaluateAsync,
  prepareFirestoreRequest,
  RTimestamp,
  type AsyncDocumentReader,
  type FirestoreRequestSpec,
  type RequestMethod,
  type RMap,
  type Verdict,
} from "@winky/rules";
import { notFound, permissionDenied, RuntimeError } from "../errors/runtime-error.js";
import type { ProjectStore } from "../projects/project-store.js";
import type { ParsedWrite } from "./api/parse-writes.js";
import type { Query } from "./query/query-model.js";
import { runQuery } from "./query/run-query.js";
import type { CompositeIndex } from "./indexes/index-definitions.js";
import { loadIndexes } from "./indexes/index-store.js";
import { ProjectCache } from "../projects/project-events.js";
import { toRulesQuery } from "./query/rules-query.js";
import { applyUpdateWrite } from "./apply-write.js";
import { assertDocumentSize } from "./model/size.js";
import { parseTimestamp, type Instant } from "./model/timestamp.js";
import { fieldsToRules } from "./model/to-rules.js";
import type { DocFields } from "./model/value.js";
import type { RulesCache } from "./rules-cache.js";
import type { DocumentStore, DocumentTransaction, StoredDocument } from "./store/document-store.js";

/** Who makes a request, as rules see them. */
export interface Caller {
  /** `request.auth`, or null when signed out. */
  auth: RMap | null;
  /** Service keys act as admins: rules do not apply to them. */
  bypassRules: boolean;
  /** Attach the rules trace to a denial (developers and admins only, never end users). */
  explain: boolean;
}

export interface WriteResult {
  updateTime: string | undefined;
}

/** Reads and writes documents with the project's rules checked on every request. */
export class DocumentService {
  /** Declared composite indexes per project, for the planner (commits read them locked). */
  private readonly indexes: ProjectCache<CompositeIndex[]>;

  constructor(
    private readonly store: DocumentStore,
    private readonly projects: ProjectStore,
    private readonly rules: RulesCache,
  ) {
    this.indexes = new ProjectCache(projects.events);
  }

  /** @throws RuntimeError permission-denied, or not-found when allowed and absent. */
  async get(projectId: string, caller: Caller, path: string): Promise<StoredDocument> {
    const source = await this.projects.rules(projectId, "firestore");
    const doc = await this.store.get(projectId, path);
    await this.authorize(
      source,
      caller,
      `get ${path}`,
      { method: "get", path, ...(doc ? { resource: fieldsToRules(doc.fields) } : {}) },
      instantOf(new Date().toISOString()),
      { current: async (p) => (await this.store.get(projectId, p))?.fields },
    );
    if (!doc) throw notFound(`no document at ${path}`);
    return doc;
  }

  /**
   * Runs a query after proving, from its filters, that the rules allow every document it could
   * return (rules are not filters).
   *
   * @throws RuntimeError permission-denied, with the proof's trace when `caller.explain`.
   */
  async list(projectId: string, caller: Caller, query: Query): Promise<StoredDocument[]> {
    const source = await this.projects.rules(projectId, "firestore");
    const collection = query.parent ? `${query.parent}/${query.collectionId}` : query.collectionId;
    // A collection-group query reads that collection at every depth below its parent: the
    // rules must allow all of them, which only a recursive wildcard can.
    await this.authorize(
      source,
      caller,
      `list ${collection}`,
      {
        method: "list",
        path: query.allDescendants ? query.collectionId : collection,
        query: toRulesQuery(query),
        ...(query.allDescendants ? { collectionGroup: { parent: query.parent } } : {}),
      },
      instantOf(new Date().toISOString()),
      { current: async (p) => (await this.store.get(projectId, p))?.fields },
    );
    const [project, indexes] = await Promise.all([
      this.projects.get(projectId),
      this.indexes.get(projectId, () => loadIndexes(this.store.queryable, projectId)),
    ]);
    return runQuery(this.store.queryable, projectId, query, {
      indexes,
      strictIndexes: project.config.strictIndexes,
    });
  }

  /**
   * Applies the writes atomically: every document is locked, every write is checked against
   * the rules with `getAfter()` seeing the whole commit, and nothing is written unless all pass.
   */
  async commit(projectId: string, caller: Caller, writes: ParsedWrite[]) {
    const source = await this.projects.rules(projectId, "firestore");
    return this.store.transaction(async (tx) => {
      const existing = await tx.lock(
        projectId,
        writes.map((w) => w.doc.path),
      );
      const commitTime = instantOf(tx.commitTime);
      const after = new Map<string, DocFields | null>();
      for (const write of writes) {
        const before = existing.get(write.doc.path);
        checkPrecondition(write, before);
        if (write.kind === "delete") after.set(write.doc.path, null);
        else {
          const fields = applyUpdateWrite(write, before?.fields, commitTime);
          assertDocumentSize(write.doc.path, fields);
          after.set(write.doc.path, fields);
        }
      }
      await this.authorizeWrites(
        projectId,
        source,
        caller,
        writes,
        existing,
        after,
        tx,
        commitTime,
      );
      const results: WriteResult[] = [];
      for (const write of writes) {
        const fields = after.get(write.doc.path);
        if (fields) await tx.put(projectId, write.doc, fields, existing.get(write.doc.path));
        else await tx.delete(projectId, write.doc.path);
        results.push({ updateTime: fields ? tx.commitTime : undefined });
      }
      await tx.notify(
        projectId,
        writes.map((w) => w.doc.path),
      );
      return { commitTime: tx.commitTime, writeResults: results };
    });
  }

  /** Checks every write of a commit; `getAfter()` sees the whole commit applied. */
  private async authorizeWrites(
    projectId: string,
    source: string | null,
    caller: Caller,
    writes: ParsedWrite[],
    existing: Map<string, StoredDocument>,
    after: Map<string, DocFields | null>,
    tx: DocumentTransaction,
    commitTime: Instant,
  ): Promise<void> {
    const read: FieldsReader = async (p) => (await tx.read(projectId, p))?.fields;
    const readAfter: FieldsReader = async (p) =>
      after.has(p) ? (after.get(p) ?? undefined) : read(p);
    for (const write of writes) {
      const before = existing.get(write.doc.path)?.fields;
      const data = after.get(write.doc.path);
      const method: RequestMethod =
        write.kind === "delete" ? "delete" : before ? "update" : "create";
      await this.authorize(
        source,
        caller,
        `${method} ${write.doc.path}`,
        {
          method,
          path: write.doc.path,
          ...(data ? { data: fieldsToRules(data) } : {}),
          ...(before ? { resource: fieldsToRules(before) } : {}),
        },
        commitTime,
        { current: read, after: readAfter },
      );
    }
  }

  /**
   * Decides one request with the project's rules — every prepared request must pass (a list
   * query has one per disjunct) — and throws permission-denied otherwise. Admins skip rules.
   */
  private async authorize(
    source: string | null,
    caller: Caller,
    operation: string,
    spec: Omit<FirestoreRequestSpec, "auth" | "time">,
    time: Instant,
    readers: { current: FieldsReader; after?: FieldsReader },
  ): Promise<void> {
    if (caller.bypassRules) return;
    // No rules deployed: deny everything, as a new Firestore database in production mode does.
    if (source === null) return this.enforce(undefined, caller, operation);
    const program = this.rules.program(source);
    const requests = prepareFirestoreRequest({
      ...spec,
      auth: caller.auth,
      time: new RTimestamp(Number(time.seconds), time.nanos),
    });
    const current = toAsyncReader(readers.current);
    const after = readers.after && toAsyncReader(readers.after);
    for (const request of requests) {
      const verdict = await evaluateAsync(program, {
        ...request,
        current,
        ...(after ? { after } : {}),
        explain: caller.explain,
      });
      this.enforce(verdict, caller, operation);
    }
  }

  private enforce(verdict: Verdict | undefined, caller: Caller, operation: string): void {
    if (verdict?.allowed) return;
    const details = caller.explain
      ? {
          operation,
          rules: verdict
            ? { matched: verdict.matched, attempts: verdict.attempts }
            : "no rules deployed",
        }
      : undefined;
    // Firestore's own wording, so existing client code that matches on it keeps working.
    throw permissionDenied("Missing or insufficient permissions.", details);
  }
}

/** Reads a document's fields by path; undefined when it does not exist. */
type FieldsReader = (path: string) => Promise<DocFields | undefined>;

function toAsyncReader(read: FieldsReader): AsyncDocumentReader {
  return {
    get: async (segments) => {
      const fields = await read(segments.join("/"));
      return fields && fieldsToRules(fields);
    },
  };
}

function checkPrecondition(write: ParsedWrite, before: StoredDocument | undefined): void {
  const p = write.precondition;
  if (!p) return;
  if (p.exists === false && before)
    throw new RuntimeError("already-exists", `document ${write.doc.path} already exists`);
  if (p.exists === true && !before) throw notFound(`no document at ${write.doc.path}`);
  if (p.updateTime !== undefined && !(before && sameInstant(before.updateTime, p.updateTime))) {
    throw new RuntimeError(
      "failed-precondition",
      `document ${write.doc.path} was updated at another time than ${p.updateTime}`,
    );
  }
}

/** Equal instants, however many fraction digits each was written with. */
function sameInstant(a: string, b: string): boolean {
  const x = instantOf(a);
  const y = instantOf(b);
  return x.seconds === y.seconds && x.nanos === y.nanos;
}

function instantOf(rfc3339: string): Instant {
  const parsed = parseTimestamp(rfc3339);
  if (typeof parsed === "string")
    throw new Error(`internal: bad commit time ${rfc3339}: ${parsed}`);
  return parsed;
}
