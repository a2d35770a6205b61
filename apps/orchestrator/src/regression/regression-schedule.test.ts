import { describe, expect, it } from "vitest";
import {
  DEFAULT_REGRESSION_CRON,
  isRegressionScheduleError,
  parseRegressionSchedule,
  type RegressionScheduleError,
} from "./regression-schedule.js";

const NOW = new Date("2026-03-01T12:00:00Z");

/** The error `parseRegressionSchedule` throws for `settings`, or a failure when it does not. */
function refusal(settings: { cron?: string | null; timeZone?: string }): RegressionScheduleError {
  try {
    parseRegressionSchedule(settings, NOW);
  } catch (e) {
    if (isRegressionScheduleError(e)) return e;
    throw e;
  }
  throw new Error(`${JSON.stringify(settings)} was accepted`);
}

describe("parseRegressionSchedule", () => {
  describe("when the team never chose", () => {
    it("runs nightly at 03:00 UTC", () => {
      expect(parseRegressionSchedule({ cron: null }, NOW)).toEqual({
        pattern: DEFAULT_REGRESSION_CRON,
        tz: "UTC",
      });
      expect(parseRegressionSchedule(undefined, NOW)).toEqual({ pattern: "0 3 * * *", tz: "UTC" });
    });
  });

  describe("when the team chose a schedule", () => {
    it("keeps a 5-field cron and a 6-field one with seconds, trimmed", () => {
      expect(parseRegressionSchedule({ cron: " 30 2 * * 1-5 ", timeZone: "UTC" }, NOW)).toEqual({
        pattern: "30 2 * * 1-5",
        tz: "UTC",
      });
      expect(parseRegressionSchedule({ cron: "0 0 */6 * * *" }, NOW).pattern).toBe("0 0 */6 * * *");
    });

    it("answers the time zone in its canonical spelling", () => {
      expect(parseRegressionSchedule({ cron: null, timeZone: "europe/paris" }, NOW).tz).toBe(
        "Europe/Paris",
      );
    });

    it("accepts an hourly schedule, the most frequent allowed", () => {
      expect(parseRegressionSchedule({ cron: "@hourly" }, NOW).pattern).toBe("@hourly");
      expect(parseRegressionSchedule({ cron: "15 * * * *" }, NOW).pattern).toBe("15 * * * *");
    });
  });

  describe("when the cron cannot be used", () => {
    it.each([
      ["", /regressionCron: must not be blank/],
      ["   ", /regressionCron: must not be blank/],
      ["61 3 * * *", /regressionCron: '61 3 \* \* \*' is not a cron pattern: .*61/],
      ["0 3 * *", /regressionCron: '0 3 \* \*' has 4 fields/],
      ["0 0 3 * * * *", /regressionCron: .* has 7 fields/],
      ["nightly", /^regressionCron: 'nightly' has 1 field; a cron has 5 \(minute hour/],
      ["*/5 * * * *", /regressionCron: '\*\/5 \* \* \* \*' fires more often than once an hour/],
      ["* * * * * *", /fires more often than once an hour/],
    ])("refuses %j, naming the field", (cron, message) => {
      const error = refusal({ cron });
      expect(error.field).toBe("regressionCron");
      expect(error.message).toMatch(message);
    });

    it("refuses a pattern that can never fire (February 31st)", () => {
      const error = refusal({ cron: "0 0 31 2 *" });
      expect(error.field).toBe("regressionCron");
      expect(error.message).toMatch(/^regressionCron: '0 0 31 2 \*' is not a cron pattern: /);
    });
  });

  describe("when the time zone cannot be used", () => {
    it.each(["Mars/Olympus_Mons", "", "UTC+25"])("refuses %j, naming the field", (timeZone) => {
      const error = refusal({ cron: null, timeZone });
      expect(error.field).toBe("regressionTimeZone");
      expect(error.message).toMatch(/^regressionTimeZone: /);
    });
  });
});
