import { describe, expect, it, vi } from "vitest";
import { fakeFetch, PROJECT, URL_BASE } from "../../test/fake-fetch.js";
import { change, fakeWebSockets, flush, snapshot, wireDoc } from "../../test/fake-websocket.js";
import { createClient } from "../client.js";
import { isWinkyError, type WinkyError } from "../errors.js";
import { orderBy, query } from "../firestore/query.js";
import type { DocumentSnapshot, QuerySnapshot } from "../firestore/snapshot.js";
import { onSnapshot } from "./on-snapshot.js";

function setup() {
  const ws = fakeWebSockets();
  const { fetch } = fakeFetch(() => ({ json: {} }));
  const client = createClient({ url: URL_BASE, project: PROJECT, fetch, WebSocket: ws.WebSocket });
  return { ...client, ws };
}

const changesOf = (snap: QuerySnapshot) =>
  snap.docChanges().map((c) => [c.type, c.doc.id, c.oldIndex, c.newIndex]);

describe("onSnapshot over one shared connection", () => {
  it("opens the socket lazily, once, and multiplexes listeners by id", async () => {
    const { db, ws } = setup();
    expect(ws.sockets).toHaveLength(0);
    const docs: DocumentSnapshot[] = [];
    const queries: QuerySnapshot[] = [];
    onSnapshot(db.doc("rooms/r1"), (s) => docs.push(s));
    onSnapshot(query(db.collection("rooms"), orderBy("n")), (s) => queries.push(s));
    await flush();
    expect(ws.sockets).toHaveLength(1);
    expect(ws.last.url).toBe(`ws://runtime.test/v1/projects/${PROJECT}/listen`); // signed out
    ws.last.accept();
    const [docId, queryId] = ws.last.listenIds();
    expect(docId).not.toBe(queryId);
    expect(ws.last.sent).toEqual([
      { type: "listen", id: docId, target: { document: "rooms/r1" } },
      {
        type: "listen",
        id: queryId,
        target: {
          query: {
            structuredQuery: expect.objectContaining({ from: [{ collectionId: "rooms" }] }),
          },
        },
      },
    ]);
    ws.last.deliver(snapshot(queryId!, [change("added", wireDoc("rooms/r1", 1), -1, 0)], 1));
    ws.last.deliver(snapshot(docId!, [], 0));
    ws.last.deliver(snapshot("unknown", [], 0)); // ignored
    expect(queries.map((s) => s.docs.map((d) => d.id))).toEqual([["r1"]]);
    expect(docs.map((s) => s.exists())).toEqual([false]);
  });

  it("applies a query's changes in order and reports them with the SDK's snapshots", async () => {
    const { db, ws } = setup();
    const seen: QuerySnapshot[] = [];
    onSnapshot(query(db.collection("rooms"), orderBy("n")), { next: (s) => seen.push(s) });
    await flush();
    ws.last.accept();
    const [id] = ws.last.listenIds();
    ws.last.deliver(snapshot(id!, [], 0));
    expect(seen[0]).toMatchObject({ size: 0, empty: true });
    const [a, b] = [wireDoc("rooms/a", 1, { n: 1 }), wireDoc("rooms/b", 1, { n: 2 })];
    ws.last.deliver(snapshot(id!, [change("added", a, -1, 0), change("added", b, -1, 1)], 2));
    expect(changesOf(seen[1]!)).toEqual([
      ["added", "a", -1, 0],
      ["added", "b", -1, 1],
    ]);
    // What the runtime sends when a is deleted, c created (n 5) and b moved after it (n 9).
    ws.last.deliver(
      snapshot(
        id!,
        [
          change("removed", a, 0, -1),
          change("added", wireDoc("rooms/c", 2, { n: 5 }), -1, 0),
          change("modified", wireDoc("rooms/b", 2, { n: 9 }), 1, 1),
        ],
        2,
      ),
    );
    const last = seen.at(-1)!;
    expect(last.docs.map((d) => [d.id, d.get("n")])).toEqual([
      ["c", 5],
      ["b", 9],
    ]);
    expect(last.size).toBe(2);
    // Firebase's indexes: b's oldIndex is 1 once a is gone and c is in.
    expect(changesOf(last)).toEqual([
      ["removed", "a", 0, -1],
      ["added", "c", -1, 0],
      ["modified", "b", 1, 1],
    ]);
    expect(last.docChanges()[0]!.doc.get("n")).toBe(1); // a removal shows what was last seen
    expect(last.docChanges()[2]!.doc).toBe(last.docs[1]); // the same snapshot objects
  });

  it("asks for a full snapshot when an update does not fit, and reports only the difference", async () => {
    const { db, ws } = setup();
    const seen: QuerySnapshot[] = [];
    onSnapshot(db.collection("rooms"), (s) => seen.push(s));
    await flush();
    ws.last.accept();
    const [id] = ws.last.listenIds();
    const [a, b] = [wireDoc("rooms/a", 1), wireDoc("rooms/b", 1)];
    ws.last.deliver(snapshot(id!, [change("added", a, -1, 0), change("added", b, -1, 1)], 2));
    // Says the result has 3 documents, but a and b plus one addition cannot be placed so.
    ws.last.deliver(snapshot(id!, [change("added", wireDoc("rooms/c", 1), -1, 5)], 3));
    expect(ws.last.unlistenIds()).toEqual([id]);
    const again = ws.last.listenIds()[1]!;
    expect(again).not.toBe(id);
    ws.last.deliver(
      snapshot(
        again,
        [b, wireDoc("rooms/c", 1)].map((d, i) => change("added", d, -1, i)),
        2,
      ),
    );
    expect(seen).toHaveLength(2);
    expect(changesOf(seen[1]!)).toEqual([
      ["removed", "a", 0, -1],
      ["added", "c", -1, 1],
    ]);
  });

  it("follows a document: missing, created, modified, deleted", async () => {
    const { db, ws } = setup();
    const seen: DocumentSnapshot[] = [];
    onSnapshot(db.doc("rooms/solo"), (s) => seen.push(s));
    await flush();
    ws.last.accept();
    const [id] = ws.last.listenIds();
    ws.last.deliver(snapshot(id!, [], 0));
    ws.last.deliver(snapshot(id!, [change("added", wireDoc("rooms/solo", 1, { n: 1 }), -1, 0)], 1));
    ws.last.deliver(
      snapshot(id!, [change("modified", wireDoc("rooms/solo", 2, { n: 2 }), 0, 0)], 1),
    );
    ws.last.deliver(snapshot(id!, [change("removed", wireDoc("rooms/solo", 2), 0, -1)], 0));
    expect(seen.map((s) => [s.exists(), s.get("n")])).toEqual([
      [false, undefined],
      [true, 1],
      [true, 2],
      [false, undefined],
    ]);
  });

  it("sends unlisten, and closes the socket when the last listener leaves", async () => {
    const { db, ws } = setup();
    const stop1 = onSnapshot(db.doc("rooms/a"), () => undefined);
    const stop2 = onSnapshot(db.doc("rooms/b"), () => undefined);
    await flush();
    ws.last.accept();
    const [id1, id2] = ws.last.listenIds();
    ws.last.deliver(snapshot(id1!, [], 0));
    ws.last.deliver(snapshot(id2!, [], 0));
    stop1();
    stop1(); // again: nothing
    expect(ws.last.unlistenIds()).toEqual([id1]);
    expect(ws.last.closed).toBe(false);
    stop2();
    expect(ws.last.unlistenIds()).toEqual([id1, id2]);
    expect(ws.last.closed).toBe(true);
    onSnapshot(db.doc("rooms/c"), () => undefined);
    await flush();
    expect(ws.sockets).toHaveLength(2); // a new listener opens a new socket
  });

  it("holds an unlisten until the runtime has answered the listen (it would be lost)", async () => {
    const { db, ws } = setup();
    const next = vi.fn();
    const stop = onSnapshot(db.doc("rooms/a"), next);
    await flush();
    ws.last.accept();
    const [id] = ws.last.listenIds();
    stop();
    expect(ws.last.unlistenIds()).toEqual([]);
    expect(ws.last.closed).toBe(false);
    ws.last.deliver(snapshot(id!, [], 0));
    expect(ws.last.unlistenIds()).toEqual([id]);
    expect(ws.last.closed).toBe(true);
    expect(next).not.toHaveBeenCalled();
  });

  it("ends a listener the runtime stops with an error, calling onError with its code", async () => {
    const { db, ws } = setup();
    const next = vi.fn();
    const errors: WinkyError[] = [];
    onSnapshot(db.doc("profiles/bob"), next, (e) => errors.push(e));
    const other = vi.fn();
    onSnapshot(db.doc("rooms/a"), other);
    await flush();
    ws.last.accept();
    const [id, otherId] = ws.last.listenIds();
    ws.last.deliver({
      type: "error",
      id,
      error: { code: "permission-denied", message: "no", details: { rule: "x" } },
    });
    ws.last.deliver(snapshot(id!, [], 0)); // too late: ignored
    expect(next).not.toHaveBeenCalled();
    expect(errors).toHaveLength(1);
    expect(isWinkyError(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ code: "permission-denied", message: "no", status: 0 });
    expect(errors[0]!.details).toEqual({ rule: "x" });
    ws.last.deliver(snapshot(otherId!, [], 0));
    expect(other).toHaveBeenCalledTimes(1); // the other listener goes on
    expect(ws.last.closed).toBe(false);
  });

  it("throws at once without a WebSocket class, or with a bad target", () => {
    const { fetch } = fakeFetch(() => ({ json: {} }));
    const { db } = createClient({ url: URL_BASE, project: PROJECT, fetch });
    expect(() => onSnapshot(db.doc("a/b"), () => undefined)).toThrow(
      /createClient\(\{ WebSocket \}\)/,
    );
    expect(() => onSnapshot({} as never, () => undefined)).toThrow(/DocumentReference or a Query/);
  });

  it("ignores malformed messages, and keeps serving others when a callback throws", async () => {
    const { db, ws } = setup();
    const thrown = vi.spyOn(globalThis, "setTimeout");
    onSnapshot(db.doc("rooms/a"), () => {
      throw new Error("app bug");
    });
    const other = vi.fn();
    onSnapshot(db.doc("rooms/b"), other);
    await flush();
    ws.last.accept();
    const [id, otherId] = ws.last.listenIds();
    for (const junk of ["not json", "null", '{"type":"snapshot","id":"1"}', '{"type":"x"}']) {
      ws.last.onmessage?.({ data: junk } as never);
    }
    thrown.mockImplementationOnce((() => 0) as never); // swallow the rethrown app error
    ws.last.deliver(snapshot(id!, [], 0));
    ws.last.deliver(snapshot(otherId!, [], 0));
    expect(thrown).toHaveBeenCalledTimes(1);
    expect(other).toHaveBeenCalledTimes(1);
    thrown.mockRestore();
  });
});
