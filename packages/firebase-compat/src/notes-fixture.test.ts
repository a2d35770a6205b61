// The notes project (packages/firebase-import/fixtures): every function bundles, and each runs
// with a fake context, writing exactly what firebase-admin would.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { TriggerKind } from "./bundle.js";
import { fakeContext } from "./testing/fake-context.js";
import { loadFunction, type RuntimeHandler } from "./testing/load-bundle.js";

const SOURCE_DIR = fileURLToPath(
  new URL("../../firebase-import/fixtures/notes-project/functions", import.meta.url),
);

const FUNCTIONS: Array<[string, TriggerKind]> = [
  ["api", "http"],
  ["shareNote", "callable"],
  ["noteCreated", "document"],
  ["noteUpdated", "document"],
  ["noteDeleted", "document"],
  ["tagWritten", "document"],
  ["profileCreated", "document"],
  ["accounts.created", "auth"],
  ["accounts.deleted", "auth"],
  ["nightlyCleanup", "schedule"],
  ["weeklyDigest", "schedule"],
  ["onImageUploaded", "storage"],
  ["onImageDeleted", "storage"],
];

const fns = new Map<string, RuntimeHandler>();
const fn = (name: string) => fns.get(name)!;
const AUTO_ID = /^[A-Za-z0-9]{20}$/;

beforeAll(async () => {
  // Read at load: accounts.ts reads functions.config() at its top level.
  process.env.FIREBASE_CONFIG_JSON = JSON.stringify({ mail: { sender: "hello@notes.test" } });
  process.env.MAIL_API_KEY = "mail-key-123";
  for (const [name, kind] of FUNCTIONS) {
    fns.set(
      name,
      await loadFunction({
        sourceDir: SOURCE_DIR,
        entryFile: "src/index.ts",
        exportPath: name.split("."),
        kind,
      }),
    );
  }
}, 60_000);

const docEvent = (kind: string, path: string, before: unknown, after: unknown) => {
  const params = { uid: "u1", noteId: "n1", tagId: "t1" };
  return { eventId: `ev-${kind}`, kind, path, params, before, after };
};

describe("the notes project", () => {
  it("bundles all 13 functions", () => {
    expect([...fns.keys()]).toHaveLength(13);
    for (const handler of fns.values()) expect(typeof handler).toBe("function");
  });

  it("refuses a deploy under another trigger kind", async () => {
    await expect(
      loadFunction({
        sourceDir: SOURCE_DIR,
        entryFile: "src/index.ts",
        exportPath: ["api"],
        kind: "callable",
      }),
    ).rejects.toThrow("the export is a http function, deployed as a callable one");
  });

  it("api: lists tags through a query and answers JSON", async () => {
    const context = fakeContext({
      queryAnswer: [{ name: "tags/t1", fields: { name: { stringValue: "Work" } } }],
    });
    const res = (await fn("api")(new Request("http://function.invalid/tags"), context)) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ tags: [{ id: "t1", name: "Work" }] });
    expect(context.queries).toEqual([
      { parent: "", collectionId: "tags", allDescendants: false, orderBy: [], limit: 50 },
    ]);
  });

  it("shareNote: refuses with HttpsError codes, then updates the note", async () => {
    const anonymous = fakeContext();
    await expect(fn("shareNote")({ noteId: "n1" }, anonymous)).rejects.toMatchObject({
      code: "unauthenticated",
      message: "Sign in first.",
    });
    const ada = fakeContext({ auth: { uid: "ada", token: { email: "ada@x.test" } } });
    await expect(fn("shareNote")({ noteId: "n1" }, ada)).rejects.toMatchObject({
      code: "invalid-argument",
      message: "noteId and email are required.",
    });
    const result = await fn("shareNote")({ noteId: "n1", email: "bob@x.test" }, ada);
    expect(result).toEqual({ shared: true, keyLength: "mail-key-123".length });
    expect(ada.commits).toEqual([
      [
        {
          update: {
            name: "users/ada/notes/n1",
            fields: { sharedWith: { stringValue: "bob@x.test" } },
          },
          updateMask: { fieldPaths: ["sharedWith"] },
          currentDocument: { exists: true },
        },
      ],
    ]);
  });

  it("noteCreated / noteDeleted: increment the user's note count", async () => {
    const created = fakeContext();
    await fn("noteCreated")(docEvent("create", "users/u1/notes/n1", null, {}), created);
    const deleted = fakeContext();
    await fn("noteDeleted")(docEvent("delete", "users/u1/notes/n1", {}, null), deleted);
    const write = (n: string) => ({
      update: { name: "users/u1", fields: {} },
      updateMask: { fieldPaths: [] },
      currentDocument: { exists: true },
      updateTransforms: [{ fieldPath: "noteCount", increment: { integerValue: n } }],
    });
    expect(created.commits).toEqual([[write("1")]]);
    expect(deleted.commits).toEqual([[write("-1")]]);
  });

  it("noteUpdated: keeps a revision only when the body changed", async () => {
    const body = (text: string) => ({ body: { stringValue: text } });
    const same = fakeContext({ eventId: "e1" });
    await fn("noteUpdated")(docEvent("update", "users/u1/notes/n1", body("a"), body("a")), same);
    expect(same.commits).toEqual([]);
    const changed = fakeContext({ eventId: "e2" });
    await fn("noteUpdated")(docEvent("update", "users/u1/notes/n1", body("a"), body("b")), changed);
    const [write] = changed.commits[0]!;
    const name = write!.update!.name;
    expect(name).toMatch(/^users\/u1\/notes\/n1\/revisions\/[A-Za-z0-9]{20}$/);
    expect(write).toEqual({
      update: { name, fields: { body: { stringValue: "a" } } },
      updateTransforms: [{ fieldPath: "savedAt", setToServerValue: "REQUEST_TIME" }],
      currentDocument: { exists: false },
    });
    // A retried delivery names the same revision (ids derive from the event id).
    const again = fakeContext({ eventId: "e2" });
    await fn("noteUpdated")(docEvent("update", "users/u1/notes/n1", body("a"), body("b")), again);
    expect(again.commits[0]![0]!.update!.name).toBe(name);
  });

  it("tagWritten: fixes the slug through the snapshot's ref", async () => {
    const context = fakeContext();
    const after = { name: { stringValue: "Work" }, slug: { stringValue: "x" } };
    await fn("tagWritten")(docEvent("write", "tags/t1", null, after), context);
    expect(context.commits).toEqual([
      [
        {
          update: { name: "tags/t1", fields: { slug: { stringValue: "work" } } },
          updateMask: { fieldPaths: ["slug"] },
          currentDocument: { exists: true },
        },
      ],
    ]);
  });

  it("profileCreated (1st gen): merges with the params from the event context", async () => {
    const context = fakeContext();
    await fn("profileCreated")(docEvent("create", "users/u1", null, {}), context);
    expect(context.commits).toEqual([
      [
        {
          update: { name: "users/u1", fields: { uid: { stringValue: "u1" } } },
          updateMask: { fieldPaths: ["uid"] },
          updateTransforms: [{ fieldPath: "welcomedAt", setToServerValue: "REQUEST_TIME" }],
        },
      ],
    ]);
  });

  it("accounts: writes the profile with the config's sender, and deletes it", async () => {
    const user = {
      uid: "u1",
      email: "ada@x.test",
      emailVerified: true,
      anonymous: false,
      createdAt: "2026-01-01T00:00:00Z",
    };
    const created = fakeContext();
    await fn("accounts.created")({ eventId: "e", kind: "create", user }, created);
    expect(created.commits).toEqual([
      [
        {
          update: {
            name: "users/u1",
            fields: {
              email: { stringValue: "ada@x.test" },
              sender: { stringValue: "hello@notes.test" },
            },
          },
        },
      ],
    ]);
    // The account's whole tree goes: the profile, its notes and their revisions.
    const paths = ["users/u1", "users/u1/notes/n1", "users/u1/notes/n1/revisions/r1", "users/u2"];
    const docs = Object.fromEntries(paths.map((name) => [name, { name, fields: {} }]));
    const deleted = fakeContext({ docs });
    await fn("accounts.deleted")({ eventId: "e", kind: "delete", user }, deleted);
    expect(deleted.commits).toEqual([
      [
        { delete: "users/u1" },
        { delete: "users/u1/notes/n1" },
        { delete: "users/u1/notes/n1/revisions/r1" },
      ],
    ]);
  });

  it("nightlyCleanup: queries old revisions in every notes collection and deletes them", async () => {
    const context = fakeContext({
      queryAnswer: [
        { name: "users/u1/notes/n1/revisions/r1", fields: {} },
        { name: "users/u2/notes/n9/revisions/r2", fields: {} },
      ],
    });
    await fn("nightlyCleanup")(
      { eventId: "e", kind: "tick", scheduleTime: "2026-01-31T02:00:00Z" },
      context,
    );
    const [query] = context.queries;
    expect(query).toMatchObject({ parent: "", collectionId: "revisions", allDescendants: true });
    const where = query!.where as {
      fieldFilter: { op: string; value: { timestampValue: string } };
    };
    expect(where.fieldFilter.op).toBe("LESS_THAN");
    const cutoff = Date.parse(where.fieldFilter.value.timestampValue);
    expect(Math.abs(cutoff - (Date.now() - 30 * 24 * 3600 * 1000))).toBeLessThan(60_000);
    expect(context.commits).toEqual([
      [{ delete: "users/u1/notes/n1/revisions/r1" }],
      [{ delete: "users/u2/notes/n9/revisions/r2" }],
    ]);
  });

  it("weeklyDigest (1st gen schedule): adds a digest", async () => {
    const context = fakeContext();
    await fn("weeklyDigest")(
      { eventId: "e", kind: "tick", scheduleTime: "2026-01-05T14:00:00Z" },
      context,
    );
    const write = context.commits[0]![0]!;
    expect(write.update!.name).toMatch(/^digests\/[A-Za-z0-9]{20}$/);
    expect(write.update!.fields.sentAt).toHaveProperty("stringValue");
    expect(write.currentDocument).toEqual({ exists: false });
  });

  it("images: 1st gen finalize sees ObjectMetadata, 2nd gen delete a CloudEvent", async () => {
    const object = {
      name: "images/a.png",
      size: 12,
      contentType: "image/png",
      generation: 3,
      md5Hash: "x",
      metadata: {},
    };
    const uploaded = fakeContext();
    await fn("onImageUploaded")({ eventId: "e", kind: "finalize", object }, uploaded);
    expect(uploaded.commits[0]![0]!.update!.fields).toEqual({
      name: { stringValue: "images/a.png" },
      size: { integerValue: "12" },
    });
    const elsewhere = fakeContext();
    await fn("onImageUploaded")(
      { eventId: "e", kind: "finalize", object: { ...object, name: "docs/a" } },
      elsewhere,
    );
    expect(elsewhere.commits).toEqual([]);
    const deleted = fakeContext();
    await fn("onImageDeleted")({ eventId: "e", kind: "delete", object }, deleted);
    const write = deleted.commits[0]![0]!;
    expect(write.update!.name).toMatch(/^deletions\//);
    expect(write.update!.name.split("/")[1]).toMatch(AUTO_ID);
    expect(write.update!.fields).toEqual({ name: { stringValue: "images/a.png" } });
  });
});
