import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort, ManagedProcess, waitUntil } from "@winky/local-services";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const ADMIN = randomBytes(32).toString("base64url");
const MASTER = randomBytes(32).toString("base64url");

describe("realtime across two runtime processes", () => {
  const database = useTestDatabase("runtime_two_processes");
  const processes: Array<{ proc: ManagedProcess; url: string }> = [];

  beforeAll(async () => {
    // The processes run the built main, as `winky dev` does; turbo makes this a cache hit.
    await promisify(execFile)("npm", ["run", "build", "--", "--filter=@winky/runtime..."], {
      cwd: repo,
    });
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const proc = new ManagedProcess({
        name: `runtime-${i}`,
        command: process.execPath,
        args: [path.join(repo, "apps/runtime/dist/main.js")],
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          WINKY_ADMIN_KEY: ADMIN,
          WINKY_MASTER_KEY: MASTER,
          PORT: String(port),
          LOG_LEVEL: "warn",
        },
      });
      const url = `http://127.0.0.1:${port}`;
      const up = await waitUntil(
        async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true,
        30_000,
        100,
      );
      expect(up, proc.tail()).toBe(true);
      processes.push({ proc, url });
    }
  });
  afterAll(async () => {
    for (const { proc } of processes) await proc.stop("SIGTERM", 10_000);
  });

  it("delivers a write through one process to a listener on the other", async () => {
    const [a, b] = [processes[0]!, processes[1]!];
    const created = await fetch(`${a.url}/v1/admin/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({ id: "two-proc" }),
    });
    const key = ((await created.json()) as { serviceKey: { key: string } }).serviceKey.key;
    const socket = new WebSocket(
      `${b.url.replace("http", "ws")}/v1/projects/two-proc/listen?access_token=${key}`,
    );
    const messages: Array<{
      type: string;
      changes?: Array<{ type: string; doc: { name: string } }>;
    }> = [];
    socket.on("message", (data) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(
      JSON.stringify({
        type: "listen",
        id: "q",
        target: { query: { structuredQuery: { from: [{ collectionId: "chat" }] } } },
      }),
    );
    await expect.poll(() => messages.length, { timeout: 10_000 }).toBe(1);
    const write = await fetch(`${a.url}/v1/projects/two-proc/documents:commit`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        writes: [{ update: { name: "chat/m1", fields: { text: { stringValue: "hi" } } } }],
      }),
    });
    expect(write.status).toBe(200);
    await expect.poll(() => messages.length, { timeout: 10_000 }).toBe(2);
    expect(messages[1]!.changes!.map((c) => [c.type, c.doc.name])).toEqual([["added", "chat/m1"]]);
    socket.close();
  });
});
