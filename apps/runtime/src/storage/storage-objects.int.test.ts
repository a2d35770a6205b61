import { expect, it } from "vitest";
import { enc, P, url, useStorageApi } from "./storage-api.test-bed.js";
import { describeOnEachBackend } from "./storage.test-bed.js";

// Objects' life through the REST routes when the rules allow, and the events it leaves.

describeOnEachBackend("storage over HTTP: objects", (backend) => {
  const api = useStorageApi("runtime_storage_objects", backend);
  const { upload } = api;
  const storageEvents = async () =>
    (
      await api.bed.runtime.pool.query<{ kind: string; subject: string; data: { object: object } }>(
        `select kind, subject, data from runtime.events
          where project_id = $1 and kind like 'storage.%' order by id`,
        [P],
      )
    ).rows;

  it("uploads, reads metadata, downloads, lists, updates metadata and deletes", async () => {
    const { app, ann } = api;
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

    const got = await api.download(name, ann.headers);
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe("hello storage");
    expect(got.headers["content-type"]).toBe("text/plain");

    const part = await api.download(name, { ...ann.headers, range: "bytes=6-12" });
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
    const read = await api.download("images/cat.png");
    expect(read.statusCode).toBe(200);
    expect(read.rawPayload).toEqual(Buffer.from([0x89, 0x50]));
  });

  it("lets admins (service keys) bypass the rules", async () => {
    const res = await upload("anywhere/admin.bin", "x", api.bed.admin);
    expect(res.statusCode, res.body).toBe(200);
  });

  it("has a finalized event per upload and a deleted event per delete, with the object", async () => {
    const name = "events/one.txt";
    const before = (await storageEvents()).length;
    const put = await upload(name, "abc", api.bed.admin);
    const del = await api.app.inject({
      method: "DELETE",
      url: url(`o/${enc(name)}`),
      headers: api.bed.admin,
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
    const listed = await api.app.inject({
      method: "GET",
      url: `/v1/projects/${P}/admin/events?kind=storage.object.finalized,storage.object.deleted`,
      headers: api.bed.admin,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().events.length).toBeGreaterThanOrEqual(2);
  });
});
