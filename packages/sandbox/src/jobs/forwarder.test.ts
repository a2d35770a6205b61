import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORWARDER_SOURCE } from "./job-files.js";

// The forwarder runs unsandboxed here, on this machine's loopback: what it does inside a job.
let dir: string;
let socket: string;
let server: Server;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function forward(services: unknown, command: string[]): Promise<Outcome> {
  const argument = typeof services === "string" ? services : JSON.stringify(services);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [FORWARDER_SOURCE, argument, "--", ...command],
      { timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? null) : 0;
        resolve({ code: typeof code === "number" ? code : null, stdout, stderr });
      },
    );
  });
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "winky-forwarder-"));
  socket = path.join(dir, "service.sock");
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => response.end(`${request.method} ${request.url} ${body}`));
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("the job forwarder", () => {
  it("opens the service's port on 127.0.0.1 before the command starts", async () => {
    const port = await freePort();
    const script =
      `const r = await fetch("http://127.0.0.1:${port}/items?x=1", { method: "POST", body: "hi" });` +
      `console.log(r.status, await r.text());`;
    const outcome = await forward(
      [{ port, socket }],
      [process.execPath, "--input-type=module", "-e", script],
    );
    expect(outcome).toMatchObject({ code: 0, stdout: "200 POST /items?x=1 hi\n" });
  });

  it("exits with the command's status, and 128 + n for a signal", async () => {
    expect((await forward([], [process.execPath, "-e", "process.exit(3)"])).code).toBe(3);
    expect((await forward([], ["sh", "-c", "kill -TERM $$"])).code).toBe(143);
  });

  it("exits 127 when the command does not exist", async () => {
    const outcome = await forward([], ["/no/such/command"]);
    expect(outcome.code).toBe(127);
    expect(outcome.stderr).toContain("winky-forwarder: cannot run /no/such/command");
  });

  it("exits 71 without running the command when a port cannot be opened", async () => {
    const busy = createTcpServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const { port } = busy.address() as { port: number };
    try {
      const outcome = await forward([{ port, socket }], ["sh", "-c", "echo ran"]);
      expect(outcome.code).toBe(71);
      expect(outcome.stdout).toBe("");
      expect(outcome.stderr).toMatch(/winky-forwarder: cannot listen.*EADDRINUSE/);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it("refuses a services argument that is not a JSON array", async () => {
    expect(await forward("{", ["true"])).toMatchObject({
      code: 71,
      stderr: expect.stringContaining("not JSON"),
    });
    expect(await forward('{"port":1}', ["true"])).toMatchObject({
      code: 71,
      stderr: expect.stringContaining("must be an array"),
    });
  });
});
