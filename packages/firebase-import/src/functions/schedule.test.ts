import { describe, expect, it } from "vitest";
import { memoryToMb } from "./options.js";
import { translateSchedule } from "./schedule.js";

describe("translateSchedule", () => {
  it.each([
    ["every 5 minutes", "*/5 * * * *"],
    ["every 1 minutes", "* * * * *"],
    ["every minute", "* * * * *"],
    ["every 15 mins synchronized", "*/15 * * * *"],
    ["every 120 minutes", "0 */2 * * *"],
    ["every 1 hours", "0 * * * *"],
    ["every 6 hours", "0 */6 * * *"],
    ["every 24 hours", "0 0 * * *"],
    ["every day 00:00", "0 0 * * *"],
    ["every day 09:30", "30 9 * * *"],
    ["every monday 09:00", "0 9 * * 1"],
    ["every mon,wed,fri 18:05", "5 18 * * 1,3,5"],
  ])("translates the App Engine schedule %s to %s", (schedule, cron) => {
    expect(translateSchedule(schedule)).toEqual({ ok: true, cron, translatedFrom: schedule });
  });

  it("keeps cron as it is", () => {
    expect(translateSchedule("0 3 * * *")).toEqual({ ok: true, cron: "0 3 * * *" });
    expect(translateSchedule("0 0 3 * * *")).toEqual({ ok: true, cron: "0 0 3 * * *" });
    expect(translateSchedule("@daily")).toEqual({ ok: true, cron: "@daily" });
  });

  it.each([
    "every 7 minutes",
    "every 5 hours",
    "every 5 minutes from 10:00 to 14:00",
    "1st monday of september 09:00",
    "every day 25:00",
    "every funday 09:00",
  ])("asks for a rewrite of %s", (schedule) => {
    expect(translateSchedule(schedule).ok).toBe(false);
  });
});

describe("memoryToMb", () => {
  it.each([
    ["256MB", 256],
    ["1GB", 1024],
    ["2GB", 2048],
    ["512MiB", 512],
    ["1GiB", 1024],
    ["8GiB", 8192],
  ])("reads %s as %d MB", (text, mb) => {
    expect(memoryToMb(text)).toBe(mb);
  });

  it("does not guess at other text", () => {
    expect(memoryToMb("lots")).toBeUndefined();
  });
});
