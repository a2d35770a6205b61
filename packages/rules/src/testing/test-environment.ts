import type { DocumentReader } from "../eval/context.js";
import type { Verdict } from "../eval/evaluate.js";
import { RulesProgram } from "../program.js";
import { prepareFirestoreRequest } from "../requests/firestore-request.js";
import type { QuerySpec } from "../requests/query.js";
import { fromPlainJson } from "../values/from-json.js";
import type { RMap } from "../values/value.js";
import { RTimestamp, type Value } from "../values/value.js";

/** Thrown by a denied operation; `assertFails` expects exactly this. */
export class PermissionDeniedError extends Error {
  override readonly name = "PermissionDeniedError";
  readonly code = "permission-denied";
  constructor(
    readonly operation: string,
    readonly verdict: Verdict,
  ) {
    super(`PERMISSION_DENIED: ${operation}`);
  }
}

type Json = Record<string, unknown>;

/**
 * What a test acts as: signed out, or a user with claims. Its operations run the rules like
 * production and then apply the write to the environment's in-memory documents.
 */
export interface RulesTestContext {
  get(path: string): Promise<Json | undefined>;
  list(collection: string, query?: QuerySpec): Promise<void>;
  /** Creates or replaces the document (create or update rules, as the document exists). */
  set(path: string, data: Json): Promise<void>;
  /** Merges fields into an existing document (update rules). */
  update(path: string, fields: Json): Promise<void>;
  delete(path: string): Promise<void>;
}

/**
 * An in-memory Firestore for unit-testing rules, like `@firebase/rules-unit-testing`:
 * contexts for users, data seeded around the rules, and `assertSucceeds`/`assertFails`.
 *
 * @throws RulesSyntaxError when the rules do not parse.
 */
export class RulesTestEnvironment {
  private readonly program: RulesProgram;
  private readonly documents = new Map<string, Json>();

  constructor(rules: string, options: { now?: Date } = {}) {
    this.program = RulesProgram.compile(rules, "firestore.rules");
    if (this.program.service !== "cloud.firestore") {
      throw new Error("RulesTestEnvironment tests Firestore rules (service cloud.firestore)");
    }
    this.now = options.now;
  }

  private readonly now: Date | undefined;

  /** Writes documents without checking rules, to set up a test. */
  seed(documents: Record<string, Json>): void {
    for (const [p, data] of Object.entries(documents)) this.documents.set(normalise(p), data);
  }

  unauthenticatedContext(): RulesTestContext {
    return this.context(null);
  }

  authenticatedContext(uid: string, claims: Json = {}): RulesTestContext {
    return this.context({ uid, token: { sub: uid, ...claims } });
  }

  private context(auth: Json | null): RulesTestContext {
    const run = (
      method: "get" | "list" | "create" | "update" | "delete",
      p: string,
      data?: Json,
      query?: QuerySpec,
    ) => {
      const path = normalise(p);
      const stored = this.documents.get(path);
      const millis = (this.now ?? new Date()).getTime();
      const requests = prepareFirestoreRequest({
        method,
        path,
        auth: auth ? (fromPlainJson(auth) as RMap) : null,
        time: new RTimestamp(Math.floor(millis / 1000), (millis % 1000) * 1e6),
        ...(data ? { data: fromPlainJson(data) as RMap } : {}),
        ...(stored && method !== "list" ? { resource: fromPlainJson(stored) as RMap } : {}),
        ...(query ? { query } : {}),
      });
      const current = this.reader(() => undefined);
      const after = this.reader((key) =>
        key === path ? (method === "delete" ? null : data) : undefined,
      );
      for (const request of requests) {
        const verdict = this.program.evaluate({ ...request, current, after });
        if (!verdict.allowed) throw new PermissionDeniedError(`${method} ${path}`, verdict);
      }
    };
    return {
      get: async (p) => {
        run("get", p);
        return this.documents.get(normalise(p));
      },
      list: async (collection, query) => run("list", collection, undefined, query),
      set: async (p, data) => {
        run(this.documents.has(normalise(p)) ? "update" : "create", p, data);
        this.documents.set(normalise(p), data);
      },
      update: async (p, fields) => {
        const existing = this.documents.get(normalise(p));
        if (!existing) throw new Error(`update ${p}: no such document`);
        const merged = { ...existing, ...fields };
        run("update", p, merged);
        this.documents.set(normalise(p), merged);
      },
      delete: async (p) => {
        run("delete", p);
        this.documents.delete(normalise(p));
      },
    };
  }

  private reader(override: (key: string) => Json | null | undefined): DocumentReader {
    return {
      get: (segments) => {
        const key = segments.join("/");
        const changed = override(key);
        if (changed === null) return undefined;
        const data = changed ?? this.documents.get(key);
        return data ? (fromPlainJson(data) as Value) : undefined;
      },
    };
  }
}

/** Resolves with the operation's result; fails the test when the rules denied it. */
export async function assertSucceeds<T>(operation: Promise<T>): Promise<T> {
  return operation;
}

/** Resolves when the rules denied the operation; fails the test when they allowed it. */
export async function assertFails(operation: Promise<unknown>): Promise<PermissionDeniedError> {
  try {
    await operation;
  } catch (e) {
    if (e instanceof Error && e.name === "PermissionDeniedError") return e as PermissionDeniedError;
    throw e;
  }
  throw new Error("expected the rules to deny the operation, but they allowed it");
}

function normalise(p: string): string {
  return p
    .split("/")
    .filter((s) => s.length > 0)
    .join("/");
}
