// Firebase schedules are either Unix cron or App Engine's English syntax ("every 5 minutes",
// "every day 09:00"). The runtime reads cron only, so the common English forms are translated;
// the rest ("every 7 minutes" drifts across hours, "1st monday of month"…) need a human.

export type ScheduleTranslation =
  { ok: true; cron: string; translatedFrom?: string } | { ok: false; reason: string };

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MINUTE_UNITS = new Set(["minute", "minutes", "min", "mins"]);
const HOUR_UNITS = new Set(["hour", "hours"]);

export function translateSchedule(schedule: string): ScheduleTranslation {
  const text = schedule.trim();
  if (text.startsWith("@")) return { ok: true, cron: text };
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words[0] !== "every") {
    // Five fields, or six with seconds first: what the runtime takes as is.
    const fields = text.split(/\s+/);
    if ((fields.length === 5 || fields.length === 6) && fields.every(isCronField)) {
      return { ok: true, cron: fields.join(" ") };
    }
    return { ok: false, reason: `"${schedule}" is neither cron nor an App Engine schedule` };
  }
  const cron = translateEvery(words.slice(1));
  return cron === undefined
    ? {
        ok: false,
        reason: `the App Engine schedule "${schedule}" has no exact cron equivalent: write it as cron (minute hour day month weekday)`,
      }
    : { ok: true, cron, translatedFrom: schedule };
}

const CRON_NAMES = new Set([
  ...DAYS.map((day) => day.slice(0, 3)),
  ..."jan feb mar apr may jun jul aug sep oct nov dec".split(" "),
]);

/** "*", "1-5", "*\/15", "mon,wed": numbers, ranges, steps, lists and three-letter names. */
function isCronField(field: string): boolean {
  return field
    .split(/[,/-]/)
    .every(
      (token) =>
        token === "*" ||
        token === "?" ||
        isCount(`1${token}`) ||
        CRON_NAMES.has(token.toLowerCase()),
    );
}

function translateEvery(words: string[]): string | undefined {
  // "synchronized" aligns the intervals to the hour, as cron does anyway.
  const rest = words[words.length - 1] === "synchronized" ? words.slice(0, -1) : words;
  const [first, second, ...more] = rest;
  if (first === undefined) return undefined;
  if (second !== undefined && more.length === 0 && isCount(first)) {
    return interval(Number(first), second);
  }
  if (rest.length === 1 && (MINUTE_UNITS.has(first) || HOUR_UNITS.has(first))) {
    return interval(1, first);
  }
  if (second !== undefined && more.length === 0) return daily(first, second);
  return undefined;
}

function isCount(word: string): boolean {
  return word !== "" && [...word].every((ch) => ch >= "0" && ch <= "9") && Number(word) > 0;
}

/** "every N minutes|hours": exact only when N divides the hour (or the day). */
function interval(count: number, unit: string): string | undefined {
  if (MINUTE_UNITS.has(unit)) {
    if (count === 1) return "* * * * *";
    if (count < 60 && 60 % count === 0) return `*/${count} * * * *`;
    if (count % 60 === 0) return interval(count / 60, "hours");
    return undefined;
  }
  if (HOUR_UNITS.has(unit)) {
    if (count === 1) return "0 * * * *";
    if (count < 24 && 24 % count === 0) return `0 */${count} * * *`;
    if (count === 24) return "0 0 * * *";
    return undefined;
  }
  return undefined;
}

/** "every day 09:30", "every monday 09:00", "every mon,wed,fri 18:00". */
function daily(days: string, time: string): string | undefined {
  const clock = parseTime(time);
  if (!clock) return undefined;
  let weekdays = "*";
  if (days !== "day") {
    const numbers = days.split(",").map(dayNumber);
    if (numbers.some((n) => n === undefined)) return undefined;
    weekdays = numbers.join(",");
  }
  return `${clock.minute} ${clock.hour} * * ${weekdays}`;
}

function dayNumber(word: string): number | undefined {
  const index = DAYS.findIndex((day) => day === word || day.slice(0, 3) === word);
  return index === -1 ? undefined : index;
}

function parseTime(time: string): { hour: number; minute: number } | undefined {
  const parts = time.split(":");
  if (parts.length !== 2 || !parts.every((p) => p.length === 2 && isCount(`1${p}`)))
    return undefined;
  const hour = Number(parts[0]);
  const minute = Number(parts[1]);
  return hour < 24 && minute < 60 ? { hour, minute } : undefined;
}

/** Whether Intl knows the IANA zone (the runtime checks the same way). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
