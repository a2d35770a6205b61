import { describe, expect, it } from "vitest";
import { decide, firestoreRules } from "../test-support.js";

const rules = firestoreRules(`
    match /posts/{id} {
      allow list: if resource.data.author == request.auth.uid;
    }
    match /products/{id} {
      allow list: if resource.data.price > 5 && resource.data.price < 100;
    }
    match /tagged/{id} {
      allow list: if 'public' in resource.data.tags;
    }
    match /live/{id} {
      allow list: if resource.data.status != 'deleted';
    }
    match /named/{id} {
      allow list: if resource.data.name is string;
    }
    match /paged/{id} {
      allow list: if request.query.limit <= 10;
    }`);

const list = (path: string, where: Array<[string, never, unknown]>, extra = {}) =>
  decide(rules, { method: "list", path, uid: "alice", query: { where: where as never, ...extra } });

describe("list requests: rules are not filters", () => {
  it("allows a query whose equality filter proves the condition", () => {
    expect(list("posts", [["author", "==" as never, "alice"]]).allowed).toBe(true);
  });

  it("denies the same query without the filter, and explains why", () => {
    const { allowed, verdicts } = list("posts", []);
    expect(allowed).toBe(false);
    expect(verdicts[0]!.attempts[0]!.error?.message).toMatch(/Property author is undefined/);
  });

  it("denies a filter on another user's documents", () => {
    expect(list("posts", [["author", "==" as never, "bob"]]).allowed).toBe(false);
  });

  describe("with ranges", () => {
    it("allows a range inside the rule's range", () => {
      const where: Array<[string, never, unknown]> = [
        ["price", ">=" as never, 10],
        ["price", "<" as never, 50],
      ];
      expect(list("products", where).allowed).toBe(true);
    });

    it("denies a range the rule does not cover, naming what the query proves", () => {
      const { allowed, verdicts } = list("products", [["price", ">" as never, 1]]);
      expect(allowed).toBe(false);
      expect(verdicts[0]!.attempts[0]!.error?.message).toContain(
        "cannot prove resource.data.price > 5 for every document the query could return; the query only says it is > 1",
      );
    });
  });

  describe("with in and array-contains-any, each value must pass", () => {
    it("allows in [6, 42] against price > 5 (with an upper bound)", () => {
      const where: Array<[string, never, unknown]> = [["price", "in" as never, [6, 42]]];
      expect(list("products", where).allowed).toBe(true);
    });

    it("denies in [1, 6] against price > 5", () => {
      const where: Array<[string, never, unknown]> = [["price", "in" as never, [1, 6]]];
      expect(list("products", where).allowed).toBe(false);
    });

    it("allows array-contains of the value the rule needs", () => {
      expect(list("tagged", [["tags", "array-contains" as never, "public"]]).allowed).toBe(true);
      expect(list("tagged", [["tags", "array-contains" as never, "draft"]]).allowed).toBe(false);
    });
  });

  it("allows != when the query excludes the value", () => {
    expect(list("live", [["status", "not-in" as never, ["deleted", "spam"]]]).allowed).toBe(true);
    expect(list("live", [["status", "!=" as never, "spam"]]).allowed).toBe(false);
  });

  it("knows a range on a string field only returns strings", () => {
    expect(list("named", [["name", ">=" as never, "a"]]).allowed).toBe(true);
  });

  it("checks request.query.limit, and denies when the query sets none", () => {
    expect(list("paged", [], { limit: 5 }).allowed).toBe(true);
    expect(list("paged", [], { limit: 50 }).allowed).toBe(false);
    expect(list("paged", []).allowed).toBe(false);
  });
});

describe("collection-group queries", () => {
  const groupRules = firestoreRules(`
    match /comments/{id} { allow list: if true; }
    match /users/{u}/comments/{id} { allow list: if false; }
    match /{path=**}/posts/{id} { allow list: if true; }`);
  const group = (collection: string, parent = "") =>
    decide(groupRules, {
      method: "list",
      path: collection,
      uid: "alice",
      collectionGroup: { parent },
    });

  it("need a recursive wildcard rule: a rule for one location does not cover every depth", () => {
    expect(group("comments").allowed).toBe(false);
    expect(group("posts").allowed).toBe(true);
    expect(group("posts", "users/alice").allowed).toBe(true);
  });
});
