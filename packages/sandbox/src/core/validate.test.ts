import { describe, expect, it } from "vitest";
import { isSandboxError } from "../errors.js";
import type { FunctionSpec, JsonValue } from "../types.js";
import { checkPoolOptions, checkSpec, serializeEvent } from "./validate.js";

const good: FunctionSpec = {
  id: "send-mail",
  version: "2024-05-01.3",
  bundle: "export default () => 1;",
  env: { API_KEY: "k" },
  memoryMb: 128,
  cpus: 0.5,
  timeoutMs: 10_000,
};

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isSandboxError(e) && e.code === "invalid-argument") return e.message;
    throw e;
  }
  throw new Error("expected an invalid-argument refusal");
}

describe("checkSpec", () => {
  it("returns a frozen copy of a good spec", () => {
    const checked = checkSpec(good);
    expect(checked).toEqual(good);
    expect(Object.isFrozen(checked)).toBe(true);
    expect(Object.isFrozen(checked.env)).toBe(true);
  });

  it.each([
    [{ id: "" }, "id"],
    [{ id: "a/b" }, "id"],
    [{ version: "v 1" }, "version"],
    [{ bundle: "" }, "bundle"],
    [{ env: { "1X": "a" } }, "env name"],
    [{ env: { WINKY_HOST_SOCKET: "/x" } }, "reserved"],
    [{ env: { A: 1 as unknown as string } }, "env.A"],
    [{ memoryMb: 16 }, "memoryMb"],
    [{ memoryMb: 100.5 }, "memoryMb"],
    [{ cpus: 0 }, "cpus"],
    [{ timeoutMs: -1 }, "timeoutMs"],
    [{ maxConcurrency: 0 }, "maxConcurrency"],
  ])("refuses %j, naming %s", (override, field) => {
    expect(refusal(() => checkSpec({ ...good, ...override }))).toContain(field);
  });
});

describe("checkPoolOptions", () => {
  it("refuses a pool that could hold no sandbox", () => {
    expect(refusal(() => checkPoolOptions({ idleMs: 1000, maxPerVersion: 0 }))).toContain(
      "maxPerVersion",
    );
  });
});

describe("serializeEvent", () => {
  it("serialises JSON, and undefined as null", () => {
    expect(serializeEvent({ a: [1, "b"] })).toBe('{"a":[1,"b"]}');
    expect(serializeEvent(undefined as unknown as JsonValue)).toBe("null");
  });

  it("refuses an event that is not JSON", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(refusal(() => serializeEvent(circular as JsonValue))).toContain("not JSON");
    expect(refusal(() => serializeEvent({ n: 1n } as unknown as JsonValue))).toContain("not JSON");
  });
});
