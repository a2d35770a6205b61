import { describe, expect, it } from "vitest";
import { enc, P, url, useStorageApi } from "./storage-api.test-bed.js";
import { createStorageTestBed, describeOnEachBackend } from "./storage.test-bed.js";

// What the storage rules let through the routes, and how a refusal reads.

describeOnEachBackend("storage over HTTP: rules", (backend) => {
  const api = useStorageApi("runtime_storage_rules", backend);
  const { upload } = api;

  describe("when the rules allow", () => {
    it("decides with firestore.get() on the project's documents", async () => {
      const { ann, bob } = api;
      const commit = await api.app.inject({
        method: "POST",
        url: `/v1/projects/${P}/documents:commit`,
        headers: api.bed.admin,
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
  });

  describe("when the rules deny", () => {
    it("refuses another user's files with Firestore's message and no trace", async () => {
      const { app, ann, bob } = api;
      const name = `users/${ann.uid}/secret.txt`;
      expect((await upload(name, "mine", ann.headers)).statusCode).toBe(200);
      for (const res of [
        await upload(name, "theirs", bob.headers),
        await api.download(name, bob.headers),
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
      const still = await api.download(name, ann.headers);
      expect(still.body).toBe("mine");
    });

    it("refuses by request.resource.size and contentType before reading the body", async () => {
      const { ann } = api;
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
      expect(await api.listAll()).not.toContain("images/notes.txt");
      expect(await api.listAll()).not.toContain(`users/${ann.uid}/big.bin`);
    });

    it("attaches the rules trace for admins only", async () => {
      const other = await createStorageTestBed(api.databaseUrl, "no-rules-app", null, { backend });
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
});
