import { unlink } from "node:fs/promises";
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { gatewayVerdict } from "./gateway-policy.js";

export interface RuntimeGatewayOptions {
  /** The runtime's own URL on this machine, e.g. `http://127.0.0.1:41234`. */
  runtimeUrl: string;
  /** The run's project: the only one reachable. */
  project: string;
  /** Where to listen: a Unix socket path (its dir must exist; a stale socket is replaced). */
  socketPath: string;
  /**
   * The project's service key, put on the admin calls the policy allows (the dev mailbox,
   * test roles) in place of {@link GATEWAY_KEY_PLACEHOLDER}: the key never enters the job.
   */
  serviceKey?: string;
  /** The `Host` the runtime sees (it builds URLs from it): where the job reaches the gateway. */
  publicHost?: string;
}

export interface RuntimeGateway {
  socketPath: string;
  /** Requests forwarded and refused so far, for the report. */
  stats(): { forwarded: number; refused: number; refusedPaths: string[] };
  /** Stops listening, cuts open connections (WebSockets too) and removes the socket. */
  close(): Promise<void>;
}

/** What a job sends as its service key; the gateway swaps in the real one on admin calls. */
export const GATEWAY_KEY_PLACEHOLDER = "winky-gateway-injects-the-service-key";

// Hop-by-hop headers (RFC 9110 §7.6.1) and headers that would let the job pose as a proxy.
const DROPPED = new Set([
  "connection",
  "keep-alive",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
]);

/**
 * A host-side HTTP proxy on a Unix socket, the smoke job's only way out (`runJob`'s
 * `services` lead `127.0.0.1:4000` in the job to it). It forwards the run's project's API to
 * the runtime, WebSocket upgrades of `…/listen` included, and answers everything else 403
 * with the runtime's error shape and a message saying what is reachable.
 */
export async function startRuntimeGateway(options: RuntimeGatewayOptions): Promise<RuntimeGateway> {
  const target = new URL(options.runtimeUrl);
  const port = Number(target.port || 80);
  const publicHost = options.publicHost ?? "127.0.0.1:4000";
  const sockets = new Set<Duplex>();
  const counts = { forwarded: 0, refused: 0, refusedPaths: [] as string[] };

  const headersFor = (request: IncomingMessage, admin: boolean): IncomingHttpHeaders => {
    const headers: IncomingHttpHeaders = { host: publicHost };
    for (const [name, value] of Object.entries(request.headers)) {
      if (!DROPPED.has(name) && name !== "host") headers[name] = value;
    }
    const placeholder = `Bearer ${GATEWAY_KEY_PLACEHOLDER}`;
    if (admin && options.serviceKey && headers.authorization === placeholder) {
      headers.authorization = `Bearer ${options.serviceKey}`;
    }
    return headers;
  };

  const refuse = (url: string, reason: string): string => {
    counts.refused += 1;
    if (counts.refusedPaths.length < 20) counts.refusedPaths.push(url.split("?")[0]!);
    return JSON.stringify({ error: { code: "permission-denied", message: `gateway: ${reason}` } });
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? "/";
    const verdict = gatewayVerdict(request.method ?? "GET", url, options.project);
    if (!verdict.allowed) {
      request.resume();
      response.writeHead(403, { "content-type": "application/json" });
      response.end(refuse(url, verdict.reason));
      return;
    }
    counts.forwarded += 1;
    const upstream = httpRequest(
      {
        host: target.hostname,
        port,
        method: request.method,
        path: url,
        headers: headersFor(request, verdict.admin),
      },
      (answer) => {
        const headers = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => !DROPPED.has(name)),
        );
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", (e) => {
      if (response.headersSent) return void response.destroy();
      response.writeHead(502, { "content-type": "application/json" });
      const message = `gateway: the runtime did not answer (${e.message})`;
      response.end(JSON.stringify({ error: { code: "unavailable", message } }));
    });
    request.pipe(upstream);
  });

  server.on("upgrade", (request: IncomingMessage, client: Duplex, head: Buffer) => {
    const url = request.url ?? "/";
    const verdict = gatewayVerdict(request.method ?? "GET", url, options.project, {
      upgrade: true,
    });
    if (!verdict.allowed) {
      const body = refuse(url, verdict.reason);
      client.end(
        "HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\n" +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    counts.forwarded += 1;
    const upstream: Socket = connect(port, target.hostname);
    sockets.add(client).add(upstream);
    const headers = headersFor(request, false);
    // The upgrade's own hop-by-hop headers go through: they are the handshake.
    headers.connection = "Upgrade";
    headers.upgrade = request.headers.upgrade ?? "websocket";
    const lines = Object.entries(headers).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value ?? ""]).map((v) => `${name}: ${v}`),
    );
    upstream.write(`GET ${url} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client).pipe(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", cut).on("close", cut);
    upstream.on("error", cut).on("close", cut);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await unlink(options.socketPath).catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.socketPath, () => resolve());
  });

  return {
    socketPath: options.socketPath,
    stats: () => ({ ...counts, refusedPaths: [...counts.refusedPaths] }),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await unlink(options.socketPath).catch(() => undefined);
    },
  };
}
