import { z } from "zod";
import { isRegressionScheduleError, parseRegressionSchedule } from "../../regression/index.js";
import { maskSecretUrl } from "../masking.js";

/** A team's settings as the API shows them: the webhook URL, a credential, only masked. */
export interface TeamView {
  id: string;
  slug: string;
  name: string;
  /** Null: nightly at 03:00 in `regressionTimeZone`. */
  regressionCron: string | null;
  regressionTimeZone: string;
  notifyWebhookUrl: string | null;
  createdAt: string;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  return scheduleProblem({ timeZone }) === undefined;
}

/**
 * What is wrong with a cron expression as a regression schedule (5 or 6 fields, firing at
 * most hourly: each check writes to production), or undefined. The scheduler's own check, so
 * nothing saved here is refused when the schedule is registered.
 */
export function cronProblem(expression: string): string | undefined {
  return scheduleProblem({ cron: expression });
}

function scheduleProblem(settings: { cron?: string; timeZone?: string }): string | undefined {
  try {
    parseRegressionSchedule(settings);
    return undefined;
  } catch (e) {
    if (!isRegressionScheduleError(e)) throw e;
    // The message starts with the field's name, which the issue's path already gives.
    return e.message.slice(`${e.field}: `.length);
  }
}

/** The settings an admin may change; absent fields stay as they are, null clears. */
export const settingsInput = z
  .object({
    name: z.string().trim().min(1, "must not be blank").max(100).optional(),
    regressionCron: z
      .string()
      .trim()
      .superRefine((expression, check) => {
        const problem = cronProblem(expression);
        if (problem) check.addIssue({ code: "custom", message: problem });
      })
      .nullable()
      .optional(),
    regressionTimeZone: z
      .string()
      .refine(isTimeZone, "is not an IANA time zone (e.g. Europe/Paris, UTC)")
      .optional(),
    // The message never repeats the URL: webhook URLs are credentials.
    notifyWebhookUrl: z
      .string()
      .trim()
      .refine(isHttpUrl, "must be an http:// or https:// URL")
      .nullable()
      .optional(),
  })
  .refine((input) => Object.values(input).some((v) => v !== undefined), {
    message: "give at least one setting to change",
  });

export type SettingsInput = z.infer<typeof settingsInput>;

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

export interface TeamRow {
  id: string;
  slug: string;
  name: string;
  regression_cron: string | null;
  regression_time_zone: string;
  notify_webhook_url: string | null;
  created_at: Date;
}

export const TEAM_COLUMNS =
  "id, slug, name, regression_cron, regression_time_zone, notify_webhook_url, created_at";

export function toTeamView(row: TeamRow): TeamView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    regressionCron: row.regression_cron,
    regressionTimeZone: row.regression_time_zone,
    notifyWebhookUrl: row.notify_webhook_url ? maskSecretUrl(row.notify_webhook_url) : null,
    createdAt: row.created_at.toISOString(),
  };
}
