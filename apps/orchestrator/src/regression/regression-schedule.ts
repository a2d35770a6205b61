import { CronExpressionParser } from "cron-parser";

/** When a team that never chose is checked: nightly at 03:00 in its time zone. */
export const DEFAULT_REGRESSION_CRON = "0 3 * * *";

/**
 * The shortest time allowed between two scheduled checks. Each check signs up a user and
 * writes documents in the app's production project, and smokes take minutes of a builder
 * container: more often than hourly would fill projects and starve generation runs.
 */
export const MIN_REGRESSION_INTERVAL_MS = 60 * 60 * 1000;

/** What BullMQ's job scheduler takes: a cron pattern and an IANA time zone. */
export interface RegressionSchedule {
  pattern: string;
  tz: string;
}

/** The team settings a schedule is read from, as `teams` stores them. */
export interface RegressionScheduleSettings {
  /** `teams.regression_cron`; null or absent means {@link DEFAULT_REGRESSION_CRON}. */
  cron?: string | null;
  /** `teams.regression_time_zone`; absent means UTC. */
  timeZone?: string;
}

/**
 * A schedule a team asked for that cannot be used. `field` names the setting as the API and
 * the `teams` table call it, so the caller can answer `invalid-argument` on that field.
 */
export class RegressionScheduleError extends Error {
  override readonly name = "RegressionScheduleError";
  constructor(
    readonly field: "regressionCron" | "regressionTimeZone",
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Brand check that works across bundles, unlike `instanceof`. */
export function isRegressionScheduleError(e: unknown): e is RegressionScheduleError {
  return e instanceof Error && e.name === "RegressionScheduleError";
}

/**
 * Checks a team's regression settings and answers them as BullMQ wants them: the default
 * nightly cron for null, the time zone in its canonical spelling (`europe/paris` →
 * `Europe/Paris`). Cron has 5 fields, or 6 with seconds first, as BullMQ reads it.
 *
 * @throws RegressionScheduleError naming `regressionTimeZone` for an unknown zone, and
 *   `regressionCron` for a blank or unparsable pattern, one that never fires, or one that fires
 *   more often than {@link MIN_REGRESSION_INTERVAL_MS}.
 */
export function parseRegressionSchedule(
  settings: RegressionScheduleSettings = {},
  now: Date = new Date(),
): RegressionSchedule {
  const tz = canonicalTimeZone(settings.timeZone ?? "UTC");
  const pattern = settings.cron == null ? DEFAULT_REGRESSION_CRON : settings.cron.trim();
  if (pattern === "") {
    // cron-parser reads "" as every minute: a blank setting must not mean that.
    throw new RegressionScheduleError("regressionCron", "must not be blank (null means nightly)");
  }
  const fields = pattern.split(/\s+/).length;
  if (!pattern.startsWith("@") && fields !== 5 && fields !== 6) {
    throw new RegressionScheduleError(
      "regressionCron",
      `'${pattern}' has ${fields} field${fields === 1 ? "" : "s"}; a cron has 5 ` +
        "(minute hour day-of-month month day-of-week) or 6 (seconds first)",
    );
  }
  let times: Date[];
  try {
    const expression = CronExpressionParser.parse(pattern, { tz, currentDate: now });
    times = expression.take(6).map((d) => d.toDate());
  } catch (e) {
    throw new RegressionScheduleError(
      "regressionCron",
      `'${pattern}' is not a cron pattern: ${(e as Error).message}`,
    );
  }
  if (times.length === 0) {
    throw new RegressionScheduleError("regressionCron", `'${pattern}' never fires`);
  }
  for (let i = 1; i < times.length; i++) {
    if (times[i]!.getTime() - times[i - 1]!.getTime() < MIN_REGRESSION_INTERVAL_MS) {
      throw new RegressionScheduleError(
        "regressionCron",
        `'${pattern}' fires more often than once an hour; each check writes to the app's production project`,
      );
    }
  }
  return { pattern, tz };
}

/**
 * The zone's canonical IANA name. `Intl` is the judge: cron-parser accepts an unknown zone
 * and then simply never fires, which would silently switch a team's checks off.
 */
function canonicalTimeZone(timeZone: string): string {
  if (timeZone.trim() === "") {
    throw new RegressionScheduleError("regressionTimeZone", "must not be blank (e.g. UTC)");
  }
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new RegressionScheduleError(
      "regressionTimeZone",
      `'${timeZone}' is not an IANA time zone (e.g. UTC, Europe/Paris, America/New_York)`,
    );
  }
}
