import { fromPlainJson, type RMap } from "@winky/rules";
import { describe, expect, it } from "vitest";
import type { ProjectStore } from "../projects/project-store.js";
import type { RulesCache } from "./rules-cache.js";
import { DocumentService, type Caller } from "./document-service.js";
import type { DocumentStore } from "./store/document-store.js";
import { DocumentTree } from "./store/document-tree.js";

// Nothing below is queried: the guard decides before any read.
const service = new DocumentService(
  { queryable: {} } as unknown as DocumentStore,
  { events: { subscribe: () => undefined } } as unknown as ProjectStore,
  {} as RulesCache,
);

describe("DocumentService.tree", () => {
  it("gives admins the tree", () => {
    expect(service.tree({ auth: null, bypassRules: true, explain: false })).toBeInstanceOf(
      DocumentTree,
    );
  });

  it("refuses signed-in users, even with an admin claim, and anonymous callers", () => {
    const claims = { uid: "u1", token: { sub: "u1", admin: true, role: "admin" } };
    const callers: Caller[] = [
      { auth: fromPlainJson(claims) as RMap, bypassRules: false, explain: false },
      { auth: null, bypassRules: false, explain: false },
      { auth: null, bypassRules: false, explain: true },
    ];
    for (const caller of callers) {
      expect(() => service.tree(caller)).toThrow(
        expect.objectContaining({
          code: "permission-denied",
          message: "listing collections and descendants is for admins only",
        }),
      );
    }
  });
});
