import { describe, expect, it } from "vitest";
import { bucketOf, objectNameInUrl } from "./object-names.js";
import { signatureMatches, signScope } from "./signed-url.js";
import { parseContentRange, parseRange } from "./wire.js";

describe("storage request parsing", () => {
  it("reads one byte range, however large its positions, and an empty suffix", () => {
    expect(parseRange("bytes=0-4")).toEqual({ start: 0, end: 4 });
    expect(parseRange("bytes=5-")).toEqual({ start: 5 });
    expect(parseRange("bytes=-3")).toEqual({ suffix: 3 });
    // Valid but never satisfiable: the service answers it with 416, not the whole object.
    expect(parseRange("bytes=-0")).toEqual({ suffix: 0 });
    expect(parseRange("Bytes=2-2")).toEqual({ start: 2, end: 2 });
    const max = Number.MAX_SAFE_INTEGER;
    expect(parseRange("bytes=99999999999999999999-")).toEqual({ start: max });
    expect(parseRange("bytes=3-99999999999999999999")).toEqual({ start: 3, end: max });
  });

  it.each([
    "bytes=4-1",
    "bytes=99999999999999999999-99999999999999999998",
    "bytes=0-1,3-4",
    "bytes=-",
    "bytes=a-b",
    "bytes 0-4",
    "items=0-4",
    "",
  ])("ignores the Range %j (the whole object is served)", (header) => {
    expect(parseRange(header)).toBeUndefined();
  });

  it("reads Content-Range chunks and status queries, refusing impossible spans", () => {
    expect(parseContentRange("bytes 0-4/*")).toEqual({ kind: "chunk", start: 0, end: 4 });
    expect(parseContentRange("bytes 5-9/10")).toEqual({
      kind: "chunk",
      start: 5,
      end: 9,
      total: 10,
    });
    expect(parseContentRange("bytes */*")).toEqual({ kind: "query" });
    expect(parseContentRange("bytes */10")).toEqual({ kind: "query", total: 10 });
    expect(parseContentRange("bytes 0-9/5")).toBeNull();
    expect(parseContentRange("bytes 4-0/*")).toBeNull();
  });

  it("decodes an object name from the URL once and refuses traversal", () => {
    expect(objectNameInUrl("/v1/projects/p/storage/o/users%2Fu1%2Fa.png?alt=media")).toBe(
      "users/u1/a.png",
    );
    expect(objectNameInUrl("/v1/projects/p/storage/o/a%2Fb:signUrl", ":signUrl")).toBe("a/b");
    expect(() => objectNameInUrl("/v1/projects/p/storage/o/%252e%252e%252fx")).toThrow(/path:/);
  });

  it("maps every project id to a distinct valid bucket", () => {
    expect(bucketOf("my-app")).toBe("my-app");
    expect(bucketOf("my--app")).toMatch(/^x\.[0-9a-f]{40}$/);
    expect(bucketOf("my--app")).not.toBe(bucketOf("my---app"));
  });
});

describe("signed URL signatures", () => {
  const secret = Buffer.alloc(32, 9);
  const scope = { method: "GET" as const, projectId: "p", name: "a/b", expires: 100, keyId: "k1" };

  it("match only the exact scope and key", () => {
    const signature = signScope(secret, scope);
    expect(signatureMatches(secret, scope, signature)).toBe(true);
    for (const other of [
      { ...scope, method: "PUT" as const },
      { ...scope, projectId: "q" },
      { ...scope, name: "a/c" },
      { ...scope, expires: 101 },
      { ...scope, keyId: "k2" },
    ]) {
      expect(signatureMatches(secret, other, signature)).toBe(false);
    }
    expect(signatureMatches(Buffer.alloc(32, 8), scope, signature)).toBe(false);
    expect(signatureMatches(secret, scope, "not hex")).toBe(false);
  });
});
