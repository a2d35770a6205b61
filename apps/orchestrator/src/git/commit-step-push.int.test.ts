import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { AdminClient } from "@winky/admin-client";
import { planOffline } from "@winky/planner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PipelineStateType } from "../pipeline/state.js";
import type { StepContext } from "../pipeline/steps.js";
import { createPipelineSteps, type StepDeps } from "../steps/pipeline-steps.js";
import { startGitHttpServer, type GitHttpServer } from "./git-http-server.test-bed.js";

const exec = promisify(execFile);
const USER = "winky-bot";
const PASSWORD = `pw-${randomUUID()}`;

/** The commit step with `gitRemote`: the run's commit made locally, then pushed. */
describe("the commit step pushing to a remote", () => {
  let dir: string;
  let server: GitHttpServer;
  let secretReads = 0;
  const progress: string[] = [];
  const ctx: StepContext = { runId: "run-7", progress: async (m) => void progress.push(m) };
  const { plan } = planOffline("A notes app with email login, markdown editor and tags");
  const state = {
    runId: "run-7",
    appPlan: plan,
    files: { "README.md": "# Notes\n", "src/main.tsx": "export {};\n" },
  } as unknown as PipelineStateType;
  const unused = async (): Promise<never> => {
    throw new Error("only the commit step runs here");
  };
  const stepsWith = (gitRemote: StepDeps["gitRemote"]) =>
    createPipelineSteps({
      dataDir: dir,
      admin: {} as AdminClient,
      siteUrl: () => "http://unused/",
      test: unused,
      review: unused,
      smoke: unused,
      buildSite: unused,
      ...(gitRemote ? { gitRemote } : {}),
    });
  const rev = async (gitDir: string, ref: string) =>
    (await exec("git", ["--git-dir", gitDir, "rev-parse", ref])).stdout.trim();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-commit-push-"));
    server = await startGitHttpServer({ username: USER, password: PASSWORD });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("commits locally, then pushes the run's commit and tag with the stored password", async () => {
    const bare = await server.createBare(`${plan.appName}.git`);
    const steps = stepsWith({
      url: (app) => `${server.url}/${app}.git`,
      username: USER,
      password: async () => {
        secretReads += 1;
        return { reveal: () => PASSWORD };
      },
    });
    const info = await steps.commit(state, ctx);
    const repo = path.join(dir, "repos", plan.appName);
    expect(info).toEqual({
      repo,
      sha: await rev(path.join(repo, ".git"), "HEAD"),
      remote: `${server.url}/${plan.appName}.git`,
    });
    expect(await rev(bare, "refs/heads/main")).toBe(info.sha);
    expect(await rev(bare, "refs/tags/winky/run/run-7^{commit}")).toBe(info.sha);
    expect(secretReads).toBe(1);
    expect(progress).toEqual([`pushed to ${server.url}/${plan.appName}.git`]);

    // A resumed run repeats the step: the same commit, and the remote already has it.
    expect(await steps.commit(state, ctx)).toEqual(info);
    expect(progress.at(-1)).toBe(`${server.url}/${plan.appName}.git already has the run`);
    expect(await rev(path.join(repo, ".git"), "HEAD")).toBe(info.sha);
  });

  it("fails the step when the push is refused, keeping the local commit for the retry", async () => {
    const app = `${plan.appName}-2`;
    const bare = await server.createBare(`${app}.git`);
    const wrong = { ...state, runId: "run-8", appPlan: { ...plan, appName: app } };
    const refused = stepsWith({
      url: (name) => `${server.url}/${name}.git`,
      username: USER,
      password: async () => ({ reveal: () => "not-the-password" }),
    });
    await expect(refused.commit(wrong, ctx)).rejects.toThrow(/Authentication failed/);
    const repo = path.join(dir, "repos", app, ".git");
    const sha = await rev(repo, "refs/tags/winky/run/run-8");

    const fixed = stepsWith({
      url: (name) => `${server.url}/${name}.git`,
      username: USER,
      password: async () => ({ reveal: () => PASSWORD }),
    });
    expect(await fixed.commit(wrong, ctx)).toMatchObject({ sha });
    expect(await rev(bare, "refs/heads/main")).toBe(sha);
  });

  it("keeps the repository local without gitRemote", async () => {
    const local = { ...state, runId: "run-9" };
    const info = await stepsWith(undefined).commit(local, ctx);
    expect(info).toEqual({ repo: path.join(dir, "repos", plan.appName), sha: info.sha });
    expect(info).not.toHaveProperty("remote");
  });
});
