import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import { createWinkyClient, type WinkyClient } from "@winky/api-client";
import { FsBlobStore } from "@winky/blob-store";
import { migrate } from "@winky/db";
import {
  createTestFunctions,
  createTestRuntime,
  TEST_ADMIN_KEY,
  type TestFunctions,
  type TestRuntime,
} from "@winky/runtime/testing";
import type { InvocationResult, JsonValue, Sandbox } from "@winky/sandbox";
import { testRedisUrl, uniqueRedisPrefix, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMemberWithToken,
  auditRows,
  createTeam,
  refusal,
  seedRun,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";

/** A 1×1 PNG. */
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * A sandbox that answers every invocation with its event and one log line: the runtime's own
 * runner records the log, as it does for a real sandbox (which needs the functions image).
 */
const echoSandbox: Sandbox = {
  prepare: async () => undefined,
  invoke: async (_fn, invocation): Promise<InvocationResult> => {
    const { event } = invocation as { event: JsonValue };
    return {
      ok: true,
      result: event,
      durationMs: 3,
      coldStart: false,
      logs: [{ stream: "stdout", line: `greeting ${JSON.stringify(event)}`, at: Date.now() }],
    };
  },
  drain: async () => undefined,
  stats: () => ({ started: 0, live: 0, running: 0, queued: 0 }),
  close: async () => undefined,
};

/** Function logs, the event log with replay, and storage files with previews, on a real runtime. */
describe("the runtime console's functions, events and storage", () => {
  const runtimeDb = useTestDatabase("api_console_ops_runtime");
  const platformDb = useTestDatabase("api_console_ops_platform");
  let dir: string;
  let functions: TestFunctions;
  let runtime: TestRuntime;
  let runtimeUrl: string;
  let admin: AdminClient;
  let api: ApiHarness;
  let teamId: string;
  let owner: WinkyClient;
  let member: WinkyClient;
  let appId: string;
  const client = (token: string) => createWinkyClient({ url: api.url, token });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-console-ops-"));
    functions = await createTestFunctions({
      sandbox: async () => echoSandbox,
      redisUrl: testRedisUrl(),
      prefix: uniqueRedisPrefix("console-ops"),
    });
    runtime = await createTestRuntime(runtimeDb.url, {
      ...functions.runtimeOptions,
      blobs: new FsBlobStore(dir),
    });
    runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    admin = new AdminClient(runtimeUrl, TEST_ADMIN_KEY);
    await migrate(platformDb.url);
    api = await startApi(platformDb.url, { runtime: admin });
    const team = await createTeam(api.pool, "console-ops");
    teamId = team.teamId;
    owner = client(team.token);
    member = client((await addMemberWithToken(api.pool, teamId, "mo@example.com", "member")).token);
    ({ appId } = await seedRun(api.pool, teamId, { appSlug: "ops-notes" }));
    await runtime.createProject("ops-notes");
  });
  afterAll(async () => {
    await api?.close();
    await functions?.close();
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("lists functions and shows an invocation's log", async () => {
    await admin.deployFunction("ops-notes", "greet", {
      source: "export default (event) => event;",
      trigger: { kind: "callable" },
    });
    const called = await fetch(`${runtimeUrl}/v1/projects/ops-notes/functions/greet:call`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ data: { to: "ada" } }),
    });
    expect(await called.json()).toEqual({ result: { to: "ada" } });
    expect(await member.console.functions.list.query({ appId })).toEqual([
      expect.objectContaining({ name: "greet", version: 1, trigger: { kind: "callable" } }),
    ]);
    const logs = await member.console.functions.logs.query({ appId, name: "greet" });
    expect(logs).toEqual([
      expect.objectContaining({
        version: 1,
        errorKind: null,
        lines: [
          expect.objectContaining({
            stream: "stdout",
            line: 'greeting {"to":"ada"}',
          }),
        ],
      }),
    ]);
    const bad = await refusal(member.console.functions.logs.query({ appId, name: "1bad" }));
    expect(bad.message).toMatch(/^name: a function name starts with a letter/);
  });

  it("pages through the event log, and replays it (admin+), audited", async () => {
    await admin.setDocument("ops-notes", "notes/a", { n: 1 });
    await admin.setDocument("ops-notes", "notes/a", { n: 2 });
    await admin.setDocument("ops-notes", "other/b", { n: 3 });
    const first = await member.console.events.list.query({
      appId,
      subjectPrefix: "notes/",
      limit: 1,
    });
    expect(first.events).toEqual([
      expect.objectContaining({ kind: "document.created", subject: "notes/a", after: { n: 1 } }),
    ]);
    const second = await member.console.events.list.query({
      appId,
      subjectPrefix: "notes/",
      limit: 1,
      pageToken: first.nextPageToken!,
    });
    expect(second.events).toEqual([
      expect.objectContaining({ kind: "document.updated", before: { n: 1 }, after: { n: 2 } }),
    ]);
    const kinds = await member.console.events.list.query({ appId, kinds: ["document.updated"] });
    expect(kinds.events.map((e) => e.subject)).toEqual(["notes/a"]);
    const denied = await refusal(member.console.events.replay.mutate({ appId }));
    expect(denied.code).toBe("FORBIDDEN");
    const badKind = await refusal(
      owner.console.events.list.query({ appId, kinds: ["nope" as "document.created"] }),
    );
    expect(badKind.message).toMatch(/^kinds\[0\]: /);
    const replay = await owner.console.events.replay.mutate({ appId, subjectPrefix: "notes/" });
    expect(replay.events).toBe(2);
    const [row] = await auditRows(api.pool, teamId, "console.events.replayed");
    expect(row).toMatchObject({
      target_id: appId,
      data: {
        project: "ops-notes",
        events: 2,
        replayId: replay.replayId,
        filter: { subjectPrefix: "notes/" },
      },
    });
  });

  it("lists files by folder and previews images only", async () => {
    const upload = (name: string, type: string, body: Uint8Array) =>
      fetch(`${runtimeUrl}/v1/projects/ops-notes/storage/o?name=${encodeURIComponent(name)}`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": type },
        body,
      });
    expect((await upload("images/pixel.png", "image/png", PIXEL)).ok).toBe(true);
    expect((await upload("notes.txt", "text/plain", Buffer.from("hello"))).ok).toBe(true);
    const top = await member.console.storage.list.query({ appId });
    expect(top.prefixes).toEqual(["images/"]);
    expect(top.objects).toEqual([
      expect.objectContaining({ name: "notes.txt", size: 5, contentType: "text/plain" }),
    ]);
    const images = await member.console.storage.list.query({ appId, prefix: "images/" });
    expect(images.objects.map((o) => o.name)).toEqual(["images/pixel.png"]);
    const preview = await member.console.storage.preview.query({ appId, name: "images/pixel.png" });
    expect(preview).toEqual({
      name: "images/pixel.png",
      contentType: "image/png",
      size: PIXEL.length,
      dataUrl: `data:image/png;base64,${PIXEL.toString("base64")}`,
    });
    const text = await refusal(member.console.storage.preview.query({ appId, name: "notes.txt" }));
    expect(text.message).toMatch(/^name: 'notes.txt' is text\/plain; previews are for/);
    const missing = await refusal(
      member.console.storage.preview.query({ appId, name: "gone.png" }),
    );
    expect(missing).toMatchObject({ code: "NOT_FOUND", message: "name: no file 'gone.png'" });
    const folder = await refusal(member.console.storage.list.query({ appId, prefix: "images" }));
    expect(folder.message).toBe("prefix: a folder ends with '/'");
  });
});
