import { execFile } from "node:child_process";
import path from "node:path";
import { parseRemote } from "./remote-url.js";

/**
 * A value from the secret store: `@winky/secrets`' `Secret` fits (structurally, so the
 * orchestrator needs no dependency on it). {@link pushApp} calls `reveal()` once, right before
 * starting git, and puts the value only in git's environment.
 */
export interface SecretLike {
  reveal(): string;
}

/** HTTP credentials for a push (http and https remotes only). */
export interface PushCredentials {
  /** Defaults to the URL's user, else `git` (token-based hosts accept any user name). */
  username?: string;
  password: SecretLike;
}

/** Where each app's repository is pushed after its run commits, and as whom. */
export interface AppRemote {
  /** The remote of the app named `app` (its slug), e.g. `https://git.example.com/apps/${app}.git`. */
  url: (app: string) => string;
  /** The HTTP user name; defaults to the URL's user, else `git`. */
  username?: string;
  /** Reads the password from the secret store, at each push; `undefined` pushes without one. */
  password?: () => Promise<SecretLike | undefined>;
}

/** How a git process ends; a runner never rejects (its errors would print argv and stderr). */
export interface GitResult {
  code: number | null;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
}

export type GitRunner = (
  args: readonly string[],
  options: { cwd: string; env: Readonly<Record<string, string>>; timeoutMs: number },
) => Promise<GitResult>;

export interface PushRequest {
  /** The app's local repository, as `commitApp` left it. */
  repo: string;
  /** https, http, file:// or ssh; never stored in the repository's config. */
  remote: string;
  /** The run whose tag `winky/run/<runId>` is pushed (with the branch). */
  runId: string;
  /** The branch pushed; `main`, what `commitApp` commits on. */
  branch?: string;
  credentials?: PushCredentials;
  /** Git is stopped after this long (a remote that accepts a connection and never answers). */
  timeoutMs?: number;
  /** Runs git; tests wrap {@link runGit} to see every argv. */
  runGit?: GitRunner;
}

export interface PushResult {
  /** The remote URL without userinfo. */
  remote: string;
  /** The run's commit. */
  sha: string;
  /** The remote refs this push created or moved; empty when the remote had them already. */
  updated: string[];
}

/** Starts git with exactly `args` and `env`; never a shell. */
export const runGit: GitRunner = (args, { cwd, env, timeoutMs }) =>
  new Promise((resolve) => {
    const options = { cwd, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 };
    execFile("git", args, options, (error, stdout, stderr) => {
      if (!error) return resolve({ code: 0, stdout, stderr, signal: null });
      // A spawn failure (no git installed) has a string code and no stderr: its message is
      // "spawn git ENOENT". Otherwise the message would repeat argv and stderr, so it is dropped.
      const code = typeof error.code === "number" ? error.code : null;
      const said = typeof error.code === "string" ? `${stderr}${error.message}` : stderr;
      resolve({ code, stdout, stderr: said, signal: error.signal ?? null });
    });
  });

// Git's credential helper for one push: the values come from its environment, never argv.
// It reads its input to the end (git writes it first) and answers `get` only.
const HELPER =
  '!f() { cat >/dev/null; if [ "$1" = get ]; then ' +
  'printf "username=%s\\npassword=%s\\n" "$WINKY_GIT_USERNAME" "$WINKY_GIT_PASSWORD"; fi; }; f';

// What git may see of this process's environment: ssh's agent, proxies and CA bundles.
const PASSED_THROUGH = [
  "SSH_AUTH_SOCK",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "GIT_SSL_CAINFO",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
];

/**
 * Pushes an app repository's branch and a run's tag to a remote, atomically (both or neither)
 * and never forced: a remote with other history refuses, and a resumed run pushing again
 * changes nothing. The URL is given to `git push` directly, so no remote is written to the
 * repository's config. A password reaches git through a one-push credential helper that reads
 * it from the git child's environment: never argv (which `ps` shows), the URL or a file. No other
 * helper, prompt, `~/.netrc` or user config takes part. Errors name the remote without
 * userinfo and give git's reason, the password redacted if git echoed it.
 */
export async function pushApp(request: PushRequest): Promise<PushResult> {
  const remote = parseRemote(request.remote);
  const repo = path.resolve(request.repo);
  const branch = request.branch ?? "main";
  const tag = `winky/run/${request.runId}`;
  const run = request.runGit ?? runGit;
  const timeoutMs = request.timeoutMs ?? 300_000;
  const fail = (reason: string) =>
    new Error(`pushApp: pushing to ${remote.display} failed: ${reason}`);
  const { credentials } = request;
  if (credentials && remote.kind !== "http") {
    throw fail(`credentials are sent to http(s) remotes only, not ${remote.kind}`);
  }

  const env = gitEnv(remote.kind === "ssh");
  const config = ["-c", "core.hooksPath=/dev/null", "-c", "credential.helper="];
  const tagged = ["rev-parse", "--verify", "--quiet", `refs/tags/${tag}^{commit}`];
  const local = await run([...config, ...tagged], { cwd: repo, env, timeoutMs });
  if (local.code !== 0) throw fail(`${repo} has no tag ${tag} (commit the run first)`);
  const sha = local.stdout.trim();

  const secrets: string[] = [];
  if (credentials) {
    const username = credentials.username ?? remote.user ?? "git";
    // Unwrapped here and nowhere else: into the environment of this one git process tree.
    const password = credentials.password.reveal();
    if (/[\n\r\0]/.test(username) || /[\n\r\0]/.test(password)) {
      throw fail("the user name or password holds a line break, which git cannot send");
    }
    if (password) secrets.push(password, encodeURIComponent(password));
    Object.assign(env, { WINKY_GIT_USERNAME: username, WINKY_GIT_PASSWORD: password });
    config.push("-c", `credential.helper=${HELPER}`);
  }
  const refspecs = [`refs/heads/${branch}`, `refs/tags/${tag}`].map((ref) => `${ref}:${ref}`);
  const args = [...config, "push", "--porcelain", "--atomic", remote.url, ...refspecs];
  const pushed = await run(args, { cwd: repo, env, timeoutMs });
  const redact = (text: string) =>
    secrets
      .reduce((t, secret) => t.split(secret).join("[secret]"), text)
      .split(remote.url)
      .join(remote.display);
  if (pushed.code !== 0) {
    const reason =
      pushed.signal && pushed.code === null
        ? `no answer within ${Math.round(timeoutMs / 1000)} s`
        : reasonOf(pushed);
    throw fail(redact(reason));
  }
  return { remote: remote.display, sha, updated: updatedRefs(pushed.stdout) };
}

function gitEnv(ssh: boolean): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    // ssh finds its keys and known hosts under HOME (git's own config there is ignored below);
    // any other transport gets none, so no `~/.netrc` lends its passwords.
    HOME: ssh ? (process.env.HOME ?? "/nonexistent") : "/nonexistent",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    // `ext::` and the like run commands; a remote is one of these or nothing.
    GIT_ALLOW_PROTOCOL: "http:https:file:ssh",
    // BatchMode: ssh fails rather than waiting on a password or host-key question.
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? "ssh -o BatchMode=yes",
  };
  for (const name of PASSED_THROUGH) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

/** Git's refusal in a line: rejected refs from `--porcelain`, then stderr without hints. */
function reasonOf(result: GitResult): string {
  const rejected = result.stdout
    .split("\n")
    .filter((line) => line.startsWith("!"))
    .map((line) => line.slice(1).trim().replace(/\t+/g, " "));
  const said = result.stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("hint:"));
  const reason = [...rejected, ...said].join("; ");
  return reason || `git exited with ${result.code ?? result.signal}`;
}

/** The remote refs `--porcelain` reports as created (`*`), fast-forwarded (` `) or forced. */
function updatedRefs(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((line) => /^[* +]\t/.test(line))
    .map((line) => line.split("\t")[1]!.split(":")[1]!);
}
