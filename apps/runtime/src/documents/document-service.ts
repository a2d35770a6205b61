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
import { notFound, permissionDenied } from "../errors/runtime-error.js";
import type { ProjectStore } from "../projects/project-store.js";
import type { ParsedWrite } from "./api/parse-writes.js";
import type { Query } from "./query/query-model.js";
import { runQuery } from "./query/run-query.js";
import type { CompositeIndex } from "./indexes/index-definitions.js";
import { loadIndexes } from "./indexes/index-store.js";
import { ProjectCache } from "../projects/project-events.js";
import { toRulesQuery } from "./query/rules-query.js";
import { applyWrites, type AppliedWrite, type DocState } from "./apply-write.js";
import { parseTimestamp, type Instant } from "./model/timestamp.js";
import { fieldsToRules } from "./model/to-rules.js";
import type { DocFields } from "./model/value.js";
import type { RulesCache } from "./rules-cache.js";
import type { DocumentStore, StoredDocument } from "./store/document-store.js";
import { DocumentTree } from "./store/document-tree.js";
import type { CommitTransaction } from "./store/document-transaction.js";

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

export interface CommitResult {
  commitTime: string;
  writeResults: WriteResult[];
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
   * What lies below a document or collection (collection ids, descendants' paths): for admins
   * only, as Firestore's `listCollectionIds` needs IAM and rules never grant it.
   *
   * @throws RuntimeError permission-denied for any other caller.
   */
  tree(caller: Caller): DocumentTree {
    if (!caller.bypassRules) {
      throw permissionDenied("listing collections and descendants is for admins only");
    }
    return new DocumentTree(this.store.queryable);
  }

  /**
   * Applies the writes atomically and in order: every document is locked, several writes to
   * one document see each other (`apply-write.ts`), every write is checked against the rules
   * with `resource` the document before it, `request.resource` its result and `getAfter()` the
   * whole commit applied, and nothing is written unless all pass. Each document is then stored
   * once, in its final state; one created and deleted within the commit is never stored.
   * With an `idempotencyKey`, a commit repeated with the key writes nothing and answers what
   * the first answered (function triggers retried after a failure).
   */
  async commit(
    projectId: string,
    caller: Caller,
    writes: ParsedWrite[],
    options: { idempotencyKey?: string } = {},
  ): Promise<CommitResult> {
    const source = await this.projects.rules(projectId, "firestore");
    const apply = (tx: CommitTransaction) => this.apply(projectId, source, caller, writes, tx);
    const key = options.idempotencyKey;
    if (key !== undefined) {
      // Applied at most once per key: a repetition answers what the first commit answered.
      return this.store.transaction(async (tx) => {
        const previous = await tx.claimKey(projectId, key);
        if (previous !== undefined) return previous as CommitResult;
        const result = await apply(tx);
        await tx.settleKey(projectId, key, result);
        return result;
      });
    }
    // One document (the common case): read, decide, write if unchanged — two statements and
    // no transaction; when the document changed meanwhile, start again the locked way.
    if (new Set(writes.map((w) => w.doc.path)).size === 1) {
      const indexes = await this.indexes.get(projectId, () =>
        loadIndexes(this.store.queryable, projectId),
      );
      const result = await this.store.optimistic(projectId, indexes, apply);
      if (result) return result;
    }
    return this.store.transaction(apply);
  }

  private async apply(
    projectId: string,
    source: string | null,
    caller: Caller,
    writes: ParsedWrite[],
    tx: CommitTransaction,
  ): Promise<CommitResult> {
    const existing = await tx.lock(
      projectId,
      writes.map((w) => w.doc.path),
    );
    const { applied, final } = applyWrites(writes, existing, tx.commitTime);
    await this.authorizeWrites(projectId, source, caller, applied, final, tx);
    const docs = new Map(writes.map((w) => [w.doc.path, w.doc]));
    const deleted = new Set(writes.filter((w) => w.kind === "delete").map((w) => w.doc.path));
    for (const [path, state] of final) {
      // Deleted then set again within the commit, a document is a new one (a new createTime).
      const stored = deleted.has(path) ? undefined : existing.get(path);
      const before = existing.get(path);
      if (before && !stored) await tx.delete(projectId, before);
      if (state) await tx.put(projectId, docs.get(path)!, state.fields, stored);
    }
    tx.notify(projectId, [...final.keys()]);
    const writeResults: WriteResult[] = writes.map((w) => ({
      updateTime: w.kind === "delete" ? undefined : tx.commitTime,
    }));
    return { commitTime: tx.commitTime, writeResults };
  }

  /** Checks every write of a commit; `getAfter()` sees the whole commit applied. */
  private async authorizeWrites(
    projectId: string,
    source: string | null,
    caller: Caller,
    applied: AppliedWrite[],
    final: Map<string, DocState | undefined>,
    tx: CommitTransaction,
  ): Promise<void> {
    const read: FieldsReader = async (p) => (await tx.read(projectId, p))?.fields;
    const readAfter: FieldsReader = async (p) => (final.has(p) ? final.get(p)?.fields : read(p));
    const time = instantOf(tx.commitTime);
    for (const { write, before, after } of applied) {
      const method: RequestMethod =
        write.kind === "delete" ? "delete" : before ? "update" : "create";
      await this.authorize(
        source,
        caller,
        `${method} ${write.doc.path}`,
        {
          method,
          path: write.doc.path,
          ...(after ? { data: fieldsToRules(after.fields) } : {}),
          ...(before ? { resource: fieldsToRules(before.fields) } : {}),
        },
        time,
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
    enforceVerdict(verdict, caller, operation);
  }
}

/**
 * Throws permission-denied unless the verdict allows; the rules trace is attached only for
 * callers who may see it. Shared by documents and storage (`undefined`: no rules deployed).
 *
 * @throws RuntimeError permission-denied "Missing or insufficient permissions."
 */
export function enforceVerdict(
  verdict: Verdict | undefined,
  caller: Caller,
  operation: string,
): void {
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

/** Reads a document's fields by path; undefined when it does not exist. */
export type FieldsReader = (path: string) => Promise<DocFields | undefined>;

/** `get()`/`exists()` lookups for rules, over a fields reader. */
export function toAsyncReader(read: FieldsReader): AsyncDocumentReader {
  return {
    get: async (segments) => {
      const fields = await read(segments.join("/"));
      return fields && fieldsToRules(fields);
    },
  };
}

function instantOf(rfc3339: string): Instant {
  const parsed = parseTimestamp(rfc3339);
  if (typeof parsed === "string")
    throw new Error(`internal: bad commit time ${rfc3339}: ${parsed}`);
  return parsed;
}
