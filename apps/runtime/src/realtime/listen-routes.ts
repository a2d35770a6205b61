import websocket from "@fastify/websocket";
import type { FastifyInstance } from "fastify";
import type { AuthCore } from "../auth/core/index.js";
import { resolveCaller } from "../documents/api/caller.js";
import type { Caller } from "../documents/document-service.js";
import { parseDocumentPath } from "../documents/model/paths.js";
import { parseQuery } from "../documents/query/parse-query.js";
import { invalidArgument } from "../errors/runtime-error.js";
import { toRuntimeError } from "../errors/to-runtime-error.js";
import type { ProjectStore } from "../projects/project-store.js";
import type { ListenHub, ListenTarget } from "./listen-hub.js";

/**
 * `GET /v1/projects/:project/listen` (WebSocket). Credentials come as for HTTP (an
 * `Authorization` header) or, for browsers that cannot set headers, `?access_token=`. Then:
 * `{ "type": "listen", "id", "target": { "document": path } | { "query": { parent?, structuredQuery } } }`
 * and `{ "type": "unlisten", "id" }`; the server answers with `snapshot` and `error` messages.
 * Reconnecting and listening again starts with a full snapshot, so a client that diffs it
 * against what it had misses no change.
 */
export function registerListenRoutes(
  app: FastifyInstance,
  hub: ListenHub,
  deps: { auth: AuthCore; projects: ProjectStore; adminKey: string },
): void {
  void app.register(websocket);
  void app.register(async (scoped) => {
    scoped.get<{ Params: { project: string }; Querystring: { access_token?: string } }>(
      "/v1/projects/:project/listen",
      { websocket: true },
      (socket, request) => {
        const projectId = request.params.project;
        const ids = new Set<string>();
        let closed = false;
        const send = (message: unknown) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
        };
        const token = request.query.access_token;
        if (token && !request.headers.authorization)
          request.headers.authorization = `Bearer ${token}`;
        const caller: Promise<Caller> = (async () => {
          await deps.projects.get(projectId);
          return resolveCaller(request, projectId, deps);
        })();
        caller.catch((e: unknown) => {
          send({ type: "error", id: null, error: toRuntimeError(e).toJSON().error });
          socket.close(1008, "not authorized");
        });
        socket.on("message", (data) => {
          void (async () => {
            let message: { type?: unknown; id?: unknown; target?: unknown };
            try {
              message = JSON.parse(data.toString()) as typeof message;
            } catch {
              return send({
                type: "error",
                id: null,
                error: { code: "invalid-argument", message: "messages must be JSON" },
              });
            }
            const id = typeof message.id === "string" ? message.id : undefined;
            try {
              if (!id) throw invalidArgument("each message needs a string 'id'");
              if (message.type === "unlisten") {
                hub.unlisten(`${request.id}:${id}`);
                ids.delete(id);
                return;
              }
              if (message.type !== "listen") {
                throw invalidArgument(`unknown message type ${JSON.stringify(message.type)}`);
              }
              const target = parseTarget(message.target, projectId);
              ids.add(id);
              const who = await caller;
              // An unlisten or a close may have come while the credentials were checked.
              if (closed || !ids.has(id)) return;
              await hub.listen(`${request.id}:${id}`, projectId, who, target, (m) =>
                send({ ...m, id }),
              );
            } catch (e) {
              send({ type: "error", id: id ?? null, error: toRuntimeError(e).toJSON().error });
            }
          })();
        });
        socket.on("close", () => {
          closed = true;
          for (const id of ids) hub.unlisten(`${request.id}:${id}`);
        });
      },
    );
  });
}

function parseTarget(raw: unknown, projectId: string): ListenTarget {
  const target = (raw ?? {}) as { document?: unknown; query?: unknown };
  if (typeof target.document === "string")
    return { document: parseDocumentPath(target.document).path };
  if (target.query !== undefined) return { query: parseQuery(target.query, projectId) };
  throw invalidArgument("target: give { document } or { query }");
}
