import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GATEWAY_KEY_PLACEHOLDER,
  startRuntimeGateway,
  type RuntimeGateway,
} from "./runtime-gateway.js";

let dir = "";
let runtime: Server;
let gateway: RuntimeGateway;

/** One request to the gateway's socket: status and body. */
function call(
  method: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: gateway.socketPath, method, path: url, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject).end();
  });
}

/** A WebSocket-style upgrade through the gateway: the status, then an echo of "ping". */
function upgrade(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({
      socketPath: gateway.socketPath,
      path: url,
      headers: { connection: "Upgrade", upgrade: "websocket" },
    });
    req.on("upgrade", (_res, socket) => {
      socket.once("data", (data: Buffer) => {
        socket.destroy();
        resolve(`101 ${data.toString()}`);
      });
      socket.write("ping");
    });
    req.on("response", (res) => {
      res.resume();
      resolve(String(res.statusCode));
    });
    req.on("error", reject).end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "winky-gateway-test-"));
  // Stands in for the runtime: says what reached it.
  runtime = createServer((req, res) => {
    const seen = {
      method: req.method,
      url: req.url,
      host: req.headers.host,
      auth: req.headers.authorization ?? null,
    };
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(seen));
  });
  runtime.on("upgrade", (req, socket) => {
    socket.write(
      "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
    );
    socket.on("data", (data: Buffer) => socket.write(`echo ${data.toString()} on ${req.url}`));
    socket.on("end", () => socket.end());
  });
  await new Promise<void>((resolve) => runtime.listen(0, "127.0.0.1", resolve));
  const address = runtime.address() as { port: number };
  gateway = await startRuntimeGateway({
    runtimeUrl: `http://127.0.0.1:${address.port}`,
    project: "run-42",
    socketPath: path.join(dir, "gateway.sock"),
    serviceKey: "the-real-service-key",
  });
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => runtime?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("the runtime gateway", () => {
  it("forwards the run's project's API with the job's Host", async () => {
    const { status, body } = await call("GET", "/v1/projects/run-42/auth/config?x=1", {
      authorization: "Bearer user-token",
    });
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      method: "GET",
      url: "/v1/projects/run-42/auth/config?x=1",
      host: "127.0.0.1:4000",
      auth: "Bearer user-token",
    });
  });

  it("puts the service key on allowed admin calls only, in place of the placeholder", async () => {
    const placeholder = { authorization: `Bearer ${GATEWAY_KEY_PLACEHOLDER}` };
    const mailbox = await call("GET", "/v1/projects/run-42/admin/mailbox?limit=5", placeholder);
    expect(JSON.parse(mailbox.body).auth).toBe("Bearer the-real-service-key");
    const documents = await call("GET", "/v1/projects/run-42/documents/a/b", placeholder);
    expect(JSON.parse(documents.body).auth).toBe(placeholder.authorization);
  });

  it("refuses another project's path with 403 and a message naming what is reachable", async () => {
    const { status, body } = await call("GET", "/v1/projects/other/admin/mailbox");
    expect(status).toBe(403);
    expect(JSON.parse(body)).toEqual({
      error: {
        code: "permission-denied",
        message: expect.stringContaining("only the API of project 'run-42'"),
      },
    });
  });

  it("refuses non-API URLs and the runtime's operator routes", async () => {
    for (const url of ["/", "/healthz", "/v1/admin/projects", "/assets/app.js"]) {
      expect((await call("GET", url)).status, url).toBe(403);
    }
    expect(gateway.stats().refusedPaths).toContain("/v1/admin/projects");
  });

  it("forwards WebSocket upgrades of listen, and refuses others", async () => {
    expect(await upgrade("/v1/projects/run-42/listen?access_token=t")).toBe(
      "101 echo ping on /v1/projects/run-42/listen?access_token=t",
    );
    expect(await upgrade("/v1/projects/other/listen")).toBe("403");
  });
});
