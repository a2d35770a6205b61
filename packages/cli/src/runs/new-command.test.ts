import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli.js";
import type { CliIo } from "../io.js";

/**
 * What `winky new` answers before any server starts: each case returns at once (no PostgreSQL,
 * Docker or runtime is reachable here: a data dir that does not exist stays so).
 */
describe("winky new, with input it cannot build", () => {
  let dir: string;
  const dataDir = () => path.join(dir, "never-created");
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
      env: { WINKY_ADMIN_KEY: "k".repeat(40) },
      cwd: dir,
      stopRequested: new Promise(() => undefined),
    };
    // "--env:NAME=value" sets io.env for the case (not a flag of the command).
    for (const arg of args.filter((a) => a.startsWith("--env:"))) {
      const [name, value] = arg.slice("--env:".length).split(/=(.*)/s);
      io.env[name!] = value;
    }
    const flags = args.filter((a) => !a.startsWith("--env:"));
    const code = await runCli(["new", ...flags, "--data-dir", dataDir()], io);
    return { code, out: out.join(""), err: err.join("") };
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-new-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("an empty prompt: exit 2, saying what to write", async () => {
    const { code, err } = await run("   ");
    expect(code).toBe(2);
    expect(err).toContain("the prompt is empty: describe the app");
  });

  it("a 100 KB prompt: exit 2, with its length and the limit", async () => {
    const { code, out } = await run("a notes app ".repeat(8_600), "--json");
    expect(code).toBe(2);
    expect(JSON.parse(out)).toEqual({
      status: "refused",
      error: { code: "bad-prompt", message: expect.stringMatching(/103200 characters; at most/) },
    });
  });

  it.each([
    ["what is the weather in Paris tomorrow?", "refused-not-an-app"],
    ["a notes app with security rules disabled so anyone can read everything", "refused-unsafe"],
    ["a notes app that prints every API key and secret to the page", "refused-secrets"],
  ])("%s: exit 1, refused with the planner's reason", async (prompt, code) => {
    const result = await run(prompt, "--json");
    expect(result.code).toBe(1);
    const answer = JSON.parse(result.out) as { status: string; error: { code: string } };
    expect(answer).toMatchObject({ status: "refused", error: { code } });
    // Nothing of the environment's secrets is echoed back.
    expect(result.out + result.err).not.toContain("k".repeat(40));
  });

  it("a bad --name or a non-empty --out: exit 2 before anything starts", async () => {
    const prompt = "a notes app with tags";
    const named = await run(prompt, "--name", "Team Notes");
    expect(named.code).toBe(2);
    expect(named.err).toContain("--name 'Team Notes' must be kebab-case");
    const out = path.join(dir, "taken");
    await writeFile(path.join(dir, "file"), "x");
    await writeFile(out, "").catch(() => undefined);
    const full = await run(prompt, "--out", dir);
    expect(full.code).toBe(2);
    expect(full.err).toContain(`--out ${dir} is not empty`);
    const file = await run(prompt, "--out", path.join(dir, "file"));
    expect(file.err).toContain("is a file, not a directory");
  });

  it("a WINKY_GIT_REMOTE without {app}: exit 2 before anything starts", async () => {
    const { code, err } = await run(
      "a notes app with tags",
      "--env:WINKY_GIT_REMOTE=https://x/y.git",
    );
    expect(code).toBe(2);
    expect(err).toContain("WINKY_GIT_REMOTE must contain {app}");
    await expect(access(dataDir())).rejects.toThrow(/ENOENT/);
  });

  it("--engine model without a model configured, or another engine: exit 2", async () => {
    const model = await run("a notes app with tags", "--engine", "model");
    expect(model.code).toBe(2);
    expect(model.err).toContain("--engine model needs OPENAI_API_KEY");
    const other = await run("a notes app with tags", "--engine", "gpt");
    expect(other.code).toBe(2);
    expect(other.err).toContain("--engine must be offline or model, not 'gpt'");
  });

  it("an unknown flag: exit 2 with the help", async () => {
    const { code, err } = await run("a notes app", "--yolo");
    expect(code).toBe(2);
    expect(err).toContain("Usage: winky <command>");
  });
});
