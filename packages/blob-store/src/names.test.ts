import { describe, expect, it } from "vitest";
import { BAD_NAMES, GOOD_NAMES } from "./conformance/names.js";
import { isBlobStoreError } from "./errors.js";
import {
  assertObjectName,
  assertPrefix,
  bucketNameProblem,
  compareNames,
  objectNameProblem,
  percentDecode,
} from "./names.js";

describe("object names", () => {
  it.each(BAD_NAMES.map((name) => [JSON.stringify(name).slice(0, 40), name]))(
    "refuses %s",
    (_, name) => {
      expect(objectNameProblem(name)).not.toBeNull();
    },
  );

  it.each(GOOD_NAMES.map((name) => [name]))("accepts %s", (name) => {
    expect(objectNameProblem(name)).toBeNull();
  });

  it("says which rule a name breaks, and whether only its decoded form breaks it", () => {
    expect(objectNameProblem("a/../b")).toBe('it has a ".." segment');
    expect(objectNameProblem("a/%2E%2e/b")).toBe('once percent-decoded, it has a ".." segment');
    expect(objectNameProblem("%2Fetc")).toBe("once percent-decoded, it starts with /");
    expect(objectNameProblem("x".repeat(1025))).toBe("it is 1025 bytes long, more than 1024");
    expect(objectNameProblem(42)).toBe("it is not a string");
  });

  it("throws invalid-name quoting the name as JSON and naming the bucket", () => {
    const error = (() => {
      try {
        assertObjectName("p1", "a\nb/../c");
      } catch (e) {
        return e;
      }
    })();
    expect(isBlobStoreError(error) && error.code).toBe("invalid-name");
    expect((error as Error).message).toBe(
      'Invalid object name "a\\nb/../c" in bucket "p1": it contains a control character.',
    );
  });
});

describe("percentDecode", () => {
  it("decodes valid escapes as UTF-8 and leaves stray percent signs", () => {
    expect(percentDecode("%2e%2E%2f")).toBe("../");
    expect(percentDecode("caf%C3%A9")).toBe("café");
    expect(percentDecode("100%")).toBe("100%");
    expect(percentDecode("%zz%2")).toBe("%zz%2");
    expect(percentDecode("😀%20x")).toBe("😀 x");
  });

  it("turns bytes that are not UTF-8 into U+FFFD instead of throwing", () => {
    expect(percentDecode("%ff%fe")).toBe("\ufffd\ufffd");
  });
});

describe("bucket names", () => {
  it("accepts S3-style names and refuses the rest", () => {
    for (const ok of ["p1-app", "my-project.appspot.com", "abc", "a".repeat(63)])
      expect(bucketNameProblem(ok)).toBeNull();
    for (const bad of [
      "ab",
      "a".repeat(64),
      "Abc",
      "a_b",
      "-ab",
      "ab-",
      "a..b",
      "a.-b",
      "a--b",
      "10.0.0.1",
      "../x",
      ".tmp",
    ]) {
      expect(bucketNameProblem(bad)).not.toBeNull();
    }
  });
});

describe("list prefixes", () => {
  it("allows a partial last segment but checks complete ones", () => {
    expect(assertPrefix("p1", undefined)).toBe("");
    expect(assertPrefix("p1", "users/u1/av")).toBe("users/u1/av");
    expect(assertPrefix("p1", "users/..")).toBe("users/..");
    expect(() => assertPrefix("p1", "users/../")).toThrow(/".." segment/);
    expect(() => assertPrefix("p1", "%2e%2e/")).toThrow(/once percent-decoded/);
  });
});

describe("compareNames", () => {
  it("orders by UTF-8 bytes, not UTF-16 code units", () => {
    const names = ["😀", "\ufffd", "a/", "a.", "a", "B"];
    expect([...names].sort(compareNames)).toEqual(["B", "a", "a.", "a/", "\ufffd", "😀"]);
    expect([...names].sort()).not.toEqual([...names].sort(compareNames));
  });
});
