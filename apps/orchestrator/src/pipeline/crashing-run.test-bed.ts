// A run in a process of its own, for the test that kills it mid-run: DATABASE_URL, RUN_ID and
// EFFECTS_FILE from the environment. Its steps append their name to EFFECTS_FILE; `test` then
// hangs (prints "testing" first) so the parent can SIGKILL the process inside a node.
import { appendFileSync } from "node:fs";
import { Command } from "@langchain/langgraph";
import pg from "pg";
import { createCheckpointer } from "./checkpointer.js";
import { buildPipeline, runConfig } from "./graph.js";
import { MemoryNodeLog, recordingSteps } from "./pipeline.test-bed.js";

const env = (name: string) => process.env[name] ?? "";
const pool = new pg.Pool({ connectionString: env("DATABASE_URL"), max: 2 });
const steps = recordingSteps((name) => appendFileSync(env("EFFECTS_FILE"), `${name}\n`), {
  test: () => {
    console.log("testing");
    return new Promise(() => undefined);
  },
});
const graph = buildPipeline(steps, {
  log: new MemoryNodeLog(),
  checkpointer: await createCheckpointer(pool),
});
const config = runConfig(env("RUN_ID"));
await graph.invoke({ runId: env("RUN_ID"), prompt: "a notes app" }, config);
await graph.invoke(new Command({ resume: { approved: true, by: "ada" } }), config);
