// The host API socket a function reaches at WINKY_HOST_SOCKET: its only way out of the sandbox.
// Wire format, one JSON object per line both ways:
//   function → host: {"id": <any JSON>, "request": <JSON>}
//   host → function: {"id": <same>, "response": <JSON>} or {"id": <same>, "error": {"message"}}
// Requests on one connection may be answered out of order; `id` pairs them.
import type { Socket } from "node:net";
import type { FunctionRef, HostApiHandler, JsonValue } from "../types.js";
import { LineReader } from "./protocol.js";
import { UnixSocketServer } from "./unix-socket.js";

/** The longest request line accepted; a longer one closes the connection. */
export const HOST_API_MAX_REQUEST = 1024 * 1024;
/** Connections one sandbox may hold open at once; more are refused. */
const MAX_CONNECTIONS = 64;

export async function serveHostApi(
  socketPath: string,
  handler: HostApiHandler | undefined,
  caller: FunctionRef,
): Promise<UnixSocketServer> {
  const server = await UnixSocketServer.listen(socketPath, (socket) =>
    handleConnection(socket, handler, caller),
  );
  server.server.maxConnections = MAX_CONNECTIONS;
  return server;
}

function handleConnection(
  socket: Socket,
  handler: HostApiHandler | undefined,
  caller: FunctionRef,
): void {
  socket.on("error", () => socket.destroy());
  const answer = (frame: object) => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(frame)}\n`);
  };
  const reader = new LineReader(
    HOST_API_MAX_REQUEST,
    (line) => {
      const parsed = parseRequest(line);
      if ("problem" in parsed) {
        answer({ id: parsed.id, error: { message: parsed.problem } });
        return;
      }
      if (!handler) {
        answer({ id: parsed.id, error: { message: "this sandbox has no host API" } });
        return;
      }
      const frozenCaller = Object.freeze({ ...caller });
      Promise.resolve()
        .then(() => handler(parsed.request, frozenCaller))
        .then(
          (response) => answer({ id: parsed.id, response: response ?? null }),
          (error: unknown) =>
            answer({
              id: parsed.id,
              error: { message: error instanceof Error ? error.message : String(error) },
            }),
        );
    },
    () => {
      answer({ id: null, error: { message: `request longer than ${HOST_API_MAX_REQUEST}` } });
      socket.end();
    },
  );
  socket.on("data", (chunk: Buffer) => reader.push(chunk));
}

function parseRequest(
  line: string,
): { id: JsonValue; request: JsonValue } | { id: JsonValue; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, problem: "malformed request: not JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { id: null, problem: 'malformed request: expected {"id", "request"}' };
  }
  const record = value as Record<string, JsonValue>;
  const id = record.id ?? null;
  if (!("request" in record)) return { id, problem: 'malformed request: no "request"' };
  return { id, request: record.request ?? null };
}
