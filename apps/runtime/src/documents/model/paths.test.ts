import { describe, expect, it } from "vitest";
import { isInvalidPathError } from "./errors.js";
import { parseCollectionPath, parseDocumentPath, validateId } from "./paths.js";

function rejection(parse: () => unknown): { path: string; message: string } {
  try {
    parse();
  } catch (e) {
    if (!isInvalidPathError(e)) throw e;
    return { path: e.path, message: e.message };
  }
  throw new Error("expected an InvalidPathError");
}

describe("document and collection paths", () => {
  it("parse a document path into its parts", () => {
    expect(parseDocumentPath("users/alice")).toEqual({
      path: "users/alice",
      segments: ["users", "alice"],
      collectionId: "users",
      documentId: "alice",
      parent: "users",
    });
    expect(parseDocumentPath("users/alice/posts/p 1")).toEqual({
      path: "users/alice/posts/p 1",
      segments: ["users", "alice", "posts", "p 1"],
      collectionId: "posts",
      documentId: "p 1",
      parent: "users/alice/posts",
    });
  });

  it("parse root and nested collection paths", () => {
    expect(parseCollectionPath("users")).toEqual({
      path: "users",
      segments: ["users"],
      collectionId: "users",
    });
    expect(parseCollectionPath("users/alice/posts")).toEqual({
      path: "users/alice/posts",
      segments: ["users", "alice", "posts"],
      collectionId: "posts",
      parent: "users/alice",
    });
  });

  it("accept unicode, dots inside ids and ids of exactly 1,500 bytes", () => {
    expect(parseDocumentPath("ユーザー/a.b").documentId).toBe("a.b");
    expect(parseDocumentPath(`c/${"x".repeat(1500)}`).documentId).toHaveLength(1500);
    expect(parseDocumentPath("c/_x__").documentId).toBe("_x__");
  });

  it.each([
    [
      "users",
      'invalid document path "users": it has 1 segments; a document path has an even number',
    ],
    ["", 'invalid document path "": it is empty'],
    ["/users/alice", 'invalid document path "/users/alice": segment 1 is invalid: it is empty'],
    ["users/alice/", 'invalid document path "users/alice/": segment 3 is invalid: it is empty'],
    ["users//alice/x", 'invalid document path "users//alice/x": segment 2 is invalid: it is empty'],
    ["users/.", 'invalid document path "users/.": segment 2 is invalid: "." is not allowed'],
    ["../alice", 'invalid document path "../alice": segment 1 is invalid: ".." is not allowed'],
    [
      "users/__id__",
      'invalid document path "users/__id__": segment 2 is invalid: ids matching __.*__ are reserved',
    ],
    [
      "__c__/a",
      'invalid document path "__c__/a": segment 1 is invalid: ids matching __.*__ are reserved',
    ],
    [
      "users/a\u0000b",
      'invalid document path "users/a\\u0000b": segment 2 is invalid: it contains U+0000, which this runtime does not support in names',
    ],
    [
      "users/\ud800",
      'invalid document path "users/\\ud800": segment 2 is invalid: it is not valid Unicode (it has a lone surrogate)',
    ],
  ])("reject the document path %j", (path, message) => {
    expect(rejection(() => parseDocumentPath(path))).toEqual({ path, message });
  });

  it.each([
    [
      "users/alice",
      'invalid collection path "users/alice": it has 2 segments; a collection path has an odd number',
    ],
    ["a/b/", 'invalid collection path "a/b/": segment 3 is invalid: it is empty'],
  ])("reject the collection path %j", (path, message) => {
    expect(rejection(() => parseCollectionPath(path))).toEqual({ path, message });
  });

  it("reject an id over 1,500 bytes of UTF-8", () => {
    const id = "é".repeat(751);
    expect(rejection(() => parseDocumentPath(`c/${id}`)).message).toMatch(
      /: segment 2 is invalid: it is 1502 bytes; the limit is 1500$/,
    );
  });

  it("reject a path over 6 KiB, cutting it in the message", () => {
    const path = Array.from({ length: 6 }, (_, i) => `${i}`.repeat(1100)).join("/");
    const { message } = rejection(() => parseDocumentPath(path));
    expect(message).toBe(
      `invalid document path "${path.slice(0, 200)}…": it is 6605 bytes; the limit is 6144`,
    );
  });

  it("allow 100 levels of collections and reject 101", () => {
    const levels = (n: number) => Array.from({ length: n }, (_, i) => `c${i}/d`).join("/");
    expect(parseDocumentPath(levels(100)).segments).toHaveLength(200);
    expect(rejection(() => parseDocumentPath(levels(101))).message).toMatch(
      /: it is 101 collections deep; the limit is 100$/,
    );
    expect(rejection(() => parseCollectionPath(`${levels(100)}/c`)).message).toMatch(
      /: it is 101 collections deep; the limit is 100$/,
    );
  });

  it("check single ids", () => {
    expect(() => validateId("alice", "document")).not.toThrow();
    expect(rejection(() => validateId("a/b", "document"))).toEqual({
      path: "a/b",
      message: `invalid document id "a/b": it contains '/'`,
    });
    expect(rejection(() => validateId("..", "collection")).message).toBe(
      'invalid collection id "..": ".." is not allowed',
    );
  });
});
