import { execFile } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { TRPCError } from "@trpc/server";

const exec = promisify(execFile);

/** One commit of an app's repository, as the API shows it. */
export interface CommitView {
  sha: string;
  author: string;
  /** When it was authored, ISO 8601 in UTC. */
  authoredAt: string;
  /** The first line of the message. */
  subject: string;
  /** The runs whose `winky/run/<id>` tag points at it (a run that changed nothing tags HEAD). */
  runIds: string[];
}

// The database's check on apps.slug (`apps_slug_format`), repeated: the slug becomes a path.
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const RUN_TAG = /^tag: winky\/run\/([0-9a-f-]{36})$/i;
// Unit and record separators: neither can occur in a name, a date or a one-line subject.
const FIELD = "\x1f";
const FORMAT = ["%H", "%an", "%aI", "%s", "%D"].join("%x1f");

/**
 * The app's Git log, newest first, from the repository the workers commit to at
 * `<dataDir>/repos/<slug>`. A repository not made yet (the app never committed) or without a
 * commit is an empty log.
 *
 * @throws TRPCError PRECONDITION_FAILED when the orchestrator was given no data dir;
 *   INTERNAL_SERVER_ERROR for a slug that cannot name a repository (the database forbids it).
 */
export async function readAppCommits(
  dataDir: string | undefined,
  slug: string,
  limit: number,
): Promise<CommitView[]> {
  if (!dataDir) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message:
        "the Git log is read from the workers' data dir, which this orchestrator was not given " +
        "(set WINKY_DATA_DIR)",
    });
  }
  const repos = path.resolve(dataDir, "repos");
  const repo = path.resolve(repos, slug);
  // Belt and braces: a slug the pattern admits cannot leave `repos/`, but git gets no path
  // that was not checked to be one of its direct children.
  if (!SLUG.test(slug) || path.dirname(repo) !== repos) {
    throw new Error(`readAppCommits: ${JSON.stringify(slug)} cannot name a repository`);
  }
  if (!(await isDirectory(path.join(repo, ".git")))) return [];
  const git = gitIn(repo);
  const head = await git("rev-parse", "--verify", "--quiet", "HEAD").catch(() => null);
  if (head === null) return [];
  const out = await git(
    "log",
    "-z",
    `--max-count=${limit}`,
    `--format=${FORMAT}`,
    "--decorate=short",
    "--decorate-refs=refs/tags/winky/run/",
    "--no-color",
    "HEAD",
    "--",
  );
  return out
    .split("\0")
    .filter((record) => record.trim() !== "")
    .map(toCommitView);
}

function toCommitView(record: string): CommitView {
  const [sha = "", author = "", date = "", subject = "", refs = ""] = record
    .replace(/^\n+/, "")
    .split(FIELD);
  const runIds = refs
    .split(", ")
    .map((ref) => RUN_TAG.exec(ref.trim())?.[1])
    .filter((id): id is string => id !== undefined);
  return { sha, author, authoredAt: new Date(date).toISOString(), subject, runIds };
}

/**
 * Git in `repo` with a fixed environment: no system or user config, no prompts, no pager, so
 * nobody's settings change what is read. The repository is trusted explicitly, as the workers
 * that wrote it may run as another user than the API.
 */
function gitIn(repo: string) {
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: repo,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
  };
  return async (...args: string[]): Promise<string> => {
    const { stdout } = await exec(
      "git",
      ["-c", `safe.directory=${repo}`, "-c", "log.showSignature=false", ...args],
      { cwd: repo, env, maxBuffer: 16 * 1024 * 1024, timeout: 15_000 },
    );
    return stdout;
  };
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
