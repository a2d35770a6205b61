import { execFile } from "node:child_process";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** Who the platform commits as, unless a run names its author. */
const PLATFORM_AUTHOR = { name: "Winky-Coder", email: "winky@localhost" };

export interface CommitRequest {
  /** The app's repository; created when missing. */
  repo: string;
  /** The app's whole tree: path → content. Files not listed are removed. */
  files: Readonly<Record<string, string>>;
  message: string;
  /** The run the commit belongs to: tagged `winky/run/<runId>`, so a retry finds it. */
  runId: string;
  author?: { name: string; email: string };
}

/**
 * Commits an app's files to its Git repository (one per app, branch `main`) and tags the commit
 * with the run. Idempotent: when the run's tag exists the commit is already made and its sha is
 * answered (a worker that died after committing and is resumed commits nothing twice). Git runs
 * with a fixed environment — no user config, hooks or prompts — so a machine's Git settings
 * cannot change what is committed.
 *
 * @returns the repository and the commit's sha.
 */
export async function commitApp(request: CommitRequest): Promise<{ repo: string; sha: string }> {
  const { runId } = request;
  const repo = path.resolve(request.repo);
  const tag = `winky/run/${runId}`;
  await mkdir(repo, { recursive: true });
  const git = gitIn(repo, request.author ?? PLATFORM_AUTHOR);
  if (!(await isRepository(repo))) await git("init", "--quiet", "--initial-branch=main");
  const tagged = await git("rev-parse", "--verify", "--quiet", `refs/tags/${tag}^{commit}`).catch(
    () => undefined,
  );
  if (tagged) return { repo, sha: tagged };

  await replaceTree(repo, request.files);
  await git("add", "--all");
  const hasHead = await git("rev-parse", "--verify", "--quiet", "HEAD").catch(() => undefined);
  const changed = !hasHead || (await git("status", "--porcelain")).length > 0;
  // An identical tree (a run that changed nothing) still gets its tag, on the current commit.
  if (changed) await git("commit", "--quiet", "--no-verify", "--message", request.message);
  await git("tag", tag);
  return { repo, sha: await git("rev-parse", "HEAD") };
}

function gitIn(repo: string, author: { name: string; email: string }) {
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: repo,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: PLATFORM_AUTHOR.name,
    GIT_COMMITTER_EMAIL: PLATFORM_AUTHOR.email,
  };
  return async (...args: string[]): Promise<string> => {
    const { stdout } = await exec("git", ["-c", "core.hooksPath=/dev/null", ...args], {
      cwd: repo,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.trim();
  };
}

async function isRepository(repo: string): Promise<boolean> {
  return readdir(path.join(repo, ".git")).then(
    () => true,
    () => false,
  );
}

/** Makes the working tree exactly `files`: everything else but `.git` is removed first. */
async function replaceTree(repo: string, files: Readonly<Record<string, string>>): Promise<void> {
  // Every path is checked before anything changes: a bad one leaves the tree as it was.
  const targets = Object.entries(files).map(([file, content]) => {
    const target = path.resolve(repo, file);
    if (!target.startsWith(repo + path.sep) || file.split("/").includes(".git")) {
      throw new Error(`commitApp: refusing the path ${JSON.stringify(file)} (outside the repo)`);
    }
    return { target, content };
  });
  for (const entry of await readdir(repo)) {
    if (entry !== ".git") await rm(path.join(repo, entry), { recursive: true, force: true });
  }
  for (const { target, content } of targets) {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
