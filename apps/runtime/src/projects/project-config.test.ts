import { describe, expect, it } from "vitest";
import { applyConfigPatch, ProjectConfig, ProjectConfigPatch } from "./project-config.js";

const DEFAULTS = {
  strictIndexes: false,
  auth: { emailPassword: { enabled: true }, anonymous: { enabled: false } },
};
const MAIL = { actionUrl: "https://notes.example.test/auth/action", appName: "Notes" };

describe("a project's mail settings in its config", () => {
  it("reads configs stored before the setting existed unchanged", () => {
    expect(ProjectConfig.parse({})).toEqual(DEFAULTS);
    expect(ProjectConfig.parse(DEFAULTS)).toEqual(DEFAULTS);
  });

  it("replaces the setting whole, keeps it when absent, and drops it when cleared", () => {
    const set = applyConfigPatch(DEFAULTS, ProjectConfigPatch.parse({ auth: { mail: MAIL } }));
    expect(set.auth.mail).toEqual(MAIL);
    const other = applyConfigPatch(set, ProjectConfigPatch.parse({ strictIndexes: true }));
    expect(other.auth.mail).toEqual(MAIL);
    const nameOnly = applyConfigPatch(set, { auth: { mail: { appName: "Notes" } } });
    expect(nameOnly.auth.mail).toEqual({ appName: "Notes" });
    expect(applyConfigPatch(set, { auth: { mail: {} } })).toEqual(DEFAULTS);
  });

  it("accepts http and https pages with a query", () => {
    for (const actionUrl of [
      "http://notes.localhost:8080/auth/action",
      "https://notes.example.test/__/auth/action?lang=en",
    ]) {
      expect(ProjectConfigPatch.safeParse({ auth: { mail: { actionUrl } } }).success).toBe(true);
    }
  });

  // Defence in depth: a row written around the API (by hand, an old bug) is refused on read
  // rather than put into mail headers.
  it("refuses a stored setting that would not be accepted through the API", () => {
    const stored = { ...DEFAULTS, auth: { ...DEFAULTS.auth, mail: { appName: "A\r\nBcc: x" } } };
    expect(ProjectConfig.safeParse(stored).success).toBe(false);
  });
});
