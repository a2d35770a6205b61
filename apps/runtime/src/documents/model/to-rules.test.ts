import { RFloat, RLatLng, RMap, RPath, RTimestamp, typeOf } from "@winky/rules";
import { describe, expect, it } from "vitest";
import { fieldsToRules, valueToRules } from "./to-rules.js";
import { fieldsOf, type DocValue } from "./value.js";

describe("conversion to rules values", () => {
  it("converts every type to the engine's representation", () => {
    const bytes = new Uint8Array([1, 2]);
    const fields = fieldsOf({
      nothing: { type: "null" },
      ok: { type: "boolean", value: true },
      count: { type: "integer", value: 42n },
      ratio: { type: "double", value: 1 },
      at: { type: "timestamp", seconds: -5n, nanos: 7 },
      name: { type: "string", value: "Ada" },
      blob: { type: "bytes", value: bytes },
      owner: { type: "reference", value: "users/alice" },
      where: { type: "geopoint", latitude: 1.5, longitude: -2 },
      tags: {
        type: "array",
        values: [
          { type: "integer", value: 1n },
          { type: "double", value: 1 },
        ],
      },
      nested: { type: "map", fields: fieldsOf({ x: { type: "null" } }) },
    });
    const result = fieldsToRules(fields);
    expect(result).toBeInstanceOf(RMap);
    expect(result).toEqual(
      new RMap(
        new Map<string, unknown>([
          ["nothing", null],
          ["ok", true],
          ["count", 42],
          ["ratio", new RFloat(1)],
          ["at", new RTimestamp(-5, 7)],
          ["name", "Ada"],
          ["blob", bytes],
          ["owner", new RPath(["databases", "(default)", "documents", "users", "alice"])],
          ["where", new RLatLng(1.5, -2)],
          ["tags", [1, new RFloat(1)]],
          ["nested", new RMap(new Map([["x", null]]))],
        ]) as RMap["entries"],
      ),
    );
    // The distinctions rules care about survive: `is int` vs `is float`, path vs string.
    expect(typeOf(result.entries.get("count") ?? null)).toBe("int");
    expect(typeOf(result.entries.get("ratio") ?? null)).toBe("float");
    expect(String(result.entries.get("owner"))).toBe("/databases/(default)/documents/users/alice");
  });

  it("points references into the named database", () => {
    const ref: DocValue = { type: "reference", value: "o/1" };
    expect(valueToRules(ref, "r", { databaseId: "orders" })).toEqual(
      new RPath(["databases", "orders", "documents", "o", "1"]),
    );
  });

  it("keeps integers up to ±(2^53 - 1) exactly and approximates larger ones", () => {
    const big = (value: bigint): DocValue => ({ type: "integer", value });
    expect(valueToRules(big(2n ** 53n - 1n))).toBe(9007199254740991);
    expect(valueToRules(big(-(2n ** 53n) + 1n))).toBe(-9007199254740991);
    const fields = fieldsOf({
      stats: {
        type: "map",
        fields: fieldsOf({ ids: { type: "array", values: [big(2n ** 53n)] } }),
      },
    });
    const ids = (fieldsToRules(fields).entries.get("stats") as RMap).entries.get("ids");
    expect(ids).toEqual([9007199254740992]);
    expect(valueToRules(big(2n ** 63n - 1n))).toBe(2 ** 63);
  });
});
