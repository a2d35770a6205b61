import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ListeningService } from "@winky/config";
import { isLoopbackAddress, PEER_HEADER } from "./peer.js";

/** Answers every request but `/healthz`: Next's request handler in production. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Where the server writes its few lines: one JSON object each, like the Fastify apps. */
export interface StudioLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Open streams (a run's live events) get this long to end before shutdown cuts them. */
const SHUTDOWN_GRACE_MS = 3_000;

/**
 * The studio's HTTP server, shaped for `runService` (listen, close, log). `/healthz` is
 * answered here, without Next, so `winky dev` sees the studio up as soon as it listens and a
 * Next failure cannot hide that the process is alive.
 */
export function createStudioServer(
  handle: RequestHandler,
  log: StudioLog,
  onClose: () => Promise<void> = async () => {},
): ListeningService & { server: Server } {
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url?.split("?")[0] === "/healthz") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ status: "ok", service: "studio" }));
      return;
    }
    // Who is really on the other end, for pages that serve this machine only (the dev
    // mailbox): set from the socket, so a client cannot claim it.
    req.headers[PEER_HEADER] = isLoopbackAddress(req.socket.remoteAddress) ? "loopback" : "remote";
    handle(req, res).catch((e: unknown) => {
      log.error(
        { url: req.url, err: e instanceof Error ? e.message : String(e) },
        "request failed",
      );
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("The studio could not answer this request.");
    });
  });
  return {
    server,
    log,
    listen: ({ host, port }) =>
      new Promise<string>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address() as AddressInfo;
          const url = `http://${address.address}:${address.port}`;
          log.info({ url }, "studio listening");
          resolve(url);
        });
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      cut.unref();
      await closed;
      clearTimeout(cut);
      await onClose();
    },
  };
}

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];

/** A JSON-lines logger on stdout that drops what is below `level` (`silent`: everything). */
export function createJsonLog(
  level: string,
  write: (line: string) => void = (line) => void process.stdout.write(line),
): StudioLog {
  const threshold = level === "silent" ? Infinity : LEVELS.indexOf(level);
  const at =
    (name: string) =>
    (details: object, message: string): void => {
      if (LEVELS.indexOf(name) < threshold) return;
      write(
        `${JSON.stringify({ level: name, time: Date.now(), service: "studio", ...details, msg: message })}\n`,
      );
    };
  return { info: at("info"), error: at("error") };
}
