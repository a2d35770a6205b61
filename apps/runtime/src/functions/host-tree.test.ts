import { describe, expect, it } from "vitest";
import type { Caller, DocumentService } from "../documents/document-service.js";
import { MAX_TREE_PAGE } from "../documents/store/document-tree.js";
import { listCollectionIds, listDescendants } from "./host-tree.js";

const ADMIN: Caller = { auth: null, bypassRules: true, explain: false };
const asked: unknown[] = [];
const documents = {
  tree: () => {
    return {
      collectionIds: async (_p: string, parent: string) => (asked.push(parent), ["notes"]),
      documentPaths: async (_p: string, at: unknown, after: string | null) => {
        asked.push({ at, after });
        return Array.from({ length: MAX_TREE_PAGE }, (_, i) => `notes/n${i}`);
      },
    };
  },
} as unknown as DocumentService;

describe("the host's tree ops", () => {
  it("reads a document's collections and a page of descendants, naming the next page", async () => {
    expect(await listCollectionIds(documents, "p", ADMIN, "")).toEqual(["notes"]);
    expect(await listCollectionIds(documents, "p", ADMIN, "users/u1")).toEqual(["notes"]);
    const page = (await listDescendants(documents, "p", ADMIN, { path: "notes" })) as {
      next: string | null;
    };
    expect(page.next).toBe(`notes/n${MAX_TREE_PAGE - 1}`);
    await listDescendants(documents, "p", ADMIN, { path: "users/u1", after: "users/u1/a/b" });
    expect(asked).toEqual([
      "",
      "users/u1",
      { at: { collection: "notes" }, after: null },
      { at: { document: "users/u1" }, after: "users/u1/a/b" },
    ]);
  });

  it("refuses bad paths and a bad cursor, naming them", async () => {
    await expect(listCollectionIds(documents, "p", ADMIN, "users")).rejects.toThrow(
      /^path: .*users.*even number/,
    );
    await expect(listDescendants(documents, "p", ADMIN, { path: "a//b" })).rejects.toThrow(
      /^path: /,
    );
    await expect(listDescendants(documents, "p", ADMIN, { path: 3 })).rejects.toThrow(
      "path: expected a string",
    );
    await expect(listDescendants(documents, "p", ADMIN, { path: "a", after: 1 })).rejects.toThrow(
      "after: expected a path or null",
    );
  });
});
