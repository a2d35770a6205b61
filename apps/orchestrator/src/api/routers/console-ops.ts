import type { EventPage, FunctionLog, ProjectFunction } from "@winky/admin-client";
import { z } from "zod";
import { idInput } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";
import { appProjectOf, auditConsoleChange, onRuntime } from "./console-runtime.js";

const appId = idInput("app");

/** The kinds the runtime's event log records (its `events/event-routes.ts`). */
export const EVENT_KINDS = [
  "document.created",
  "document.updated",
  "document.deleted",
  "auth.user.created",
  "auth.user.deleted",
  "storage.object.finalized",
  "storage.object.deleted",
] as const;

const instant = z.iso.datetime({ offset: true, error: "expected an RFC 3339 time" });

/** Which events: a time range (`from` inclusive, `to` exclusive), kinds, a subject prefix. */
const eventFilter = {
  from: instant.optional(),
  to: instant.optional(),
  kinds: z.array(z.enum(EVENT_KINDS)).min(1).optional(),
  subjectPrefix: z.string().trim().min(1).max(1024).optional(),
};

const functionName = z
  .string()
  .regex(/^[A-Za-z][\w-]{0,62}$/, "a function name starts with a letter: letters, digits, _ or -");

/** The app's functions and their logs (viewer+). */
export const consoleFunctionsRouter = router({
  list: procedureFor("viewer")
    .input(z.object({ appId }))
    .query(async ({ ctx, input }): Promise<ProjectFunction[]> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      return onRuntime(() => runtime.listFunctions(project));
    }),

  /** The latest invocations' logs of one function, newest first. */
  logs: procedureFor("viewer")
    .input(
      z.object({ appId, name: functionName, limit: z.number().int().min(1).max(200).default(50) }),
    )
    .query(async ({ ctx, input }): Promise<FunctionLog[]> => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      return onRuntime(() => runtime.functionLogs(project, input.name, input.limit));
    }),
});

/** The project's event log (viewer+) and its replay through the triggers (admin+). */
export const consoleEventsRouter = router({
  list: procedureFor("viewer")
    .input(
      z.object({
        appId,
        ...eventFilter,
        limit: z.number().int().min(1).max(100).default(25),
        pageToken: z.string().min(1).max(128).optional(),
      }),
    )
    .query(async ({ ctx, input }): Promise<EventPage> => {
      const { appId: _appId, ...filter } = input;
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      return onRuntime(() => runtime.listEvents(project, filter));
    }),

  /**
   * Delivers the selected events to the triggers again, under a new replay id (handlers that
   * deduplicate on `eventId` see them as the same events). Admin+, as triggers write data.
   */
  replay: procedureFor("admin")
    .input(z.object({ appId, ...eventFilter }))
    .mutation(async ({ ctx, input }): Promise<{ replayId: string; events: number }> => {
      const { appId: _appId, ...filter } = input;
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      const replay = await onRuntime(() => runtime.replayEvents(project, filter));
      await auditConsoleChange(ctx, input.appId, "console.events.replayed", {
        project,
        filter,
        replayId: replay.replayId,
        events: replay.events,
      });
      return replay;
    }),
});
