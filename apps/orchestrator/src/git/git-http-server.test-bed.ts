// Shared by the Git integration tests: a smart-HTTP Git server behind HTTP Basic auth.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const BACKEND = "/usr/lib/git-core/git-http-backend";

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>`; a bare repository `name` is served at `<url>/<name>`. */
  url: string;
  /** A new bare repository under the server's root that accepts pushes; its path. */
  createBare(name: string): Promise<string>;
  /** The command lines of every git process alive while each request was served. */
  commandLines: string[];
  /** Requests answered 401 (no or wrong credentials). */
  refused: number;
  close(): Promise<void>;
}

/**
 * Git's own `git-http-backend` run as CGI per request, the way a hosting server runs it, with
 * one user and password. While a request is served, the pushing git and its remote helper are
 * waiting on it, so the command lines read from /proc at that moment show what they were given.
 */
export async function startGitHttpServer(user: {
  username: string;
  password: string;
}): Promise<GitHttpServer> {
  const root = await mkdtemp(path.join(tmpdir(), "winky-git-http-"));
  const expected = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString("base64")}`;
  const state = { commandLines: [] as string[], refused: 0 };
  const server = createServer((req, res) => {
    void (async () => {
      state.commandLines.push(...(await gitCommandLines()));
      if (req.headers.authorization !== expected) {
        state.refused += 1;
        req.resume();
        res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' }).end("unauthorized\n");
        return;
      }
      await serveCgi(req, res, root, user.username);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async createBare(name) {
      const dir = path.join(root, name);
      await exec("git", ["init", "--quiet", "--bare", "--initial-branch=main", dir]);
      await exec("git", ["--git-dir", dir, "config", "http.receivepack", "true"]);
      return dir;
    },
    get commandLines() {
      return state.commandLines;
    },
    get refused() {
      return state.refused;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Runs the backend with the CGI variables for `req`, and answers with what it printed. */
async function serveCgi(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  remoteUser: string,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const header = (name: string) => req.headers[name]?.toString() ?? "";
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: "1",
    REMOTE_USER: remoteUser,
    REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
    REQUEST_METHOD: req.method ?? "GET",
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: header("content-type"),
  };
  // Git gzips large request bodies and may ask for protocol v2: the backend reads both.
  if (header("content-length")) env.CONTENT_LENGTH = header("content-length");
  if (header("content-encoding")) env.HTTP_CONTENT_ENCODING = header("content-encoding");
  if (header("git-protocol")) env.HTTP_GIT_PROTOCOL = header("git-protocol");
  const child = spawn(BACKEND, [], { env, stdio: ["pipe", "pipe", "inherit"] });
  req.pipe(child.stdin);
  const chunks: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", () => resolve());
  });
  const output = Buffer.concat(chunks);
  // CGI output: header lines, a blank line, the body.
  let end = output.indexOf("\r\n\r\n");
  let skip = 4;
  if (end < 0) [end, skip] = [output.indexOf("\n\n"), 2];
  if (end < 0) throw new Error("git-http-backend printed no headers");
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of output.subarray(0, end).toString("latin1").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    const [name, value] = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  res.writeHead(status, headers).end(output.subarray(end + skip));
}

/** Every live process whose command line mentions git, its arguments joined by spaces. */
async function gitCommandLines(): Promise<string[]> {
  const lines: string[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (argv.includes("git")) lines.push(argv.split("\0").join(" ").trim());
  }
  return lines;
}
