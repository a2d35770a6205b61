import { CronExpressionParser } from "cron-parser";

/**
 * The first time after `after` that `schedule` fires, read in `timeZone` (so `0 9 * * *` in
 * Europe/Paris is 9:00 there, summer and winter).
 *
 * @throws Error with cron-parser's description of what is wrong with the expression.
 */
export function nextRunAfter(trigger: { schedule: string; timeZone: string }, after: Date): Date {
  const interval = CronExpressionParser.parse(trigger.schedule, {
    currentDate: after,
    tz: trigger.timeZone,
  });
  return interval.next().toDate();
}
