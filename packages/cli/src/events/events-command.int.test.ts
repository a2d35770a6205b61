import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli.js";
import { captureIo } from "../../test/capture-io.js";

const io = (env: Record<string, string> = { WINKY_ADMIN_KEY: TEST_ADMIN_KEY }) => captureIo(env);

describe("winky events replay", () => {
  const database = useTestDatabase("cli_events");
  let runtime: TestRuntime;
  let url: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    url = await runtime.app.listen({ port: 0, host: "127.0.0.1" });
    await runtime.createProject("demo");
  });
  afterAll(() => runtime.close());

  it("sends the selection and reports the replay", async () => {
    const seen: unknown[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ url: req.url, body: JSON.parse(body) });
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ replayId: "r-1", events: 7 }));
      });
    }).listen(0, "127.0.0.1");
    await once(server, "listening");
    const fake = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const run = io();
    const args = ["events", "replay", "--url", fake, "--kind", "document.created,document.deleted"];
    const code = await runCli(
      [...args, "--from", "2026-11-26T00:00:00Z", "--path", "notes/"],
      run.io,
    );
    server.close();
    expect(code).toBe(0);
    expect(run.out()).toBe("replaying 7 event(s) of demo (replay r-1)\n");
    expect(seen).toEqual([
      {
        url: "/v1/projects/demo/admin/events:replay",
        body: {
          from: "2026-11-26T00:00:00Z",
          kinds: ["document.created", "document.deleted"],
          subjectPrefix: "notes/",
        },
      },
    ]);
  });

  it("says why a runtime refuses, and exits 1", async () => {
    const run = io();
    expect(await runCli(["events", "replay", "--url", url], run.io)).toBe(1);
    expect(run.err()).toBe(
      "winky: the replay was refused: events cannot be replayed: this runtime has no event queue (set REDIS_URL)\n",
    );
    expect(await runCli(["events", "rewind"], io().io)).toBe(2);
  });
});
