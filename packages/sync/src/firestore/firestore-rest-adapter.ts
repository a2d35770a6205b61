import { DEFAULT_RETRY, realRetryEnv, withRetries, parseRetryAfter } from "../retry.js";
import type { RetryEnv, RetryPolicy } from "../retry.js";
import {
  SyncError,
  type ApplyContext,
  type DocumentChange,
  type SyncAdapter,
} from "../sync-adapter.js";
import { documentsRoot, planCommits, type PlannedCommit } from "./firestore-writes.js";

/** How requests leave: `globalThis.fetch` unless a test passes another. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface FirestoreRestOptions {
  /** The Google Cloud project the mirror writes to. */
  projectId: string;
  databaseId?: string;
  /** Firestore's REST root; a test or the emulator passes its own. */
  baseUrl?: string;
  /**
   * An OAuth 2 access token for each request (asked every time, so a provider may refresh it:
   * Google's tokens last an hour). For Google this is a service account's or a user's token
   * with the `datastore` scope, e.g. `gcloud auth print-access-token`.
   */
  token: () => Promise<string>;
  fetch?: FetchLike;
  retry?: Partial<RetryPolicy>;
  retryEnv?: RetryEnv;
}

// Overload and outages; ABORTED (409) is contention with another writer, which Google's
// guidance also says to retry. Everything else (400, 401, 403, 404, …) will not get better.
const TRANSIENT = new Set([409, 429, 500, 502, 503, 504]);

/**
 * Mirrors document changes into Cloud Firestore with `documents:commit` (REST): each change a
 * whole-document write, at most 500 per commit, commits one after the other in order.
 * Transient failures are retried with backoff; a refusal stops with the document named.
 */
export class FirestoreRestAdapter implements SyncAdapter {
  readonly name: string;
  private readonly root: string;
  private readonly url: string;
  private readonly fetch: FetchLike;
  private readonly policy: RetryPolicy;
  private readonly env: RetryEnv;

  constructor(private readonly options: FirestoreRestOptions) {
    const database = options.databaseId ?? "(default)";
    this.name = `firestore:${options.projectId}`;
    this.root = documentsRoot(options.projectId, database);
    const base = (options.baseUrl ?? "https://firestore.googleapis.com").replace(/\/+$/, "");
    this.url = `${base}/v1/${this.root}:commit`;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.env = options.retryEnv ?? realRetryEnv;
  }

  async apply(changes: readonly DocumentChange[], context?: ApplyContext): Promise<void> {
    for (const commit of planCommits(changes, this.root)) {
      await this.commitNamingRefusals(commit, context);
    }
  }

  /**
   * A refused commit of several writes does not say which document Firestore objected to
   * (not reliably), so its writes are sent again one by one, in order, to find it. Writing a
   * prefix of the batch is harmless: the mirror sends the whole batch again on resume.
   */
  private async commitNamingRefusals(commit: PlannedCommit, context?: ApplyContext) {
    try {
      await this.commitWithRetries(commit, context);
    } catch (e) {
      if (
        !(e instanceof SyncError) ||
        e.retryable ||
        e.status !== 400 ||
        commit.writes.length < 2
      ) {
        throw e;
      }
      for (let i = 0; i < commit.writes.length; i++) {
        const single = { writes: [commit.writes[i]!], changes: [commit.changes[i]!] };
        await this.commitWithRetries(single, context);
      }
      // Each write alone was accepted, in order: the changes are mirrored. Throwing here would
      // halt the mirror on a batch that is already written, again at every restart.
    }
  }

  private commitWithRetries(commit: PlannedCommit, context?: ApplyContext) {
    return withRetries(() => this.commitOnce(commit), {
      policy: this.policy,
      env: this.env,
      context,
    });
  }

  private async commitOnce(commit: PlannedCommit): Promise<void> {
    const what = describe(commit.changes);
    const path = commit.changes.length === 1 ? commit.changes[0]!.path : undefined;
    let token: string;
    try {
      token = await this.options.token();
    } catch (e) {
      if (e instanceof SyncError) throw e;
      throw new SyncError(`${this.name}: no access token: ${(e as Error).message}`, {
        retryable: false,
        cause: e,
      });
    }
    let res: Response;
    try {
      res = await this.fetch(this.url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ writes: commit.writes }),
      });
    } catch (e) {
      throw new SyncError(`${this.name}: cannot reach ${this.url} writing ${what}: ${String(e)}`, {
        retryable: true,
        path,
        cause: e,
      });
    }
    if (res.ok) {
      await res.body?.cancel();
      return;
    }
    const detail = await errorDetail(res);
    throw new SyncError(`${this.name} refused the write of ${what} (HTTP ${res.status}${detail})`, {
      retryable: TRANSIENT.has(res.status),
      status: res.status,
      path,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), this.env.now()),
    });
  }
}

/** The documents of a commit, for an error message. */
function describe(changes: readonly DocumentChange[]): string {
  if (changes.length === 1) return `document '${changes[0]!.path}'`;
  return `${changes.length} documents ('${changes[0]!.path}' … '${changes.at(-1)!.path}')`;
}

/** Firestore's `{ error: { status, message } }` as ` STATUS: message`, else the raw text. */
async function errorDetail(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { status?: string; message?: string } };
    if (body.error) return ` ${body.error.status ?? ""}: ${body.error.message ?? ""}`.trimEnd();
  } catch {
    // not JSON: a proxy's page, say
  }
  return text ? `: ${text.slice(0, 300)}` : "";
}
