import { TRPCError } from "@trpc/server";
import { inTransaction, writeAudit } from "../audit.js";
import { auditSourceOf } from "../context.js";
import { maskSecretUrl } from "../masking.js";
import type { Role } from "../roles.js";
import { procedureFor, router } from "../trpc.js";
import { memberProcedures } from "./team-members.js";
import {
  settingsInput,
  TEAM_COLUMNS,
  toTeamView,
  type SettingsInput,
  type TeamRow,
  type TeamView,
} from "./team-settings.js";

/** Column of each setting, in the order they are set. */
const COLUMN_OF: Record<keyof SettingsInput, string> = {
  name: "name",
  regressionCron: "regression_cron",
  regressionTimeZone: "regression_time_zone",
  notifyWebhookUrl: "notify_webhook_url",
};

/** The caller's team: its settings (viewer+ to read, admin+ to change) and its members. */
export const teamsRouter = router({
  ...memberProcedures,

  /** The team's settings (the webhook URL masked) and the role the caller acts with. */
  get: procedureFor("viewer").query(async ({ ctx }): Promise<TeamView & { callerRole: Role }> => {
    const { rows } = await ctx.services.pool.query<TeamRow>(
      `select ${TEAM_COLUMNS} from teams where id = $1`,
      [ctx.caller.teamId],
    );
    if (!rows[0]) throw new TRPCError({ code: "NOT_FOUND", message: "the team no longer exists" });
    return { ...toTeamView(rows[0]), callerRole: ctx.caller.role };
  }),

  /**
   * Changes the team's name, regression schedule or failure webhook (null clears one), then
   * has the scheduler pick the schedule up. Nothing is saved when any field is refused.
   */
  updateSettings: procedureFor("admin")
    .input(settingsInput)
    .mutation(async ({ ctx, input }): Promise<TeamView> => {
      const { pool, schedules } = ctx.services;
      const changed = (Object.keys(COLUMN_OF) as Array<keyof SettingsInput>).filter(
        (key) => input[key] !== undefined,
      );
      const team = await inTransaction(pool, async (client) => {
        const { rows } = await client.query<TeamRow>(
          `update teams set ${changed.map((key, i) => `${COLUMN_OF[key]} = $${i + 2}`).join(", ")}
            where id = $1 returning ${TEAM_COLUMNS}`,
          [ctx.caller.teamId, ...changed.map((key) => input[key])],
        );
        const view = toTeamView(rows[0]!);
        await writeAudit(client, auditSourceOf(ctx), {
          action: "team.settings_updated",
          targetType: "team",
          targetId: ctx.caller.teamId,
          data: Object.fromEntries(
            changed.map((key) => [
              key,
              key === "notifyWebhookUrl" && input.notifyWebhookUrl
                ? maskSecretUrl(input.notifyWebhookUrl)
                : input[key],
            ]),
          ),
        });
        return view;
      });
      if (schedules) {
        // The settings are saved either way; a scheduler that failed to follow re-reads them
        // when it next starts, so this is logged rather than answered as a failure.
        await schedules.sync(ctx.caller.teamId).catch((e: Error) => {
          ctx.log.error({ teamId: ctx.caller.teamId, err: e.message }, "schedule sync failed");
        });
      }
      return team;
    }),
});
