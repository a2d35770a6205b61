import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { FakeFirestore } from "@winky/sync/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../cli-flags.js";
import type { CliIo } from "../io.js";
import { runSyncCommand } from "./sync-command.js";

describe("winky sync firebase", () => {
  const database = useTestDatabase("cli_sync");
  let runtime: TestRuntime;
  let url: string;
  let fake: FakeFirestore;
  let dir: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    url = await runtime.app.listen({ port: 0, host: "127.0.0.1" });
    const key = await runtime.createProject("demo");
    fake = await FakeFirestore.start();
    dir = await mkdtemp(path.join(tmpdir(), "winky-sync-cli-"));
    await writeFile(path.join(dir, "token"), "ya29.test\n");
    const res = await fetch(`${url}/v1/projects/demo/documents:commit`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        writes: ["a", "b"].map((id) => ({
          update: { name: `projects/demo/databases/(default)/documents/notes/${id}`, fields: {} },
        })),
      }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await runtime?.close();
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** An io whose stop request comes once a pass was printed (the continuous mode's exit). */
  const capture = (env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    let stop: (signal: string) => void = () => {};
    const io: CliIo = {
      out: (t) => (out.push(t), t.includes("lag ") && stop("SIGINT")),
      err: (t) => err.push(t),
      env: { WINKY_ADMIN_KEY: TEST_ADMIN_KEY, ...env },
      cwd: dir,
      stopRequested: new Promise((resolve) => (stop = resolve)),
    };
    return { io, out: () => out.join(""), err: () => err.join("") };
  };
  const args = (...more: string[]) => [
    "firebase",
    ...["--project", "demo", "--firestore-project", "fp", "--url", url],
    ...["--base-url", fake.url, "--token-file", "token", ...more],
  ];

  it("mirrors once with --once, printing the progress and the lag, then nothing more", async () => {
    const run = capture();
    expect(await runSyncCommand(args("--once"), run.io)).toBe(0);
    expect(run.out()).toContain("2 change(s); lag 0.0s; mirrored 2, retries 0, failures 0");
    expect(fake.commits.flatMap((c) => c.writes)).toEqual([
      { update: { name: "projects/fp/databases/(default)/documents/notes/a", fields: {} } },
      { update: { name: "projects/fp/databases/(default)/documents/notes/b", fields: {} } },
    ]);
    expect(fake.commits[0]!.authorization).toBe("Bearer ya29.test");
    const again = capture();
    expect(await runSyncCommand(args(), again.io)).toBe(0); // runs until the stop request
    expect(again.out()).toContain("0 change(s); lag 0.0s");
    expect(fake.commits).toHaveLength(1);
  });

  it("fails a pass Firestore refuses, naming the document", async () => {
    fake.failNext(1, { status: 403, message: "Missing or insufficient permissions." });
    const run = capture();
    const state = ["--state", "other-state.json"];
    expect(await runSyncCommand(args("--once", ...state), run.io)).toBe(1);
    expect(run.err()).toMatch(/notes\/a.*HTTP 403 PERMISSION_DENIED: Missing or insufficient/);
  });

  it("asks for a token and the projects", async () => {
    const noToken = args().filter((a) => a !== "--token-file" && a !== "token");
    await expect(runSyncCommand(noToken, capture().io)).rejects.toThrow(UsageError);
    await expect(runSyncCommand(["firebase", "--project", "demo"], capture().io)).rejects.toThrow(
      "--firestore-project",
    );
    await expect(runSyncCommand(["s3"], capture().io)).rejects.toThrow("unknown sync target");
  });
});
