// firebase-functions/v2/scheduler: onSchedule("0 3 * * *" | { schedule, timeZone }, handler).
import { mark, optionsAndHandler } from "../trigger.js";

export function onSchedule(...args: unknown[]) {
  const [target, handler] = optionsAndHandler<string | { schedule: string; timeZone?: string }>(
    args,
  );
  const options = typeof target === "string" ? { schedule: target } : target;
  if (!options?.schedule) throw new TypeError("onSchedule: expected a schedule");
  return mark(
    {
      kind: "schedule",
      schedule: options.schedule,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    },
    2,
    handler,
  );
}
