import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitApp } from "./commit-app.js";
import { startGitHttpServer, type GitHttpServer } from "./git-http-server.test-bed.js";
import { pushApp, runGit, type GitRunner } from "./push-app.js";

const exec = promisify(execFile);
const USER = "winky-bot";
const PASSWORD = `pw-${randomUUID()}`;
/** A value that prints as `[secret]`, as `@winky/secrets`' `Secret` does. */
const secret = (value: string) => ({ reveal: () => value, toString: () => "[secret]" });

describe("pushing an app's repository", () => {
  let dir: string;
  let repo: string;
  let server: GitHttpServer;
  /** The bare repository the first test pushes to. */
  let notes: string;
  /** Every git invocation pushApp made: its argv and the environment it was given. */
  const calls: Array<{ args: readonly string[]; env: Readonly<Record<string, string>> }> = [];
  const recording: GitRunner = (args, options) => {
    calls.push({ args, env: options.env });
    return runGit(args, options);
  };
  const rev = async (gitDir: string, ref: string) =>
    (
      await exec("git", ["--git-dir", gitDir, "rev-parse", "--verify", "--quiet", ref])
    ).stdout.trim();
  const refsOf = async (gitDir: string) =>
    (await exec("git", ["--git-dir", gitDir, "for-each-ref", "--format=%(refname)"])).stdout.trim();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-push-"));
    repo = path.join(dir, "repos", "notes");
    await commitApp({ repo, runId: "r1", message: "Notes", files: { "README.md": "# Notes\n" } });
    server = await startGitHttpServer({ username: USER, password: PASSWORD });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("pushes the branch and the run's tag with the password from the secret store", async () => {
    const bare = (notes = await server.createBare("notes.git"));
    const pushed = await pushApp({
      repo,
      remote: `${server.url}/notes.git`,
      runId: "r1",
      credentials: { username: USER, password: secret(PASSWORD) },
      runGit: recording,
    });
    const sha = await rev(path.join(repo, ".git"), "HEAD");
    expect(pushed).toEqual({
      remote: `${server.url}/notes.git`,
      sha,
      updated: ["refs/heads/main", "refs/tags/winky/run/r1"],
    });
    expect(await rev(bare, "refs/heads/main")).toBe(sha);
    expect(await rev(bare, "refs/tags/winky/run/r1^{commit}")).toBe(sha);
    // Nothing about the remote is kept in the app's repository.
    expect(await readFile(path.join(repo, ".git", "config"), "utf8")).not.toContain(server.url);
  });

  it("never puts the password in any git process's argv, only in the push's environment", async () => {
    expect(calls.length).toBeGreaterThan(0);
    for (const { args } of calls) expect(args.join(" ")).not.toContain(PASSWORD);
    const push = calls.find((c) => c.args.includes("push"))!;
    expect(push.env.WINKY_GIT_PASSWORD).toBe(PASSWORD);
    expect(push.args).not.toContain("--force");
    // Read from /proc while the server answered: the pushing git and git-remote-http were alive.
    expect(server.commandLines.some((line) => line.includes("git-remote-http"))).toBe(true);
    for (const line of server.commandLines) expect(line).not.toContain(PASSWORD);
  });

  it("changes nothing when the remote already has the run (a resumed run pushes again)", async () => {
    const before = await refsOf(notes);
    const again = await pushApp({
      repo,
      remote: `${server.url}/notes.git`,
      runId: "r1",
      credentials: { username: USER, password: secret(PASSWORD) },
    });
    expect(again.updated).toEqual([]);
    expect(await refsOf(notes)).toBe(before);
  });

  it("refuses a wrong password clearly, pushes nothing and repeats neither password", async () => {
    const bare = await server.createBare("refused.git");
    const wrong = `wrong-${randomUUID()}`;
    const refusedBefore = server.refused;
    const error = await pushApp({
      repo,
      remote: `http://${USER}@${server.url.slice("http://".length)}/refused.git`,
      runId: "r1",
      credentials: { password: secret(wrong) },
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`pushing to ${server.url}/refused.git failed`);
    expect(message).toMatch(/Authentication failed/);
    expect(message).not.toContain(`${USER}@`);
    for (const pw of [wrong, PASSWORD]) expect(message).not.toContain(pw);
    expect(server.refused).toBeGreaterThan(refusedBefore);
    expect(await refsOf(bare)).toBe("");
    const config = await readFile(path.join(repo, ".git", "config"), "utf8");
    for (const pw of [wrong, PASSWORD]) expect(config).not.toContain(pw);
  });

  it("refuses without credentials instead of prompting", async () => {
    await server.createBare("anonymous.git");
    await expect(
      pushApp({ repo, remote: `${server.url}/anonymous.git`, runId: "r1" }),
    ).rejects.toThrow(/anonymous\.git failed: .*(terminal prompts disabled|Authentication)/);
  });

  it("redacts the password when git's message echoes it", async () => {
    const echoing: GitRunner = async (args, options) =>
      args.includes("push")
        ? { code: 128, stdout: "", stderr: `fatal: bad token ${PASSWORD}\n`, signal: null }
        : runGit(args, options);
    const error = await pushApp({
      repo,
      remote: `${server.url}/notes.git`,
      runId: "r1",
      credentials: { username: USER, password: secret(PASSWORD) },
      runGit: echoing,
    }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `pushApp: pushing to ${server.url}/notes.git failed: fatal: bad token [secret]`,
    );
  });

  it("refuses a remote with other history rather than forcing, and pushes no tag", async () => {
    const bare = await server.createBare("diverged.git");
    const other = path.join(dir, "other");
    await commitApp({ repo: other, runId: "x", message: "other", files: { "a.txt": "other\n" } });
    await exec("git", ["push", "--quiet", bare, "main"], { cwd: other });
    const theirs = await rev(bare, "refs/heads/main");
    await expect(
      pushApp({
        repo,
        remote: `${server.url}/diverged.git`,
        runId: "r1",
        credentials: { username: USER, password: secret(PASSWORD) },
      }),
    ).rejects.toThrow(/diverged\.git failed: .*refs\/heads\/main.*rejected/);
    expect(await rev(bare, "refs/heads/main")).toBe(theirs);
    expect(await refsOf(bare)).toBe("refs/heads/main");
  });

  it("names an unreachable remote and git's reason", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      pushApp({
        repo,
        remote: `http://127.0.0.1:${port}/notes.git`,
        runId: "r1",
        credentials: { username: USER, password: secret(PASSWORD) },
      }),
    ).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${port}/notes\\.git failed: .*connect`, "i"));
  });

  it("pushes to a file:// bare repository without credentials, idempotently", async () => {
    const bare = path.join(dir, "file-remote.git");
    await exec("git", ["init", "--quiet", "--bare", bare]);
    const first = await pushApp({ repo, remote: `file://${bare}`, runId: "r1" });
    expect(first.updated).toEqual(["refs/heads/main", "refs/tags/winky/run/r1"]);
    expect(await rev(bare, "refs/tags/winky/run/r1^{commit}")).toBe(first.sha);
    expect((await pushApp({ repo, remote: `file://${bare}`, runId: "r1" })).updated).toEqual([]);
  });

  it("refuses bad remotes and misplaced credentials before running git", async () => {
    const cases: Array<[string, RegExp]> = [
      [`https://bot:${PASSWORD}@example.com/a.git`, /carries a password; give it as credentials/],
      ["ext::sh -c touch% /tmp/pwned", /not a URL|unsupported remote/],
      ["/srv/git/notes.git", /not a URL/],
      [`${PASSWORD}:x@host:path`, /unsupported remote/],
    ];
    for (const [remote, expected] of cases) {
      const error = await pushApp({ repo, remote, runId: "r1" }).catch((e: Error) => e);
      expect((error as Error).message).toMatch(expected);
      expect((error as Error).message).not.toContain(PASSWORD);
    }
    await expect(
      pushApp({
        repo,
        remote: `file://${dir}/x.git`,
        runId: "r1",
        credentials: { password: secret(PASSWORD) },
      }),
    ).rejects.toThrow(/credentials are sent to http\(s\) remotes only/);
  });

  it("refuses to push a run that was not committed", async () => {
    await expect(pushApp({ repo, remote: `file://${dir}/x.git`, runId: "nope" })).rejects.toThrow(
      /has no tag winky\/run\/nope \(commit the run first\)/,
    );
  });
});
