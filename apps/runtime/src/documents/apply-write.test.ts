import { describe, expect, it } from "vitest";
import { isRuntimeError } from "../errors/runtime-error.js";
import type { ParsedWrite, Precondition } from "./api/parse-writes.js";
import { applyWrites, type DocState } from "./apply-write.js";
import { parseDocumentPath } from "./model/paths.js";
import { increment } from "./model/transforms.js";
import { fieldsOf, integerValue, type DocFields } from "./model/value.js";

const STORED_AT = "2024-05-01T12:00:00.000001Z";
const NOW = "2024-05-01T12:00:01.000002Z";

const set = (path: string, fields: DocFields, precondition?: Precondition): ParsedWrite => ({
  kind: "update",
  doc: parseDocumentPath(path),
  fields,
  mask: undefined,
  transforms: [],
  precondition,
});
const update = (path: string, fields: DocFields): ParsedWrite => ({
  kind: "update",
  doc: parseDocumentPath(path),
  fields,
  mask: [...fields.keys()].map((k) => [k]),
  transforms: [],
  precondition: { exists: true },
});
const bump = (path: string, by: number): ParsedWrite => ({
  kind: "update",
  doc: parseDocumentPath(path),
  fields: new Map(),
  mask: [],
  transforms: [{ fieldPath: ["n"], transform: increment(by) }],
  precondition: undefined,
});
const remove = (path: string, precondition?: Precondition): ParsedWrite => ({
  kind: "delete",
  doc: parseDocumentPath(path),
  precondition,
});
const n = (value: number) => fieldsOf({ n: integerValue(value) });
const stored = new Map<string, DocState>([["c/old", { fields: n(1), updateTime: STORED_AT }]]);

/** The error code of applying `writes` to `stored`. */
function failure(writes: ParsedWrite[]): { code: string; message: string } {
  try {
    applyWrites(writes, stored, NOW);
  } catch (e) {
    if (isRuntimeError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("the writes applied");
}

describe("applyWrites", () => {
  describe("when a commit writes one document several times", () => {
    it("applies the writes in order, each on the result of the one before", () => {
      const { applied, final } = applyWrites(
        [set("c/new", n(1)), bump("c/new", 10), update("c/new", n(5)), bump("c/new", 2)],
        stored,
        NOW,
      );
      expect(applied.map((a) => a.after?.fields)).toEqual([n(1), n(11), n(5), n(7)]);
      expect(applied.map((a) => a.before?.fields)).toEqual([undefined, n(1), n(11), n(5)]);
      expect(final).toEqual(new Map([["c/new", { fields: n(7), updateTime: NOW }]]));
    });

    it("leaves nothing for a create followed by a delete, and a set after a delete", () => {
      expect(applyWrites([set("c/new", n(1)), remove("c/new")], stored, NOW).final).toEqual(
        new Map([["c/new", undefined]]),
      );
      const { applied, final } = applyWrites([remove("c/old"), set("c/old", n(2))], stored, NOW);
      expect(applied[1]!.before).toBeUndefined();
      expect(final.get("c/old")).toEqual({ fields: n(2), updateTime: NOW });
    });

    it("checks each precondition against the state before its own write", () => {
      expect(() =>
        applyWrites([set("c/new", n(1), { exists: false }), update("c/new", n(2))], stored, NOW),
      ).not.toThrow();
      expect(failure([set("c/new", n(1)), set("c/new", n(2), { exists: false })])).toEqual({
        code: "already-exists",
        message: "document c/new already exists",
      });
      expect(failure([remove("c/old"), update("c/old", n(2))])).toEqual({
        code: "not-found",
        message: "no document at c/old",
      });
      // A write of the commit gives the document the commit time as its update time.
      expect(failure([set("c/old", n(2)), remove("c/old", { updateTime: STORED_AT })]).code).toBe(
        "failed-precondition",
      );
      expect(() =>
        applyWrites([set("c/old", n(2)), remove("c/old", { updateTime: NOW })], stored, NOW),
      ).not.toThrow();
    });
  });

  it("lists every written document once, in the order first written", () => {
    const { final } = applyWrites(
      [set("c/b", n(1)), remove("c/old"), set("c/a", n(1)), set("c/b", n(2))],
      stored,
      NOW,
    );
    expect([...final.keys()]).toEqual(["c/b", "c/old", "c/a"]);
  });
});
