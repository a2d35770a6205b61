import { Readable } from "node:stream";
import { expect, it } from "vitest";
import { enc, url, useStorageApi } from "./storage-api.test-bed.js";
import { describeOnEachBackend } from "./storage.test-bed.js";

// Client mistakes: each answers 4xx naming what is wrong, and stores nothing.

describeOnEachBackend("storage over HTTP: bad input", (backend) => {
  const api = useStorageApi("runtime_storage_bad_input", backend);
  const { upload } = api;

  it("names the size limit while streaming and stores nothing", async () => {
    const res = await api.app.inject({
      method: "POST",
      url: url(`o?name=${enc("anywhere/huge.bin")}`),
      headers: { ...api.bed.admin, "content-type": "application/octet-stream" },
      payload: Buffer.alloc(5000, 1),
    });
    expect(res.statusCode, res.body).toBe(429);
    expect(res.json().error).toMatchObject({
      code: "resource-exhausted",
      details: { limit: 4096 },
    });
    expect(res.json().error.message).toContain("4096 bytes");
    expect(await api.listAll()).not.toContain("anywhere/huge.bin");
  });

  it("refuses a bad content type, a missing Content-Length for end users, multipart and bad queries", async () => {
    const { app, ann, bed } = api;
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
    const missing = await api.app.inject({
      method: "DELETE",
      url: url(`o/${enc("anywhere/none")}`),
      headers: api.bed.admin,
    });
    expect(missing.statusCode).toBe(404);
  });
});
