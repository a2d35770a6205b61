import { spawn } from "node:child_process";
import { once } from "node:events";
import { appendFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Command } from "@langchain/langgraph";
import { useTestDatabase } from "@winky/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCheckpointer } from "./checkpointer.js";
import { buildPipeline, runConfig } from "./graph.js";
import { MemoryNodeLog, recordingSteps } from "./pipeline.test-bed.js";

const CRASHING_RUN = fileURLToPath(new URL("./crashing-run.test-bed.ts", import.meta.url));

/**
 * A run killed with SIGKILL inside a node resumes from PostgreSQL's checkpoint in another
 * process: the nodes that completed do not run again, the interrupted one runs from its start.
 */
describe("resuming a run after a crash", () => {
  const database = useTestDatabase("orchestrator_resume");
  let pool: pg.Pool;
  let dir: string;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: database.url });
    dir = await mkdtemp(path.join(tmpdir(), "winky-resume-"));
  });
  afterAll(async () => {
    await pool?.end();
    await rm(dir, { recursive: true, force: true });
  });

  it("finishes the run without redoing the nodes that completed", async () => {
    const effects = path.join(dir, "effects");
    await writeFile(effects, "");
    const child = spawn(process.execPath, ["--import", "tsx", CRASHING_RUN], {
      env: { ...process.env, DATABASE_URL: database.url, RUN_ID: "run-7", EFFECTS_FILE: effects },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
    expect(line).toBe("testing");
    child.kill("SIGKILL");
    await once(child, "exit");
    expect((await readFile(effects, "utf8")).split("\n").filter(Boolean)).toEqual([
      "plan",
      "preview",
      "code",
      "test",
    ]);

    const log = new MemoryNodeLog();
    // Synchronous: each step's effect is in the file, in order, before the next step begins.
    const record = (name: string) => appendFileSync(effects, `${name}\n`);
    const graph = buildPipeline(recordingSteps(record), {
      log,
      checkpointer: await createCheckpointer(pool),
    });
    const config = runConfig("run-7");
    await graph.invoke(null, config);
    expect((await graph.getState(config)).next).toEqual(["approve"]);
    await graph.invoke(new Command({ resume: { approved: true, by: "ada" } }), config);
    const final = await graph.getState(config);
    expect(final.values.outcome).toEqual({ status: "succeeded" });
    expect(log.nodes).toEqual(["test", "review", "smoke", "commit", "deploy"]);
    expect((await readFile(effects, "utf8")).split("\n").filter(Boolean)).toEqual([
      "plan",
      "preview",
      "code",
      "test",
      "test",
      "review",
      "smoke",
      "commit",
      "deploy",
    ]);
  }, 60_000);
});
