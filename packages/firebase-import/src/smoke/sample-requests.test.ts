import { describe, expect, it } from "vitest";
import type { ImportUser } from "../auth/auth-users.js";
import type { DataValue, ImportedDocument } from "../data/index.js";
import type { StorageFile } from "../storage/storage-files.js";
import { renderSmoke } from "./render-smoke.js";
import { sampleRequests } from "./sample-requests.js";

const user = (uid: string, disabled = false): ImportUser => ({
  uid,
  email: `${uid}@example.com`,
  emailVerified: true,
  disabled,
  customClaims: {},
  createdAt: "2024-01-01T00:00:00.000Z",
  lastSignInAt: null,
  providers: [],
});
const doc = (path: string, fields: Record<string, DataValue> = {}): ImportedDocument => ({
  path,
  fields: new Map(Object.entries(fields)),
  source: { file: "data.json", line: 1 },
});
const file = (name: string): StorageFile => ({
  name,
  path: `/tmp/${name}`,
  size: 1,
  contentType: "image/png",
});

describe("sampleRequests", () => {
  const users = [user("dis", true), user("ada"), user("bob")];

  it("asks for the first document of each collection shape as nobody, its owner and another user", () => {
    const requests = sampleRequests(
      [
        doc("users/ada/notes/n1"),
        doc("users/bob/notes/n2"),
        doc("posts/p1", { authorId: { type: "string", value: "bob" } }),
        doc("tags/t1"),
      ],
      [],
      users,
    );
    expect(requests.map((r) => `${r.method} ${r.path} ${r.who} ${r.as?.uid ?? "-"}`)).toEqual([
      "get users/ada/notes/n1 signed out -",
      "get users/ada/notes/n1 owner ada",
      "update users/ada/notes/n1 owner ada",
      "list users/ada/notes owner ada",
      "get users/ada/notes/n1 another user bob",
      "get posts/p1 signed out -",
      "get posts/p1 owner bob",
      "update posts/p1 owner bob",
      "list posts owner bob",
      "get posts/p1 another user ada",
      "get tags/t1 signed out -",
      "get tags/t1 another user ada",
    ]);
  });

  it("asks for the first file of each top folder, never as a disabled user", () => {
    const requests = sampleRequests(
      [],
      [file("avatars/bob/a.png"), file("avatars/ada/b.png"), file("x.txt")],
      users,
    );
    expect(requests.map((r) => `${r.service} ${r.path} ${r.who} ${r.as?.uid ?? "-"}`)).toEqual([
      "storage avatars/bob/a.png signed out -",
      "storage avatars/bob/a.png owner bob",
      "storage avatars/bob/a.png another user ada",
      "storage x.txt signed out -",
      "storage x.txt another user ada",
    ]);
  });
});

describe("renderSmoke", () => {
  it("says when counts differ, and escapes table cells", () => {
    const text = renderSmoke({
      project: "p",
      ok: false,
      counts: [{ what: "documents", source: 3, imported: 2 }],
      decisions: [
        {
          service: "firestore",
          request: "get a/b",
          who: "signed out",
          allowed: false,
          because: "line 3: a || b is false",
        },
      ],
    });
    expect(text).toContain("## Smoke check of p: COUNTS DIFFER");
    expect(text).toContain("| documents | 3 | 2 | **differs** |");
    expect(text).toContain("| `get a/b` | signed out | denied | line 3: a \\|\\| b is false |");
  });
});
