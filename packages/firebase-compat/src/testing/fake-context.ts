// A runtime `context` for running bundled functions in-process: documents and users held in
// memory, every host call recorded as the wrapper would send it.
import type {
  CommitResult,
  RuntimeContext,
  RuntimeQuery,
  RuntimeUser,
  WireDocument,
  WireWrite,
} from "../../shims/context.js";

export interface FakeContext extends RuntimeContext {
  /** Each commit's writes, in order. */
  commits: WireWrite[][];
  /** Each query as the function asked it. */
  queries: RuntimeQuery[];
  gets: string[];
  claims: Array<{ uid: string; claims: Record<string, unknown> | null }>;
}

export interface FakeOptions {
  docs?: Record<string, WireDocument>;
  /** What every query answers. */
  queryAnswer?: WireDocument[] | ((q: RuntimeQuery) => WireDocument[]);
  users?: RuntimeUser[];
  auth?: RuntimeContext["auth"];
  eventId?: string;
  params?: Record<string, string>;
  /** How many paths a page of `descendants` holds (1000, as the runtime's). */
  descendantsPage?: number;
  /** A commit fails with this message (once per entry) before succeeding. */
  commitFailures?: string[];
}

export const COMMIT_TIME = "2026-01-02T03:04:05.123456Z";

export function fakeContext(options: FakeOptions = {}): FakeContext {
  const docs = new Map(Object.entries(options.docs ?? {}));
  const users = new Map((options.users ?? []).map((u) => [u.uid, u]));
  const failures = [...(options.commitFailures ?? [])];
  const context: FakeContext = {
    functionId: "demo-app.fn",
    auth: options.auth ?? null,
    ...(options.eventId ? { eventId: options.eventId } : {}),
    ...(options.params ? { params: options.params } : {}),
    commits: [],
    queries: [],
    gets: [],
    claims: [],
    documents: {
      async get(path) {
        context.gets.push(path);
        return docs.get(path) ?? null;
      },
      async commit(writes): Promise<CommitResult> {
        const failure = failures.shift();
        if (failure) throw new Error(failure);
        context.commits.push(JSON.parse(JSON.stringify(writes)) as WireWrite[]);
        return {
          commitTime: COMMIT_TIME,
          writeResults: writes.map(() => ({ updateTime: COMMIT_TIME })),
        };
      },
      // The tree below a path, from the documents held (missing parents seen through).
      async listCollections(path) {
        const depth = path === "" ? 0 : path.split("/").length;
        const below = [...docs.keys()].filter((p) => path === "" || p.startsWith(`${path}/`));
        return [...new Set(below.map((p) => p.split("/")[depth]!))].sort();
      },
      async descendants(path, after) {
        const all = [...docs.keys()]
          .filter((p) => p === path || p.startsWith(`${path}/`))
          .filter((p) => after == null || p > after)
          .sort();
        const size = options.descendantsPage ?? 1000;
        const paths = all.slice(0, size);
        return { paths, next: all.length > size ? paths.at(-1)! : null };
      },
      async query(q) {
        context.queries.push(JSON.parse(JSON.stringify(q)) as RuntimeQuery);
        const answer = options.queryAnswer ?? [];
        return typeof answer === "function" ? answer(q) : answer;
      },
    },
    users: {
      get: async (uid) => users.get(uid) ?? null,
      getByEmail: async (email) => [...users.values()].find((u) => u.email === email) ?? null,
      async setCustomClaims(uid, claims) {
        context.claims.push({ uid, claims });
        const user = users.get(uid);
        if (!user) throw new Error(`not-found: no user '${uid}'`);
        return { ...user, customClaims: claims ?? {} };
      },
    },
  };
  return context;
}
