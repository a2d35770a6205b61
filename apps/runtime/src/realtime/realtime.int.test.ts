import { useTestDatabase } from "@winky/testing";
import { drizzle } from "drizzle-orm/node-postgres";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { buildApp } from "../app.js";
import { createTestAuthCore } from "../auth/core/testing/index.js";
import { migrateRuntime } from "../db/migrate.js";
import { ChangeFeed } from "./change-feed.js";

const ADMIN = "operator-key-".padEnd(40, "x");

interface Instance {
  app: FastifyInstance;
  pool: pg.Pool;
  feed: ChangeFeed;
  url: string;
}

/** A client that collects the messages of one listen id, in order. */
function listen(url: string, key: string, target: unknown) {
  const socket = new WebSocket(`${url.replace("http", "ws")}/v1/projects/rt-app/listen`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const messages: Array<{
    type: string;
    changes?: Array<{ type: string; doc: { name: string } }>;
    size?: number;
    error?: { code: string };
  }> = [];
  socket.on("message", (data) => messages.push(JSON.parse(data.toString())));
  const opened = new Promise((resolve) => socket.once("open", resolve)).then(() =>
    socket.send(JSON.stringify({ type: "listen", id: "l1", target })),
  );
  const next = async (count: number) => {
    await expect.poll(() => messages.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
    return messages[count - 1]!;
  };
  return { socket, opened, next, messages };
}

describe("realtime listeners", () => {
  const database = useTestDatabase("runtime_realtime");
  const instances: Instance[] = [];
  let key: string;

  const commit = (i: Instance, writes: unknown[]) =>
    i.app.inject({
      method: "POST",
      url: "/v1/projects/rt-app/documents:commit",
      headers: { authorization: `Bearer ${key}` },
      payload: { writes },
    });

  beforeAll(async () => {
    await migrateRuntime(database.url);
    // Two runtime instances on one database, as two processes behind a load balancer.
    for (let n = 0; n < 2; n++) {
      const pool = new pg.Pool({ connectionString: database.url });
      const feed = new ChangeFeed(database.url);
      await feed.start();
      const app = buildApp({
        pool,
        db: drizzle({ client: pool }),
        adminKey: ADMIN,
        auth: createTestAuthCore().core,
        changeFeed: feed,
        logLevel: "silent",
      });
      const url = await app.listen({ port: 0, host: "127.0.0.1" });
      instances.push({ app, pool, feed, url });
    }
    const created = await instances[0]!.app.inject({
      method: "POST",
      url: "/v1/admin/projects",
      headers: { authorization: `Bearer ${ADMIN}` },
      payload: { id: "rt-app" },
    });
    key = created.json().serviceKey.key;
  });
  afterAll(async () => {
    for (const i of instances) {
      await i.app.close();
      await i.feed.close();
      await i.pool.end();
    }
  });

  it("delivers a write through one instance to a query listener on the other, in order", async () => {
    const [a, b] = [instances[0]!, instances[1]!];
    const client = listen(b.url, key, {
      query: {
        structuredQuery: {
          from: [{ collectionId: "rooms" }],
          orderBy: [{ field: { fieldPath: "n" } }],
        },
      },
    });
    await client.opened;
    expect(await client.next(1)).toMatchObject({ type: "snapshot", changes: [], size: 0 });
    await commit(a, [{ update: { name: "rooms/r1", fields: { n: { integerValue: "1" } } } }]);
    const added = await client.next(2);
    expect(added.changes!.map((c) => [c.type, c.doc.name])).toEqual([["added", "rooms/r1"]]);
    await commit(a, [
      { update: { name: "rooms/r1", fields: { n: { integerValue: "5" } } } },
      { update: { name: "rooms/r2", fields: { n: { integerValue: "2" } } } },
    ]);
    const third = await client.next(3);
    expect(third.changes!.map((c) => [c.type, c.doc.name])).toEqual([
      ["added", "rooms/r2"],
      ["modified", "rooms/r1"],
    ]);
    await commit(a, [{ delete: "rooms/r2" }]);
    expect((await client.next(4)).changes!.map((c) => [c.type, c.doc.name])).toEqual([
      ["removed", "rooms/r2"],
    ]);
    client.socket.close();
  });

  it("follows one document, including its deletion", async () => {
    const [a, b] = [instances[0]!, instances[1]!];
    const client = listen(b.url, key, { document: "rooms/solo" });
    await client.opened;
    expect(await client.next(1)).toMatchObject({ type: "snapshot", size: 0 });
    await commit(a, [{ update: { name: "rooms/solo", fields: {} } }]);
    expect((await client.next(2)).changes!.map((c) => c.type)).toEqual(["added"]);
    await commit(a, [{ delete: "rooms/solo" }]);
    expect((await client.next(3)).changes!.map((c) => c.type)).toEqual(["removed"]);
    client.socket.close();
  });

  it("checks rules for each listener: signed out, a query the rules do not allow is refused", async () => {
    const socket = new WebSocket(
      `${instances[1]!.url.replace("http", "ws")}/v1/projects/rt-app/listen`,
    );
    const messages: Array<{ type: string; error?: { code: string } }> = [];
    socket.on("message", (data) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(
      JSON.stringify({
        type: "listen",
        id: "x",
        target: { query: { structuredQuery: { from: [{ collectionId: "rooms" }] } } },
      }),
    );
    await expect.poll(() => messages.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(messages[0]).toMatchObject({
      type: "error",
      id: "x",
      error: { code: "permission-denied" },
    });
    socket.close();
  });

  it("stops a listener unlistened before its first snapshot", async () => {
    const [a, b] = [instances[0]!, instances[1]!];
    const socket = new WebSocket(
      `${b.url.replace("http", "ws")}/v1/projects/rt-app/listen?access_token=${key}`,
    );
    const messages: unknown[] = [];
    socket.on("message", (data) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(
      JSON.stringify({ type: "listen", id: "gone", target: { document: "rooms/quick" } }),
    );
    socket.send(JSON.stringify({ type: "unlisten", id: "gone" }));
    await commit(a, [{ update: { name: "rooms/quick", fields: {} } }]);
    await new Promise((r) => setTimeout(r, 500));
    expect(messages).toEqual([]);
    socket.close();
  });

  it("answers a malformed message with invalid-argument", async () => {
    const client = listen(instances[0]!.url, key, { nonsense: true });
    await client.opened;
    expect(await client.next(1)).toMatchObject({
      type: "error",
      error: { code: "invalid-argument" },
    });
    client.socket.close();
  });
});
