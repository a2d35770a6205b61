import type { FastifyInstance } from "fastify";
import type pg from "pg";
import { z } from "zod";
import { authenticateAdmin, requireProject } from "../admin/admin-auth.js";
import { parseBody } from "../admin/parse-body.js";
import type { ProjectStore } from "../projects/project-store.js";
import type { Queue } from "bullmq";
import { RuntimeError } from "../errors/runtime-error.js";
import { listEvents } from "./event-log.js";
import type { QueuedEvent } from "./event-queue.js";
import { replayEvents } from "./replay.js";

const KINDS = [
  "document.created",
  "document.updated",
  "document.deleted",
  "auth.user.created",
  "auth.user.deleted",
  "storage.object.finalized",
  "storage.object.deleted",
] as const;
const instant = z.iso.datetime({ offset: true });

const Replay = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    kinds: z.array(z.enum(KINDS)).min(1).optional(),
    subjectPrefix: z.string().min(1).max(6144).optional(),
  })
  .strict();

const Query = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    /** Comma-separated kinds. */
    kind: z
      .string()
      .transform((s) => s.split(","))
      .pipe(z.array(z.enum(KINDS)))
      .optional(),
    subjectPrefix: z.string().min(1).max(6144).optional(),
    pageToken: z
      .string()
      .regex(/^[\w:.+-]{1,64}~\d{1,19}$/, "expected the nextPageToken of a previous page")
      .optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

/**
 * `GET /v1/projects/:project/admin/events`: the project's event log in commit-time order, by
 * time range (`from` inclusive, `to` exclusive), kinds and subject prefix, a page at a time
 * (`pageToken`: the previous page's `nextPageToken`).
 * Before/after snapshots come in the documents' wire format.
 */
export function registerEventRoutes(
  app: FastifyInstance,
  pool: pg.Pool,
  store: ProjectStore,
  adminKey: string,
  queue: Queue<QueuedEvent> | undefined,
): void {
  // Runs the selected events through the triggers again (events/replay.ts).
  app.post<{ Params: { project: string } }>(
    "/v1/projects/:project/admin/events:replay",
    async (request) => {
      requireProject(await authenticateAdmin(request, adminKey, store), request.params.project);
      const project = await store.get(request.params.project);
      const filter = parseBody(Replay, request.body);
      if (!queue) {
        throw new RuntimeError(
          "failed-precondition",
          "events cannot be replayed: this runtime has no event queue (set REDIS_URL)",
        );
      }
      return replayEvents(pool, queue, project.id, filter);
    },
  );

  app.get<{ Params: { project: string } }>(
    "/v1/projects/:project/admin/events",
    async (request) => {
      requireProject(await authenticateAdmin(request, adminKey, store), request.params.project);
      const project = await store.get(request.params.project);
      const { pageToken, kind, ...filter } = parseBody(Query, request.query);
      const after = pageToken?.split("~");
      const events = await listEvents(pool, project.id, {
        ...filter,
        ...(kind ? { kinds: kind } : {}),
        ...(after ? { after: { time: after[0]!, id: after[1]! } } : {}),
      });
      const last = events.at(-1);
      return {
        events,
        ...(last && events.length === filter.limit
          ? { nextPageToken: `${last.time}~${last.id}` }
          : {}),
      };
    },
  );
}
