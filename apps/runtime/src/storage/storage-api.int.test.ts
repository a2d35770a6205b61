import { readdir } from "node:fs/promises";
import { Readable } from "node:stream";
import { useTestDatabase } from "@winky/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorageTestBed, type StorageTestBed } from "./storage.test-bed.js";

const RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /users/{userId}/{file=**} {
      allow read, list, delete: if request.auth != null && request.auth.uid == userId;
      allow create, update: if request.auth != null && request.auth.uid == userId
        && request.resource.size < 1024 * 1024;
    }
    match /images/{file} {
      allow read;
      allow create: if request.resource.contentType.matches('image/.*');
    }
    match /teams/{team}/{file} {
      allow read, write: if request.auth != null && request.auth.uid in
        firestore.get(/databases/(default)/documents/teams/$(team)).data.members;
    }
  }
}`;

const P = "store-app";
const url = (rest: string) => `/v1/projects/${P}/storage/${rest}`;
const enc = (name: string) => encodeURIComponent(name);

describe("storage over HTTP", () => {
  const database = useTestDatabase("runtime_storage");
  let bed: StorageTestBed;
  let app: FastifyInstance;
  let ann: { uid: string; headers: { authorization: string } };
  let bob: { uid: string; headers: { authorization: string } };

  const upload = (
    name: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
    project = P,
  ) =>
    app.inject({
      method: "POST",
      url: `/v1/projects/${project}/storage/o?name=${enc(name)}`,
      headers: { "content-type": "text/plain", ...headers },
      payload: body,
    });
  const listAll = async () => {
    const res = await app.inject({ method: "GET", url: url("o"), headers: bed.admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { name: string }[] }>().items.map((i) => i.name);
  };
  const storageEvents = async () =>
    (
      await bed.runtime.pool.query<{ kind: string; subject: string; data: { object: object } }>(
        `select kind, subject, data from runtime.events
          where project_id = $1 and kind like 'storage.%' order by id`,
        [P],
      )
    ).rows;

  beforeAll(async () => {
    bed = await createStorageTestBed(database.url, P, RULES, { maxObjectSize: 4096 });
    app = bed.app;
    ann = await bed.signUp("ann@example.com");
    bob = await bed.signUp("bob@example.com");
  });
  afterAll(() => bed.close());

  describe("when the rules allow", () => {
    it("uploads, reads metadata, downloads, lists, updates metadata and deletes", async () => {
      const name = `users/${ann.uid}/notes/today.txt`;
      const put = await upload(name, "hello storage", {
        ...ann.headers,
        "x-goog-meta-mood": "sunny",
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({
        name,
        bucket: P,
        size: "13",
        contentType: "text/plain",
        metadata: { mood: "sunny" },
      });

      const meta = await app.inject({
        method: "GET",
        url: url(`o/${enc(name)}`),
        headers: ann.headers,
      });
      expect(meta.statusCode, meta.body).toBe(200);
      expect(meta.json()).toMatchObject({ name, size: "13", metageneration: "1" });

      const got = await app.inject({
        method: "GET",
        url: url(`o/${enc(name)}?alt=media`),
        headers: ann.headers,
      });
      expect(got.statusCode).toBe(200);
      expect(got.body).toBe("hello storage");
      expect(got.headers["content-type"]).toBe("text/plain");

      const part = await app.inject({
        method: "GET",
        url: url(`o/${enc(name)}?alt=media`),
        headers: { ...ann.headers, range: "bytes=6-12" },
      });
      expect(part.statusCode).toBe(206);
      expect(part.body).toBe("storage");
      expect(part.headers["content-range"]).toBe("bytes 6-12/13");

      const listed = await app.inject({
        method: "GET",
        url: url(`o?prefix=${enc(`users/${ann.uid}/`)}&delimiter=/`),
        headers: ann.headers,
      });
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json()).toEqual({ prefixes: [`users/${ann.uid}/notes/`], items: [] });

      const patched = await app.inject({
        method: "PATCH",
        url: url(`o/${enc(name)}`),
        headers: { ...ann.headers, "content-type": "application/json" },
        payload: { metadata: { mood: null, topic: "tests" }, cacheControl: "no-cache" },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toMatchObject({
        metadata: { topic: "tests" },
        cacheControl: "no-cache",
        metageneration: "2",
      });

      const deleted = await app.inject({
        method: "DELETE",
        url: url(`o/${enc(name)}`),
        headers: ann.headers,
      });
      expect(deleted.statusCode, deleted.body).toBe(204);
      const gone = await app.inject({
        method: "GET",
        url: url(`o/${enc(name)}`),
        headers: ann.headers,
      });
      expect(gone.statusCode).toBe(404);
    });

    it("accepts images by content type and lets anyone read them", async () => {
      const res = await upload("images/cat.png", Buffer.from([0x89, 0x50]), {
        "content-type": "image/png",
      });
      expect(res.statusCode, res.body).toBe(200);
      const read = await app.inject({
        method: "GET",
        url: url(`o/${enc("images/cat.png")}?alt=media`),
      });
      expect(read.statusCode).toBe(200);
      expect(read.rawPayload).toEqual(Buffer.from([0x89, 0x50]));
    });

    it("decides with firestore.get() on the project's documents", async () => {
      const commit = await app.inject({
        method: "POST",
        url: `/v1/projects/${P}/documents:commit`,
        headers: bed.admin,
        payload: {
          writes: [
            {
              update: {
                name: "teams/red",
                fields: { members: { arrayValue: { values: [{ stringValue: ann.uid }] } } },
              },
            },
          ],
        },
      });
      expect(commit.statusCode, commit.body).toBe(200);
      expect((await upload("teams/red/plan.txt", "go", ann.headers)).statusCode).toBe(200);
      const denied = await upload("teams/red/plan.txt", "stop", bob.headers);
      expect(denied.statusCode).toBe(403);
      // No such team document: the lookup fails, which denies.
      expect((await upload("teams/blue/plan.txt", "go", ann.headers)).statusCode).toBe(403);
    });

    it("lets admins (service keys) bypass the rules", async () => {
      const res = await upload("anywhere/admin.bin", "x", bed.admin);
      expect(res.statusCode, res.body).toBe(200);
    });
  });

  describe("when the rules deny", () => {
    it("refuses another user's files with Firestore's message and no trace", async () => {
      const name = `users/${ann.uid}/secret.txt`;
      expect((await upload(name, "mine", ann.headers)).statusCode).toBe(200);
      for (const res of [
        await upload(name, "theirs", bob.headers),
        await app.inject({
          method: "GET",
          url: url(`o/${enc(name)}?alt=media`),
          headers: bob.headers,
        }),
        await app.inject({ method: "GET", url: url(`o/${enc(name)}`) }),
        await app.inject({ method: "DELETE", url: url(`o/${enc(name)}`), headers: bob.headers }),
        await app.inject({
          method: "PATCH",
          url: url(`o/${enc(name)}`),
          headers: { ...bob.headers, "content-type": "application/json" },
          payload: { metadata: { x: "y" } },
        }),
        await app.inject({
          method: "GET",
          url: url(`o?prefix=${enc(`users/${ann.uid}/`)}`),
          headers: bob.headers,
        }),
      ]) {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json()).toEqual({
          error: { code: "permission-denied", message: "Missing or insufficient permissions." },
        });
      }
      const still = await app.inject({
        method: "GET",
        url: url(`o/${enc(name)}?alt=media`),
        headers: ann.headers,
      });
      expect(still.body).toBe("mine");
    });

    it("refuses by request.resource.size and contentType before reading the body", async () => {
      const big = await upload(`users/${ann.uid}/big.bin`, "x", {
        ...ann.headers,
        // A declared size the rules refuse; only 1 byte is sent, none is read.
        "content-length": String(2 * 1024 * 1024),
      }).catch(() => null);
      // light-my-request may refuse a lying Content-Length itself; the store must stay empty.
      if (big) expect(big.statusCode).not.toBe(200);
      const text = await upload("images/notes.txt", "not an image", {
        "content-type": "text/plain",
      });
      expect(text.statusCode).toBe(403);
      expect(await listAll()).not.toContain("images/notes.txt");
      expect(await listAll()).not.toContain(`users/${ann.uid}/big.bin`);
    });

    it("attaches the rules trace for admins only", async () => {
      const other = await createStorageTestBed(database.url, "no-rules-app", null);
      try {
        const anon = await other.app.inject({
          method: "GET",
          url: "/v1/projects/no-rules-app/storage/o/a.txt",
        });
        expect(anon.statusCode).toBe(403);
        expect(anon.json().error.details).toBeUndefined();
      } finally {
        await other.close();
      }
    });
  });

  describe("object names", () => {
    const spellings = [
      "..%2F..%2Fetc%2Fpasswd",
      "%2e%2e%2fsecret",
      "%252e%252e%252fsecret",
      "%25252e%25252e%25252fsecret",
      "%2Fetc%2Fpasswd",
      "users%2Fx%2F..%2F..%2Fescape",
      "a%5Cb",
      "a%2F%2Fb",
      "a%2F.%2Fb",
      "a%00b",
      "%E0%A4%A",
    ];

    it.each(spellings)("refuses the path %s with 400 on every method", async (spelling) => {
      for (const method of ["GET", "PUT", "PATCH", "DELETE"] as const) {
        const res = await app.inject({
          method,
          url: url(`o/${spelling}${method === "GET" ? "?alt=media" : ""}`),
          headers: { ...bed.admin, "content-type": "text/plain" },
          payload: method === "PUT" || method === "PATCH" ? "x" : undefined,
        });
        expect(res.statusCode, `${method} ${spelling}: ${res.body}`).toBe(400);
        expect(res.json().error.code).toBe("invalid-argument");
      }
    });

    it.each([
      "../escape",
      "%2e%2e/escape",
      "%252e%252e/escape",
      "/etc/passwd",
      "users/x/../../escape",
      "..",
      "",
    ])("refuses the upload name %j with 400 and writes nothing", async (name) => {
      const before = await listAll();
      const res = await upload(name, "x", bed.admin);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toMatch(/^name: /);
      expect(await listAll()).toEqual(before);
      expect(await readdir(bed.dir)).toEqual(["storage"]);
    });

    it("refuses raw ../ in the URL", async () => {
      const res = await app.inject({
        method: "PUT",
        url: url("o/a/../../../x"),
        headers: bed.admin,
        payload: "x",
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(await readdir(bed.dir)).toEqual(["storage"]);
    });
  });

  describe("bad input", () => {
    it("names the size limit while streaming and stores nothing", async () => {
      const res = await app.inject({
        method: "POST",
        url: url(`o?name=${enc("anywhere/huge.bin")}`),
        headers: { ...bed.admin, "content-type": "application/octet-stream" },
        payload: Buffer.alloc(5000, 1),
      });
      expect(res.statusCode, res.body).toBe(429);
      expect(res.json().error).toMatchObject({
        code: "resource-exhausted",
        details: { limit: 4096 },
      });
      expect(res.json().error.message).toContain("4096 bytes");
      expect(await listAll()).not.toContain("anywhere/huge.bin");
    });

    it("refuses a bad content type, a missing Content-Length for end users, multipart and bad queries", async () => {
      const badType = await upload("anywhere/x", "x", {
        ...bed.admin,
        "content-type": "not a type",
      });
      expect(badType.statusCode).toBe(400);
      expect(badType.json().error.message).toMatch(/^Content-Type: /);
      const noSubtype = await upload("anywhere/x", "x", { ...bed.admin, "content-type": "text" });
      expect(noSubtype.statusCode).toBe(400);
      expect(noSubtype.json().error.message).toMatch(/^Content-Type: /);
      const noLength = await app.inject({
        method: "POST",
        url: url(`o?name=${enc(`users/${ann.uid}/streamed.txt`)}`),
        headers: { ...ann.headers, "content-type": "text/plain" },
        // A stream: sent without Content-Length, so the rules could not judge the size.
        payload: Readable.from([Buffer.from("x")]),
      });
      expect(noLength.statusCode, noLength.body).toBe(400);
      expect(noLength.json().error.message).toContain("Content-Length");
      const multipart = await upload("anywhere/x", "x", {
        ...bed.admin,
        "content-type": "multipart/related; boundary=x",
      });
      expect(multipart.statusCode).toBe(400);
      const noName = await app.inject({
        method: "POST",
        url: url("o"),
        headers: bed.admin,
        payload: "x",
      });
      expect(noName.statusCode).toBe(400);
      const badList = await app.inject({
        method: "GET",
        url: url("o?maxResults=0"),
        headers: bed.admin,
      });
      expect(badList.statusCode).toBe(400);
      const badPatch = await app.inject({
        method: "PATCH",
        url: url(`o/${enc("anywhere/admin.bin")}`),
        headers: { ...bed.admin, "content-type": "application/json" },
        payload: { size: 3 },
      });
      expect(badPatch.statusCode).toBe(400);
      expect(badPatch.json().error.message).toContain("size");
      const notJson = await app.inject({
        method: "PATCH",
        url: url(`o/${enc("anywhere/admin.bin")}`),
        headers: { ...bed.admin, "content-type": "application/json" },
        payload: "{",
      });
      expect(notJson.statusCode).toBe(400);
    });

    it("answers 404 for an unknown project and for a missing object", async () => {
      const unknown = await upload("a.txt", "x", {}, "no-such-app");
      expect(unknown.statusCode).toBe(404);
      const missing = await app.inject({
        method: "DELETE",
        url: url(`o/${enc("anywhere/none")}`),
        headers: bed.admin,
      });
      expect(missing.statusCode).toBe(404);
    });
  });

  describe("the event log", () => {
    it("has a finalized event per upload and a deleted event per delete, with the object", async () => {
      const name = "events/one.txt";
      const before = (await storageEvents()).length;
      const put = await upload(name, "abc", bed.admin);
      const del = await app.inject({
        method: "DELETE",
        url: url(`o/${enc(name)}`),
        headers: bed.admin,
      });
      expect(del.statusCode).toBe(204);
      const events = (await storageEvents()).slice(before);
      expect(events.map((e) => [e.kind, e.subject])).toEqual([
        ["storage.object.finalized", name],
        ["storage.object.deleted", name],
      ]);
      expect(events[0]!.data.object).toEqual({
        name,
        bucket: P,
        size: 3,
        contentType: "text/plain",
        generation: put.json().generation,
        md5Hash: put.json().md5Hash,
        metadata: {},
      });
      const listed = await app.inject({
        method: "GET",
        url: `/v1/projects/${P}/admin/events?kind=storage.object.finalized,storage.object.deleted`,
        headers: bed.admin,
      });
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().events.length).toBeGreaterThanOrEqual(2);
    });
  });
});
