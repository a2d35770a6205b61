// The Winky runtime's `context` as the shims see it, and the invocation it belongs to.
// firebase-admin calls (`getFirestore().doc(…).set(…)`) carry no context, so the adapter runs
// each handler inside an AsyncLocalStorage scope: invocations may overlap in one sandbox, and
// each must write through its own `context.documents` (its commits are keyed by its delivery).
import { AsyncLocalStorage } from "node:async_hooks";

/** A REST `Value` as JSON (`{ stringValue: "a" }`, `{ mapValue: { fields } }`, …). */
export type WireValue = { [kind: string]: unknown };
export type WireFields = Record<string, WireValue>;

/** A document as `context.documents.get` and `query` answer it. */
export interface WireDocument {
  name: string;
  fields?: WireFields;
  createTime?: string;
  updateTime?: string;
}

/** One write of a commit, as the documents API's `writes[i]`. */
export interface WireWrite {
  update?: { name: string; fields: WireFields };
  delete?: string;
  updateMask?: { fieldPaths: string[] };
  updateTransforms?: Array<{ fieldPath: string } & Record<string, unknown>>;
  currentDocument?: { exists?: boolean; updateTime?: string };
}

export interface CommitResult {
  commitTime: string;
  writeResults: Array<{ updateTime?: string }>;
}

/** `context.documents.query`'s argument: a StructuredQuery over one collection (id). */
export interface RuntimeQuery {
  parent: string;
  collectionId: string;
  allDescendants?: boolean;
  where?: WireValue;
  orderBy?: Array<{ field: { fieldPath: string }; direction: "ASCENDING" | "DESCENDING" }>;
  limit?: number;
  offset?: number;
  startAt?: { values: WireValue[]; before: boolean };
  endAt?: { values: WireValue[]; before: boolean };
  limitToLast?: boolean;
}

export interface RuntimeUser {
  uid: string;
  email: string | null;
  emailVerified: boolean;
  disabled: boolean;
  customClaims: Record<string, unknown>;
}

export interface DescendantsPage {
  paths: string[];
  next: string | null;
}

export interface RuntimeContext {
  /** `<projectId>.<functionName>`: the sandbox's id (the runner sets it). */
  functionId?: string;
  auth?: { uid: string; token: Record<string, unknown> } | null;
  params?: Record<string, string>;
  eventId?: string;
  documents: {
    get(path: string): Promise<WireDocument | null>;
    commit(
      writes: WireWrite[],
      options?: { idempotencyKey?: string; deliveryKey?: string },
    ): Promise<CommitResult>;
    query?(query: RuntimeQuery): Promise<WireDocument[]>;
    /** The ids of the collections below a document ("" for the root), at any depth. */
    listCollections?(path: string): Promise<string[]>;
    /** A page of the paths at or below a document or collection; `next` null on the last. */
    descendants?(path: string, after?: string | null): Promise<DescendantsPage>;
  };
  users: {
    get(uid: string): Promise<RuntimeUser | null>;
    getByEmail(email: string): Promise<RuntimeUser | null>;
    setCustomClaims(uid: string, claims: Record<string, unknown> | null): Promise<RuntimeUser>;
  };
  once?<T>(key: string, fn: () => Promise<T> | T): Promise<T>;
}

const invocation = new AsyncLocalStorage<RuntimeContext>();
// Work a handler starts outside its async chain (an EventEmitter callback) loses the store;
// it then falls back to the latest invocation, which is right whenever they do not overlap.
let latest: RuntimeContext | undefined;

/** Runs `fn` as part of the invocation whose context is `context`. */
export function runWithContext<T>(context: RuntimeContext, fn: () => T): T {
  latest = context;
  return invocation.run(context, fn);
}

/** The current invocation's context. @throws outside an invocation (module top level). */
export function currentContext(): RuntimeContext {
  const context = invocation.getStore() ?? latest;
  if (!context) {
    throw new Error(
      "failed-precondition: firebase-admin was used outside a function invocation " +
        "(Winky serves documents and users only while a handler runs)",
    );
  }
  return context;
}

/** The project the function runs in: the sandbox id's first part, else GCLOUD_PROJECT. */
export function projectId(): string {
  const id = (invocation.getStore() ?? latest)?.functionId;
  const dot = id?.indexOf(".") ?? -1;
  if (id && dot > 0) return id.slice(0, dot);
  return process.env.GCLOUD_PROJECT ?? process.env.GOOGLE_CLOUD_PROJECT ?? "winky";
}
