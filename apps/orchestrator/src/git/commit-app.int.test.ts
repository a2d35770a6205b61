import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitApp } from "./commit-app.js";

const exec = promisify(execFile);

describe("committing an app", () => {
  let dir: string;
  let repo: string;
  const git = async (...args: string[]) => (await exec("git", args, { cwd: repo })).stdout.trim();
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-git-"));
    repo = path.join(dir, "apps", "notes");
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("creates the repository, commits the tree on main and tags the run", async () => {
    const { sha } = await commitApp({
      repo,
      runId: "r1",
      message: "Notes: first version",
      files: { "README.md": "# Notes\n", "src/main.tsx": "export {};\n" },
    });
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await git("branch", "--show-current")).toBe("main");
    expect(await git("rev-parse", "winky/run/r1")).toBe(sha);
    expect(await git("log", "--format=%an|%s")).toBe("Winky-Coder|Notes: first version");
    expect((await git("ls-files")).split("\n")).toEqual(["README.md", "src/main.tsx"]);
  });

  it("commits nothing twice for one run, and removes files a later run dropped", async () => {
    const again = await commitApp({ repo, runId: "r1", message: "x", files: {} });
    expect(again.sha).toBe(await git("rev-parse", "winky/run/r1"));
    expect(await git("rev-list", "--count", "HEAD")).toBe("1");

    const next = await commitApp({
      repo,
      runId: "r2",
      message: "Notes: tags",
      author: { name: "Ada", email: "ada@example.com" },
      files: { "README.md": "# Notes with tags\n" },
    });
    expect(await git("rev-list", "--count", "HEAD")).toBe("2");
    expect(await git("ls-files")).toBe("README.md");
    expect(await git("log", "-1", "--format=%an <%ae>")).toBe("Ada <ada@example.com>");
    expect(next.sha).toBe(await git("rev-parse", "HEAD"));
    expect((await readdir(repo)).sort()).toEqual([".git", "README.md"]);
  });

  it("refuses a path outside the repository and writes nothing", async () => {
    const before = await git("rev-parse", "HEAD");
    for (const bad of ["../escape.txt", ".git/hooks/post-commit", "/etc/x"]) {
      await expect(
        commitApp({ repo, runId: `bad-${bad.length}`, message: "x", files: { [bad]: "x" } }),
      ).rejects.toThrow(/refusing the path/);
    }
    expect(await git("rev-parse", "HEAD")).toBe(before);
    expect(await git("status", "--porcelain")).toBe("");
  });
});
