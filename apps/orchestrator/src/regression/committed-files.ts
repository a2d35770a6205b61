import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** The app as committed: its HEAD commit and every file of that commit's tree as text. */
export interface CommittedApp {
  sha: string;
  files: Record<string, string>;
}

/** Regular files (`100644`, `100755`); symlinks and submodules are no app source. */
const REGULAR_FILE = /^100(644|755)$/;

/**
 * Reads the tree at HEAD of an app's repository (`git ls-tree` and `git cat-file`, no shell,
 * no working tree: what was committed is what is checked, whatever is lying around). Git runs
 * without the machine's or user's configuration, like the commit step.
 *
 * @throws Error naming the repository when it is missing, has no commit, or holds a file that
 *   is not UTF-8 text (the checks take an app as text).
 */
export async function readCommittedApp(repo: string): Promise<CommittedApp> {
  const git = async (args: string[], encoding: "utf8" | "buffer" = "utf8") => {
    try {
      const { stdout } = await exec("git", ["-c", "core.hooksPath=/dev/null", ...args], {
        cwd: repo,
        env: gitEnv(repo),
        encoding,
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout;
    } catch (e) {
      // A missing cwd makes the spawn fail as if git itself were missing: say which is missing.
      if (!existsSync(repo)) {
        throw new Error(`the app's repository ${repo} does not exist`, { cause: e });
      }
      const reason = String((e as { stderr?: unknown }).stderr ?? "").trim();
      throw new Error(
        `the app's repository ${repo} cannot be read (git ${args[0]}): ${reason || (e as Error).message}`,
        { cause: e },
      );
    }
  };
  const sha = String(await git(["rev-parse", "--verify", "HEAD^{commit}"])).trim();
  const listing = String(await git(["ls-tree", "-r", "-z", "--full-tree", sha]));
  const files: Record<string, string> = {};
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  for (const entry of listing.split("\0")) {
    if (entry === "") continue;
    // "<mode> <type> <object>\t<path>"; paths come verbatim thanks to -z.
    const tab = entry.indexOf("\t");
    const [mode, type, object] = entry.slice(0, tab).split(" ");
    const file = entry.slice(tab + 1);
    if (type !== "blob" || !REGULAR_FILE.test(mode ?? "")) continue;
    const bytes = (await git(["cat-file", "blob", object!], "buffer")) as Buffer;
    try {
      files[file] = utf8.decode(bytes);
    } catch {
      throw new Error(`the app's repository ${repo} holds ${file}, which is not UTF-8 text`);
    }
  }
  return { sha, files };
}

function gitEnv(repo: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: repo,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
  };
}
