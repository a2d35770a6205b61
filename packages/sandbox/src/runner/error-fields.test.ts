import { describe, expect, it } from "vitest";
import { ERROR_FIELD_LIMITS } from "../types.js";
import { errorFields } from "./error-fields.mjs";

/** errorFields on `error`, with the lines it logged. */
function fieldsOf(error: unknown) {
  const logged: string[] = [];
  return { fields: errorFields(error, (line) => logged.push(line)), logged };
}

describe("errorFields (what the runner sends of a thrown Error)", () => {
  it("sends an Error's string code and JSON object details, as an HttpsError has them", () => {
    const error = Object.assign(new Error("no"), {
      code: "invalid-argument",
      details: { field: "email", when: new Date(0), skipped: undefined },
    });
    expect(fieldsOf(error)).toEqual({
      fields: {
        code: "invalid-argument",
        details: { field: "email", when: "1970-01-01T00:00:00.000Z" },
      },
      logged: [],
    });
    expect(fieldsOf(new Error("plain"))).toEqual({ fields: {}, logged: [] });
  });

  it("sends nothing for a thrown value that is not an Error, or a code out of bounds", () => {
    expect(fieldsOf({ code: "not-found", details: {} }).fields).toEqual({});
    expect(fieldsOf("not-found").fields).toEqual({});
    const long = Object.assign(new Error("x"), { code: "c".repeat(65) });
    expect(fieldsOf(long).fields).toEqual({});
    expect(fieldsOf(Object.assign(new Error("x"), { code: 7 })).fields).toEqual({});
  });

  it("drops details that are not a JSON object, or too large, and logs why", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const cases: Array<[unknown, RegExp]> = [
      [[1, 2], /not a JSON object/],
      ["text", /not a JSON object/],
      [() => 1, /not a JSON object/],
      [{ n: 1n }, /not JSON \(.*BigInt/],
      [circular, /not JSON \(.*circular/i],
      [{ s: "x".repeat(ERROR_FIELD_LIMITS.detailsBytes) }, /larger than 10240 bytes/],
    ];
    for (const [details, why] of cases) {
      const error = Object.assign(new Error("x"), { code: "aborted", details });
      const { fields, logged } = fieldsOf(error);
      expect(fields).toEqual({ code: "aborted" });
      expect(logged).toEqual([expect.stringMatching(why)]);
      expect(logged[0]).toMatch(/^the error's details were dropped: /);
    }
  });

  it("survives a code getter that throws: the error is its message alone", () => {
    const error = new Error("x");
    Object.defineProperty(error, "code", {
      get() {
        throw new Error("gotcha");
      },
    });
    expect(fieldsOf(error)).toEqual({ fields: {}, logged: [] });
  });
});
