import { describe, expect, it } from "vitest";
import { change, int } from "../testing/index.js";
import { planCommits, rewriteReferences, toWrite } from "./firestore-writes.js";

const ROOT = "projects/theirs/databases/(default)/documents";
const ref = (name: string) => ({ referenceValue: name });

describe("Firestore writes", () => {
  it("sets whole documents and deletes by full name", () => {
    expect(toWrite(change("create", "notes/a", int(1)), ROOT)).toEqual({
      update: { name: `${ROOT}/notes/a`, fields: int(1) },
    });
    expect(toWrite(change("update", "notes/a/c/d"), ROOT)).toEqual({
      update: { name: `${ROOT}/notes/a/c/d`, fields: {} },
    });
    expect(toWrite(change("delete", "notes/a"), ROOT)).toEqual({ delete: `${ROOT}/notes/a` });
  });

  it("re-points references at the target, however deeply nested", () => {
    const ours = "projects/winky-app/databases/(default)/documents/users/alice";
    const value = {
      mapValue: {
        fields: {
          owner: ref(ours),
          list: { arrayValue: { values: [ref(ours), { stringValue: ours }] } },
          empty: { arrayValue: {} },
        },
      },
    };
    expect(rewriteReferences(value, ROOT)).toEqual({
      mapValue: {
        fields: {
          owner: ref(`${ROOT}/users/alice`),
          // a string that looks like a name is data, not a reference: left alone
          list: { arrayValue: { values: [ref(`${ROOT}/users/alice`), { stringValue: ours }] } },
          empty: { arrayValue: {} },
        },
      },
    });
    const write = toWrite(change("create", "notes/a", { r: ref(ours) }), ROOT);
    expect(write).toEqual({
      update: { name: `${ROOT}/notes/a`, fields: { r: ref(`${ROOT}/users/alice`) } },
    });
  });

  it("cuts commits at 500 writes, keeping the order", () => {
    const changes = Array.from({ length: 1001 }, (_, i) => change("create", `d/${i}`, int(i)));
    const commits = planCommits(changes, ROOT);
    expect(commits.map((c) => c.writes.length)).toEqual([500, 500, 1]);
    expect(commits.flatMap((c) => c.changes)).toEqual(changes);
    expect(planCommits(changes.slice(0, 500), ROOT)).toHaveLength(1);
    expect(planCommits([], ROOT)).toEqual([]);
  });

  it("cuts commits by the size of their JSON too, never leaving a large write out", () => {
    const text = { t: { stringValue: "x".repeat(1000) } };
    const changes = Array.from({ length: 5 }, (_, i) => change("create", `d/${i}`, text));
    // Each write is a little over 1,000 bytes: two fit under 2,500.
    expect(planCommits(changes, ROOT, 500, 2500).map((c) => c.writes.length)).toEqual([2, 2, 1]);
    expect(planCommits(changes, ROOT, 500, 10).map((c) => c.writes.length)).toEqual([
      1, 1, 1, 1, 1,
    ]);
  });

  it("starts a new commit before a document's second write", () => {
    const changes = [
      change("create", "a/1"),
      change("create", "a/2"),
      change("update", "a/1"),
      change("delete", "a/2"),
      change("create", "a/3"),
    ];
    const paths = planCommits(changes, ROOT).map((c) => c.changes.map((x) => x.path));
    expect(paths).toEqual([
      ["a/1", "a/2"],
      ["a/1", "a/2", "a/3"],
    ]);
  });
});
