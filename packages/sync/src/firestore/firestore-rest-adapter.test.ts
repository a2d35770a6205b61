import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { RetryEnv } from "../retry.js";
import { SyncError } from "../sync-adapter.js";
import { change, describeSyncAdapter, FakeFirestore, int } from "../testing/index.js";
import { FirestoreRestAdapter, type FetchLike } from "./firestore-rest-adapter.js";

const ROOT = "projects/their-proj/databases/(default)/documents";

/** Waits recorded, none slept: the tests check the backoff without taking time. */
function fakeEnv(): RetryEnv & { waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms), random: () => 0.5, now: () => 0 };
}

const fakes: FakeFirestore[] = [];
afterAll(() => Promise.all(fakes.map((f) => f.close())));

async function setup(options: { fetch?: FetchLike; maxAttempts?: number } = {}) {
  const fake = await FakeFirestore.start();
  fakes.push(fake);
  const env = fakeEnv();
  const adapter = new FirestoreRestAdapter({
    projectId: "their-proj",
    baseUrl: fake.url,
    token: () => Promise.resolve("tok-1"),
    retryEnv: env,
    retry: { maxAttempts: options.maxAttempts ?? 4 },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { fake, adapter, env };
}

describe("FirestoreRestAdapter", () => {
  const byAdapter = new Map<FirestoreRestAdapter, FakeFirestore>();
  afterEach(() => byAdapter.clear());
  describeSyncAdapter(
    async () => {
      const { fake, adapter } = await setup();
      byAdapter.set(adapter, fake);
      return adapter;
    },
    (adapter) => Promise.resolve(byAdapter.get(adapter as FirestoreRestAdapter)!.snapshot()),
  );

  it("commits at most 500 writes at a time, in order, with the bearer token", async () => {
    const { fake, adapter } = await setup();
    const changes = Array.from({ length: 1201 }, (_, i) => change("create", `d/${i}`, int(i)));
    await adapter.apply(changes);
    expect(fake.commits.map((c) => c.writes.length)).toEqual([500, 500, 201]);
    expect(fake.commits.flatMap((c) => c.writes.map((w) => w.update!.name))).toEqual(
      changes.map((c) => `${ROOT}/${c.path}`),
    );
    expect(fake.commits.every((c) => c.authorization === "Bearer tok-1")).toBe(true);
  });

  it("retries 503 and 429 with backoff, honouring Retry-After, then succeeds", async () => {
    const { fake, adapter, env } = await setup();
    fake.failNext(2, { status: 503 });
    fake.failNext(1, { status: 429, retryAfter: "7" });
    const retried: number[] = [];
    await adapter.apply([change("create", "a/b", int(1))], {
      onRetry: (e) => retried.push(e.status!),
    });
    expect(retried).toEqual([503, 503, 429]);
    // full jitter at random() = 0.5: 3/4 of 500ms, of 1000ms; then Retry-After's 7s wins
    expect(env.waits).toEqual([375, 750, 7000]);
    expect(fake.statuses).toEqual([503, 503, 429, 200]);
    expect(fake.snapshot().get("a/b")).toEqual(int(1));
  });

  it("retries network errors", async () => {
    let calls = 0;
    const flaky: FetchLike = (input, init) =>
      ++calls === 1 ? Promise.reject(new TypeError("fetch failed")) : fetch(input, init);
    const { fake, adapter } = await setup({ fetch: flaky });
    await adapter.apply([change("create", "a/b", int(1))]);
    expect(calls).toBe(2);
    expect(fake.commits).toHaveLength(1);
  });

  it("gives up after the attempts allowed, still retryable for the mirror", async () => {
    const { fake, adapter } = await setup({ maxAttempts: 3 });
    fake.failNext(5, { status: 500, message: "backend down" });
    const error = await adapter.apply([change("create", "a/b")]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ retryable: true, status: 500, path: "a/b" });
    expect(fake.statuses).toEqual([500, 500, 500]);
  });

  it("stops on a 400 without retrying it, naming the document and Firestore's message", async () => {
    const { fake, adapter, env } = await setup();
    fake.refuse("notes/bad", "Property big contains an invalid nested entity.");
    const batch = [
      change("create", "notes/ok1"),
      change("create", "notes/bad"),
      change("create", "notes/ok2"),
    ];
    const error = (await adapter.apply(batch).catch((e: unknown) => e)) as SyncError;
    expect(error).toMatchObject({ retryable: false, status: 400, path: "notes/bad" });
    expect(error.message).toContain("document 'notes/bad'");
    expect(error.message).toContain(
      "INVALID_ARGUMENT: Property big contains an invalid nested entity.",
    );
    // the commit, then each write alone to find the culprit: the ones before it went through
    expect(fake.statuses).toEqual([400, 200, 400]);
    expect([...fake.snapshot().keys()]).toEqual(["notes/ok1"]);
    expect(env.waits).toEqual([]);
  });

  it.each([401, 403, 404])("does not retry a %i", async (status) => {
    const { fake, adapter } = await setup();
    fake.failNext(1, { status, message: "The caller does not have permission" });
    const error = (await adapter
      .apply([change("delete", "a/b")])
      .catch((e: unknown) => e)) as SyncError;
    expect(error).toMatchObject({ retryable: false, status });
    expect(error.message).toContain("The caller does not have permission");
    expect(fake.statuses).toEqual([status]);
  });

  it("sends a refused commit's writes one by one, and is done when each is accepted", async () => {
    const { fake, adapter } = await setup();
    // A refusal of the commit as a whole (its size, say): each write alone goes through.
    fake.failNext(1, { status: 400, message: "Request payload size exceeds the limit" });
    const changes = [change("create", "d/1", int(1)), change("create", "d/2", int(2))];
    await adapter.apply(changes);
    expect(fake.commits.map((c) => c.writes.length)).toEqual([1, 1]);
    expect([...fake.snapshot().keys()].sort()).toEqual(["d/1", "d/2"]);
  });

  it("sends references re-pointed at the Firestore project", async () => {
    const { fake, adapter } = await setup();
    const ours = "projects/winky-app/databases/(default)/documents/users/alice";
    await adapter.apply([change("create", "notes/a", { owner: { referenceValue: ours } })]);
    expect(fake.commits[0]!.writes[0]!.update!.fields).toEqual({
      owner: { referenceValue: `${ROOT}/users/alice` },
    });
  });

  it("stops when the token provider fails", async () => {
    const adapter = new FirestoreRestAdapter({
      projectId: "p",
      token: () => Promise.reject(new Error("token file missing")),
      fetch: () => Promise.reject(new Error("must not be called")),
    });
    await expect(adapter.apply([change("delete", "a/b")])).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining("token file missing"),
    });
  });
});
