import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, parseConfig, portField, postgresUrlField } from "./index.js";

const Schema = z.object({ PORT: portField.default(4000), DATABASE_URL: postgresUrlField });

describe("parseConfig", () => {
  it("returns typed, frozen values with defaults applied", () => {
    const config = parseConfig("test", Schema, { DATABASE_URL: "postgres://u@h:5432/db" });
    expect(config).toEqual({ PORT: 4000, DATABASE_URL: "postgres://u@h:5432/db" });
    expect(Object.isFrozen(config)).toBe(true);
  });

  describe("when variables are invalid", () => {
    it("names every bad variable and never echoes a value", () => {
      const secret = "mysql://root:hunter2@db:3306/x";
      const attempt = () => parseConfig("test", Schema, { PORT: "70000", DATABASE_URL: secret });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/PORT: .*\n.*DATABASE_URL: must be a postgres:\/\/ URL/);
      expect(attempt).not.toThrow(/hunter2/);
    });

    it("names a missing required variable", () => {
      expect(() => parseConfig("test", Schema, {})).toThrow(/DATABASE_URL: is required/);
    });
  });
});
