/** Cron's shorthands the runtime accepts. */
const SHORTHAND = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
const CRON_FIELD = /^[\d*,/-]+$|^[A-Za-z]{3}$/;

/**
 * The plan's schedule as cron: kept when it is cron already (five fields, six with seconds, or
 * `@daily`-style), else read from words ("every hour", "daily at 8am", "weekly"); 03:00 UTC
 * daily when nothing matches.
 */
export function cronOf(schedule: string): string {
  const text = schedule.trim();
  const fields = text.split(/\s+/);
  if (SHORTHAND.test(text)) return text;
  if ((fields.length === 5 || fields.length === 6) && fields.every((f) => CRON_FIELD.test(f))) {
    return text;
  }
  const lower = text.toLowerCase();
  const at = /\bat\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?/.exec(lower);
  let hour = at ? Number(at[1]) % 24 : 3;
  if (at?.[3] === "pm" && hour < 12) hour += 12;
  if (at?.[3] === "am" && hour === 12) hour = 0;
  const minute = at?.[2] ? Math.min(Number(at[2]), 59) : 0;
  const minutes = /every\s+(\d{1,2})\s+minutes?/.exec(lower);
  if (minutes) return `*/${Math.max(1, Math.min(Number(minutes[1]), 59))} * * * *`;
  if (/\bhour/.test(lower)) return "0 * * * *";
  if (/\bweek|monday/.test(lower)) return `${minute} ${hour} * * 1`;
  if (/\bmonth/.test(lower)) return `${minute} ${hour} 1 * *`;
  return `${minute} ${hour} * * *`;
}
