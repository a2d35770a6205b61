// What the SDK's integration tests of documents and queries share: rules that let anyone read
// and write (they test the data API, not rules), a client of the test runtime's project, and the
// small reads and checks their assertions use.
import { beforeAll, expect } from "vitest";
import {
  createClient,
  isWinkyError,
  getCountFromServer,
  getDocs,
  query,
  type FetchLike,
  type Query,
  type QueryConstraint,
  type WinkyClient,
  type WinkyError,
} from "../src/index.js";
import type { TestRuntime } from "./runtime-harness.js";

/** Rules that allow every read and write of every document. */
export const ALLOW_ALL_RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /{document=**} {
      allow read, write: if true;
    }
  }
}`;

/**
 * Registers a hook that creates a client of `runtime`'s project (sending with `fetch`, when
 * given). Call it right after `useTestRuntime`: the file's own `beforeAll` hooks, registered
 * later, run after it and can use the client. Read `.current` inside tests or hooks.
 */
export function useTestClient(
  runtime: { readonly current: TestRuntime },
  options: { fetch?: FetchLike } = {},
): { readonly current: WinkyClient } {
  let client: WinkyClient | undefined;
  beforeAll(() => {
    const { url, project } = runtime.current;
    client = createClient({ url, project, ...options });
  });
  return {
    get current() {
      if (!client) throw new Error("useTestClient(): read .current inside a test or hook");
      return client;
    },
  };
}

/**
 * A fetch that counts the requests whose URL ends with `suffix` (`documents:commit`,
 * `documents:runQuery`), to tell a refusal by the SDK (nothing sent) from one by the runtime.
 */
export function countingFetch(suffix: string): {
  readonly fetch: FetchLike;
  readonly count: number;
} {
  let count = 0;
  return {
    fetch: (url, init) => {
      if (url.endsWith(suffix)) count++;
      return fetch(url, init);
    },
    get count() {
      return count;
    },
  };
}

/** What a failed call threw; the test fails, saying `success`, if the call succeeded. */
export function failure(promise: Promise<unknown>, success = "the call succeeded"): Promise<Error> {
  return promise.then(
    () => expect.unreachable(success),
    (e: unknown) => e as Error,
  );
}

/**
 * The WinkyError a failed call threw; the test fails if the call succeeded or threw anything
 * else. Takes any promise-like (an upload task too).
 */
export function winkyFailure(promise: PromiseLike<unknown>): Promise<WinkyError> {
  return Promise.resolve(promise).then(
    () => expect.unreachable("the call succeeded"),
    (e: unknown) => (isWinkyError(e) ? e : expect.unreachable(`not a WinkyError: ${String(e)}`)),
  );
}

/** How many documents `q` matches, counted by the runtime. */
export async function countOf(q: Query): Promise<number> {
  return (await getCountFromServer(q)).data().count;
}

/** The ids of the documents `q`, with `constraints` added, returns, in order. */
export async function ids(q: Query, ...constraints: QueryConstraint[]): Promise<string[]> {
  return (await getDocs(query(q, ...constraints))).docs.map((d) => d.id);
}

/** The password of the users {@link signedUpClient} makes. */
export const TEST_PASSWORD = "correct horse battery";

/**
 * A new client of `runtime`'s project (sending with `fetch`, when given), signed in as a new
 * email/password user `email`.
 */
export async function signedUpClient(
  runtime: TestRuntime,
  email: string,
  options: { fetch?: FetchLike } = {},
): Promise<WinkyClient> {
  const client = createClient({ url: runtime.url, project: runtime.project, ...options });
  await client.auth.signUp(email, TEST_PASSWORD);
  await client.auth.confirmSignUp(runtime.stores.outbox.lastToken(email));
  return client;
}
