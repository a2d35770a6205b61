import { execFile, spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort, isProcessRunning, startEmbeddedPostgres } from "@winky/local-services";
import { planOffline } from "@winky/planner";
import { describeWithDocker, startScriptedOpenAI } from "@winky/testing";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { descendants } from "../process-tree.test-bed.js";

const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const bin = path.join(repo, "packages/cli/bin/winky.js");
const NOTES = "A notes app with email login, markdown editor, tags, and images";

/**
 * The acceptance path of the command line: `winky new --yes --json` on a fresh data dir
 * (embedded PostgreSQL, Redis and the runtime started by the command), SIGKILLed while its run
 * is in the test step; every server it started goes with it; `winky runs resume` then finishes
 * the run — tested, smoke-tested, committed and deployed — without redoing the nodes that had
 * finished. The shop and chat prompts go to deployed apps the same way, and a run without
 * --yes waits for `winky runs approve` and `reject`.
 */
describeWithDocker("winky new, killed mid-run, then winky runs resume", () => {
  let cwd: string;
  beforeAll(async () => {
    // The command starts the runtime's built main: build it (turbo caches an unchanged build).
    await promisify(execFile)("npm", ["run", "build", "--", "--filter=@winky/cli..."], {
      cwd: repo,
    });
    cwd = await mkdtemp(path.join(tmpdir(), "winky-new-"));
    await chmod(cwd, 0o711); // PostgreSQL runs as its own user when we are root
  }, 600_000);
  afterAll(async () => {
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  it("finishes the run with winky runs resume, each finished node done once", async () => {
    const port = String(await freePort());
    const first = winky(cwd, ["new", NOTES, "--yes", "--json", "--runtime-port", port]);
    await expect.poll(() => first.err(), { timeout: 300_000, interval: 100 }).toMatch(/… test\n/);
    const runId = /Run ([0-9a-f-]{36}):/.exec(first.err())![1]!;
    const family = await descendants(first.child.pid!);
    expect(family.length).toBeGreaterThanOrEqual(3); // postgres, redis-server, the runtime
    first.child.kill("SIGKILL");
    await first.exited;
    const alive = async () => {
      const left = [];
      for (const pid of family) if (await isProcessRunning(pid)) left.push(pid);
      return left;
    };
    await expect.poll(alive, { timeout: 20_000 }).toEqual([]);

    const second = winky(cwd, ["runs", "resume", runId, "--yes", "--json", "--runtime-port", port]);
    expect(await second.exited, second.err()).toBe(0);
    const result = JSON.parse(second.out()) as Record<string, unknown>;
    expect(result).toMatchObject({
      runId,
      status: "succeeded",
      plan: { appName: "notes" },
      tests: { passed: expect.any(Number), failed: 0 },
      smoke: { passed: expect.any(Number), failed: 0 },
      commit: {
        repo: path.join(cwd, ".winky/repos/notes"),
        sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
      deploy: { project: "notes", url: `http://notes.localhost:${port}/` },
      durationMs: expect.any(Number),
    });
    expect(result.files).toContain("winky.json");
    expect((result.smoke as { passed: number }).passed).toBeGreaterThan(0);

    expect(await startedNodes(cwd, runId)).toEqual({
      plan: 1,
      preview: 1,
      code: 1,
      test: 2, // the killed attempt and the resumed one
      review: 1,
      smoke: 1,
      commit: 1,
      deploy: 1,
    });
  }, 900_000);

  it.each([
    ["shop", "E-commerce prototype: products, cart, checkout, admin panel"],
    ["chat", "Chat app with rooms, messages, and push notifications"],
  ])(
    "takes the %s prompt to a deployed app whose tests and smoke pass",
    async (app, prompt) => {
      const port = String(await freePort());
      const run = winky(cwd, ["new", prompt, "--yes", "--json", "--runtime-port", port]);
      expect(await run.exited, run.err()).toBe(0);
      const result = JSON.parse(run.out()) as Record<string, unknown>;
      expect(result).toMatchObject({
        status: "succeeded",
        plan: { appName: app },
        tests: { failed: 0 },
        smoke: { failed: 0 },
        deploy: { project: app, url: `http://${app}.localhost:${port}/` },
      });
      expect((result.smoke as { passed: number }).passed).toBeGreaterThan(0);
    },
    600_000,
  );

  it("runs the model engine when a model is configured, sending it no stored secret", async () => {
    const server = await startScriptedOpenAI();
    try {
      const prompt = "A todo app with due dates and priorities";
      const planted = ["todo", "smtp", "Kq82LmZ0"].join("-");
      const set = winky(cwd, ["secrets", "set", "SMTP_PASSWORD"], `${planted}\n`);
      expect(await set.exited, set.err()).toBe(0);
      server.enqueue(
        { json: planOffline(prompt).plan },
        { toolCalls: [{ name: "finish", arguments: { summary: "nothing to adapt" } }] },
      );
      const port = String(await freePort());
      const env = {
        OPENAI_BASE_URL: server.url,
        OPENAI_API_KEY: server.apiKey,
        WINKY_MODEL: "gpt-4o-mini",
      };
      const args = ["new", `${prompt}. Mail with ${planted}.`, "--yes", "--json"];
      const run = winky(cwd, [...args, "--runtime-port", port], undefined, env);
      expect(await run.exited, run.err()).toBe(0);
      expect(JSON.parse(run.out())).toMatchObject({ status: "succeeded", smoke: { failed: 0 } });
      expect(run.err()).toContain("(model gpt-4o-mini)");
      expect(server.requests).toHaveLength(2);
      expect(server.requestsContaining(planted)).toEqual([]);
      // Both requests (the plan, the round-0 edit) carried the prompt, redacted.
      const redacted = "Mail with [redacted: secret SMTP_PASSWORD]";
      expect(server.requestsContaining(redacted)).toHaveLength(2);
    } finally {
      await server.close();
    }
  }, 600_000);

  it("waits for approvals without --yes: winky runs approve, then reject", async () => {
    const port = String(await freePort());
    const json = (run: { out: () => string }) => JSON.parse(run.out()) as Record<string, unknown>;
    const created = winky(cwd, [
      "new",
      "a recipe app with photos",
      "--json",
      "--runtime-port",
      port,
    ]);
    expect(await created.exited, created.err()).toBe(0);
    const planned = json(created);
    const runId = planned.runId as string;
    expect(planned).toMatchObject({
      status: "awaiting_plan_approval",
      plan: { appName: expect.stringMatching(/^recipe/) },
      next: `approve the plan to build it: winky runs approve ${runId} (or winky runs reject ${runId})`,
    });

    const approved = winky(cwd, ["runs", "approve", runId, "--json", "--runtime-port", port]);
    expect(await approved.exited, approved.err()).toBe(0);
    expect(json(approved)).toMatchObject({
      status: "awaiting_approval",
      tests: { failed: 0 },
      smoke: { failed: 0 },
      commit: null,
      deploy: null,
    });

    const args = ["runs", "reject", runId, "--comment", "not this time", "--json"];
    const rejected = winky(cwd, [...args, "--runtime-port", port]);
    expect(await rejected.exited, rejected.err()).toBe(1);
    expect(json(rejected)).toMatchObject({
      status: "failed",
      error: { code: "rejected", message: expect.stringContaining("not this time") },
    });

    const shown = winky(cwd, ["runs", "show", runId]);
    expect(await shown.exited, shown.err()).toBe(0);
    expect(shown.out()).toMatch(/✓ approved by .+\n[\s\S]*✗ rejected by .+: not this time/);

    const again = winky(cwd, ["runs", "approve", runId, "--runtime-port", port]);
    expect(await again.exited).toBe(1);
    expect(again.err()).toContain(`run ${runId} is not waiting for an approval`);
  }, 600_000);
});

/** `winky …` in `cwd`, on its own embedded servers (the harness's are not passed on). */
function winky(cwd: string, args: string[], stdin?: string, extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env, ...extraEnv };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env,
    stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  return { child, exited, out: () => out, err: () => err };
}

/** How many times each node of the run started, from its log in the data dir's cluster. */
async function startedNodes(cwd: string, runId: string): Promise<Record<string, number>> {
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(cwd, ".winky/postgres") });
  const client = new pg.Client({ connectionString: postgres.url });
  try {
    await client.connect();
    const { rows } = await client.query<{ node: string; n: number }>(
      `select node, count(*)::int as n from run_events
        where run_id = $1 and type = 'node.started' group by node`,
      [runId],
    );
    return Object.fromEntries(rows.map((r) => [r.node, r.n]));
  } finally {
    await client.end();
    await postgres.stop();
  }
}
