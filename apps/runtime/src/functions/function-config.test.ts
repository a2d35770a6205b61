import { describe, expect, it } from "vitest";
import { DeployFunction, matchTrigger, type FunctionTrigger } from "./function-config.js";

const onPosts = (event: "create" | "update" | "delete" | "write"): FunctionTrigger => ({
  kind: "document",
  event,
  path: "users/{uid}/posts/{postId}",
});

describe("document triggers", () => {
  it("match a path segment by segment, giving the wildcards' values", () => {
    expect(matchTrigger(onPosts("create"), "document.created", "users/ada/posts/p1")).toEqual({
      uid: "ada",
      postId: "p1",
    });
    expect(matchTrigger(onPosts("create"), "document.created", "users/ada/notes/p1")).toBeNull();
    expect(matchTrigger(onPosts("create"), "document.created", "users/ada")).toBeNull();
    expect(
      matchTrigger(onPosts("create"), "document.created", "users/ada/posts/p1/likes/l1"),
    ).toBeNull();
  });

  it("match their event kind, and every kind for write", () => {
    const path = "users/ada/posts/p1";
    expect(matchTrigger(onPosts("update"), "document.created", path)).toBeNull();
    expect(matchTrigger(onPosts("update"), "document.updated", path)).not.toBeNull();
    expect(matchTrigger(onPosts("delete"), "document.deleted", path)).not.toBeNull();
    for (const kind of ["document.created", "document.updated", "document.deleted"]) {
      expect(matchTrigger(onPosts("write"), kind, path)).not.toBeNull();
    }
    expect(matchTrigger(onPosts("write"), "auth.user.created", path)).toBeNull();
    expect(matchTrigger({ kind: "callable" }, "document.created", path)).toBeNull();
  });
});

describe("deploy bodies", () => {
  it("take defaults for memory, timeout and secrets", () => {
    const body = DeployFunction.parse({ source: "x", trigger: { kind: "callable" } });
    expect(body).toMatchObject({ memoryMb: 256, timeoutMs: 60_000, secrets: [] });
  });

  it("refuse a path naming a collection, or with a bad wildcard", () => {
    for (const path of ["orders", "orders/{id}/items", "orders/{i d}", "/orders/x"]) {
      const parsed = DeployFunction.safeParse({
        source: "x",
        trigger: { kind: "document", event: "create", path },
      });
      expect(parsed.success, path).toBe(false);
    }
  });
});
