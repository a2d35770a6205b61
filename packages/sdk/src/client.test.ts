import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, PROJECT, sessionAnswer, URL_BASE } from "../test/fake-fetch.js";
import { fakeWebSockets, flush } from "../test/fake-websocket.js";
import { createClient } from "./client.js";
import { getDoc, setDoc } from "./firestore/documents.js";
import { onSnapshot } from "./realtime/on-snapshot.js";

/**
 * The request headers the runtime's CORS preflight allows (`apps/runtime/src/http/cors.ts`):
 * a header the SDK sends beyond these makes every browser request from another origin fail.
 */
const CORS_ALLOWED_HEADERS = ["accept", "authorization", "content-type"];

describe("createClient in a browser", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("uses the global fetch, called on globalThis (a browser's throws Illegal invocation otherwise)", async () => {
    const { fetch } = fakeFetch(() => ({ json: {} }));
    const receivers: unknown[] = [];
    vi.stubGlobal("fetch", function (this: unknown, input: string, init: RequestInit) {
      receivers.push(this);
      return fetch(input, init);
    });
    const { db } = createClient({ url: URL_BASE, project: PROJECT });
    await getDoc(db.doc("rooms/r1"));
    expect(receivers).toEqual([globalThis]);
  });

  it("listens with the global WebSocket when none is given", async () => {
    const ws = fakeWebSockets();
    vi.stubGlobal("WebSocket", ws.WebSocket);
    const { fetch } = fakeFetch(() => ({ json: {} }));
    const { db } = createClient({ url: URL_BASE, project: PROJECT, fetch });
    const stop = onSnapshot(db.doc("rooms/r1"), () => undefined);
    await flush();
    expect(ws.sockets.map((s) => s.url)).toEqual([
      `ws://runtime.test/v1/projects/${PROJECT}/listen`,
    ]);
    stop();
  });

  it("sends only headers the runtime's CORS preflight allows", async () => {
    const { fetch, requests } = fakeFetch((r) =>
      r.path === "/auth/signIn" ? sessionAnswer("ada", 1) : { json: {} },
    );
    const { auth, db } = createClient({ url: URL_BASE, project: PROJECT, fetch });
    await auth.signIn("ada@example.com", "correct horse battery");
    await setDoc(db.doc("rooms/r1"), { n: 1 });
    await getDoc(db.doc("rooms/r1"));
    const sent = new Set(requests.flatMap((r) => Object.keys(r.headers)));
    expect(sent).toContain("authorization");
    for (const header of sent) expect(CORS_ALLOWED_HEADERS).toContain(header.toLowerCase());
  });
});
