import { runKinds, runStatus } from "@winky/db";
import { z } from "zod";
import { followRunEvents } from "../events/follow-run.js";
import { cursorInput, idInput, limitInput, pageOf, type Page } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";
import { runActions } from "./run-actions.js";
import { runArtifacts } from "./run-artifacts.js";
import { readRunDetail, RUN_COLUMNS, toRunView, type RunRow, type RunView } from "./run-views.js";

const runId = idInput("run");

/** The team's runs: reading them and following their events (viewer+), acting on them (member+). */
export const runsRouter = router({
  ...runActions,
  ...runArtifacts,

  /** The team's runs, newest first, filtered by app, status and kind. */
  list: procedureFor("viewer")
    .input(
      z
        .object({
          appId: idInput("app").optional(),
          status: z.enum(runStatus.enumValues).optional(),
          kind: z.enum(runKinds).optional(),
          cursor: cursorInput,
          limit: limitInput,
        })
        .default({ limit: 50 }),
    )
    .query(async ({ ctx, input }): Promise<Page<RunView>> => {
      const { rows } = await ctx.services.pool.query<RunRow>(
        `select ${RUN_COLUMNS} from runs r join apps a on a.id = r.app_id
          where r.team_id = $1
            and ($2::uuid is null or r.app_id = $2)
            and ($3::run_status is null or r.status = $3)
            and ($4::text is null or r.kind = $4)
            and ($5::uuid is null
                 or (r.created_at, r.id) < (select created_at, id from runs where id = $5))
          order by r.created_at desc, r.id desc
          limit $6`,
        [
          ctx.caller.teamId,
          input.appId ?? null,
          input.status ?? null,
          input.kind ?? null,
          input.cursor ?? null,
          input.limit + 1,
        ],
      );
      return pageOf(rows.map(toRunView), input.limit, (run) => run.id);
    }),

  /** One run: its app's slug, the approval it waits for, and why it failed. */
  byId: procedureFor("viewer")
    .input(z.object({ runId }))
    .query(({ ctx, input }) => readRunDetail(ctx.services.pool, input.runId)),

  /**
   * The run's events after `afterSeq` (or after `lastEventId`, which a reconnecting client
   * sends), then live ones until the run has finished and its last event was sent.
   */
  events: procedureFor("viewer")
    .input(
      z.object({
        runId,
        afterSeq: z.number().int().min(-1).optional(),
        lastEventId: z
          .string()
          .regex(/^\d{1,9}$/, "must be the id of an event of this stream (its seq)")
          .optional(),
      }),
    )
    .subscription(({ ctx, input, signal }) => {
      const after = input.lastEventId !== undefined ? Number(input.lastEventId) : input.afterSeq;
      return followRunEvents(ctx.services, input.runId, after ?? -1, signal);
    }),
});
