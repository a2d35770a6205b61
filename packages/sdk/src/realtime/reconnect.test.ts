import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, idToken, PROJECT, sessionAnswer, URL_BASE } from "../../test/fake-fetch.js";
import {
  change,
  fakeWebSockets,
  flush,
  snapshot,
  wireDoc,
  type FakeSocket,
} from "../../test/fake-websocket.js";
import { createClient } from "../client.js";
import type { WinkyError } from "../errors.js";
import type { DocumentSnapshot, QuerySnapshot } from "../firestore/snapshot.js";
import { onSnapshot } from "./on-snapshot.js";

function setup() {
  const ws = fakeWebSockets();
  let n = 0;
  const fake = fakeFetch((r) => (r.path.startsWith("/auth/") ? sessionAnswer("ada", ++n) : {}));
  const { WebSocket } = ws;
  const client = createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch, WebSocket });
  return { ...client, ws, requests: fake.requests };
}

/** Accepts the socket and answers each listen with `answers[i]` (a snapshot's changes). */
function serve(socket: FakeSocket, ...answers: Parameters<typeof change>[][]): string[] {
  socket.accept();
  const ids = socket.listenIds();
  ids.forEach((id, i) => {
    const changes = (answers[i] ?? []).map((args) => change(...args));
    socket.deliver(snapshot(id, changes, changes.length));
  });
  return ids;
}

const url = (token: string | null) =>
  `ws://runtime.test/v1/projects/${PROJECT}/listen` +
  (token ? `?access_token=${encodeURIComponent(token)}` : "");

describe("reconnection and resume", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    vi.spyOn(Math, "random").mockReturnValue(1); // the longest delay of each step
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("re-listens after a drop and reports exactly the changes missed meanwhile", async () => {
    const { db, ws } = setup();
    const queries: QuerySnapshot[] = [];
    const docs: DocumentSnapshot[] = [];
    const errors: WinkyError[] = [];
    onSnapshot(
      db.collection("rooms"),
      (s) => queries.push(s),
      (e) => errors.push(e),
    );
    onSnapshot(db.doc("rooms/b"), (s) => docs.push(s));
    await flush();
    const [a, b, c] = ["a", "b", "c"].map((id) => wireDoc(`rooms/${id}`, 1));
    serve(
      ws.last,
      [a!, b!, c!].map((d, i) => ["added", d, -1, i] as const),
      [["added", b!, -1, 0]],
    );
    ws.last.drop();
    await vi.advanceTimersByTimeAsync(99);
    expect(ws.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(ws.sockets).toHaveLength(2);
    // Meanwhile: a deleted, c modified, d created; b deleted too (the document listener's).
    const [c2, d] = [wireDoc("rooms/c", 2), wireDoc("rooms/d", 1)];
    serve(ws.last, [
      ["added", c2, -1, 0],
      ["added", d, -1, 1],
    ]);
    expect(queries).toHaveLength(2);
    expect(queries[1]!.docChanges().map((x) => [x.type, x.doc.id, x.oldIndex, x.newIndex])).toEqual(
      [
        ["removed", "a", 0, -1],
        ["removed", "b", 0, -1],
        ["modified", "c", 0, 0],
        ["added", "d", -1, 1],
      ],
    );
    expect(docs.map((s) => s.exists())).toEqual([true, false]);
    // Another drop with nothing missed: the app hears nothing, and no duplicate `added`.
    ws.last.drop();
    await vi.advanceTimersByTimeAsync(100); // a snapshot reset the backoff
    await flush();
    serve(
      ws.last,
      [
        ["added", c2, -1, 0],
        ["added", d, -1, 1],
      ],
      [],
    );
    expect(queries).toHaveLength(2);
    expect(docs).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it("backs off from 100 ms doubling to 5 s, and never reports network failures", async () => {
    const { db, ws } = setup();
    const onError = vi.fn();
    onSnapshot(db.doc("rooms/a"), () => undefined, onError);
    await flush();
    ws.last.drop(); // refused before opening
    const delays = [100, 200, 400, 800, 1600, 3200, 5000, 5000];
    for (const [i, delay] of delays.entries()) {
      const before = ws.sockets.length;
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(ws.sockets).toHaveLength(before);
      await vi.advanceTimersByTimeAsync(1);
      await flush();
      expect(ws.sockets).toHaveLength(before + 1);
      if (i === delays.length - 1) vi.mocked(Math.random).mockReturnValue(0); // the shortest: half
      ws.last.drop();
    }
    await vi.advanceTimersByTimeAsync(2500);
    await flush();
    expect(ws.sockets).toHaveLength(10);
    expect(onError).not.toHaveBeenCalled();
  });

  it("reconnects with the new token on sign-in, token refresh and sign-out", async () => {
    const { auth, db, ws } = setup();
    const seen: DocumentSnapshot[] = [];
    onSnapshot(db.doc("profiles/ada"), (s) => seen.push(s));
    await flush();
    expect(ws.last.url).toBe(url(null));
    serve(ws.last);
    await auth.signIn("ada@example.com", "pw");
    await flush();
    expect(ws.sockets[0]!.closed).toBe(true);
    expect(ws.last.url).toBe(url(idToken("ada", { n: 1 })));
    const profile = wireDoc("profiles/ada", 1);
    serve(ws.last, [["added", profile, -1, 0]]);
    expect(seen.map((s) => s.exists())).toEqual([false, true]);
    await auth.getIdToken(true); // a refresh
    await flush();
    expect(ws.sockets).toHaveLength(3);
    expect(ws.last.url).toBe(url(idToken("ada", { n: 2 })));
    serve(ws.last, [["added", profile, -1, 0]]);
    expect(seen).toHaveLength(2); // nothing changed for the app
    await auth.signOut();
    await flush();
    expect(ws.last.url).toBe(url(null));
    expect(ws.sockets.filter((s) => !s.closed)).toHaveLength(1);
  });

  it("renews a token the runtime refuses, and ends listeners if the renewed one is refused", async () => {
    const { auth, db, ws, requests } = setup();
    await auth.signIn("ada@example.com", "pw");
    const errors: WinkyError[] = [];
    onSnapshot(
      db.doc("profiles/ada"),
      () => undefined,
      (e) => errors.push(e),
    );
    await flush();
    const refuse = (socket: FakeSocket) => {
      socket.accept();
      socket.deliver({
        type: "error",
        id: null,
        error: {
          code: "unauthenticated",
          message: "expired",
          details: { reason: "token-expired" },
        },
      });
      socket.drop(); // the runtime closes the connection after refusing it
    };
    refuse(ws.last);
    await vi.advanceTimersByTimeAsync(100);
    await flush();
    expect(requests.map((r) => r.path)).toEqual(["/auth/signIn", "/auth/token"]);
    expect(ws.last.url).toBe(url(idToken("ada", { n: 2 })));
    expect(errors).toEqual([]);
    refuse(ws.last);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ws.sockets).toHaveLength(2);
    expect(errors.map((e) => e.code)).toEqual(["unauthenticated"]);
  });

  it("retries a transient refusal, and ends every listener on a final one", async () => {
    const { db, ws } = setup();
    const errors: string[] = [];
    onSnapshot(
      db.doc("rooms/a"),
      () => undefined,
      (e) => errors.push(`a:${e.code}`),
    );
    onSnapshot(
      db.collection("rooms"),
      () => undefined,
      (e) => errors.push(`q:${e.code}`),
    );
    await flush();
    ws.last.accept();
    ws.last.deliver({ type: "error", id: null, error: { code: "unavailable", message: "db" } });
    ws.last.drop();
    await vi.advanceTimersByTimeAsync(100);
    await flush();
    expect(ws.sockets).toHaveLength(2);
    ws.last.accept();
    ws.last.deliver({ type: "error", id: null, error: { code: "not-found", message: "project" } });
    expect(errors).toEqual(["a:not-found", "q:not-found"]);
    expect(ws.last.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ws.sockets).toHaveLength(2);
  });

  it("cancels a pending reconnection when the last listener leaves meanwhile", async () => {
    const { auth, db, ws } = setup();
    const stop = onSnapshot(db.doc("rooms/a"), () => undefined);
    await flush();
    serve(ws.last);
    ws.last.drop();
    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    await auth.signIn("ada@example.com", "pw"); // no listener: no reconnection either
    await flush();
    expect(ws.sockets).toHaveLength(1);
  });
});
