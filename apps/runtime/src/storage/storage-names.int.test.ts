import { readdir } from "node:fs/promises";
import { expect, it } from "vitest";
import { url, useStorageApi } from "./storage-api.test-bed.js";
import { describeOnEachBackend } from "./storage.test-bed.js";

// Object names that are, or could decode into, path traversal: refused before any store call.

const SPELLINGS = [
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

const UPLOAD_NAMES = [
  "../escape",
  "%2e%2e/escape",
  "%252e%252e/escape",
  "/etc/passwd",
  "users/x/../../escape",
  "..",
  "",
];

const RAW_TRAVERSAL = "o/a/../../../x";

describeOnEachBackend("storage over HTTP: object names", (backend) => {
  const api = useStorageApi("runtime_storage_names", backend);

  it.each(SPELLINGS)("refuses the path %s with 400 on every method", async (spelling) => {
    for (const method of ["GET", "PUT", "PATCH", "DELETE"] as const) {
      const res = await api.app.inject({
        method,
        url: url(`o/${spelling}${method === "GET" ? "?alt=media" : ""}`),
        headers: { ...api.bed.admin, "content-type": "text/plain" },
        payload: method === "PUT" || method === "PATCH" ? "x" : undefined,
      });
      expect(res.statusCode, `${method} ${spelling}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe("invalid-argument");
    }
  });

  it.each(UPLOAD_NAMES)("refuses the upload name %j with 400 and writes nothing", async (name) => {
    const before = await api.listAll();
    const res = await api.upload(name, "x", api.bed.admin);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(/^name: /);
    expect(await api.listAll()).toEqual(before);
  });

  it("refuses raw ../ in the URL", async () => {
    const before = await api.listAll();
    const res = await api.app.inject({
      method: "PUT",
      url: url(RAW_TRAVERSAL),
      headers: api.bed.admin,
      payload: "x",
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(await api.listAll()).toEqual(before);
  });

  // Only a file system store has a root a name could climb out of; S3 keys are opaque.
  if (backend === "fs") {
    it("leaves nothing beside the store's root after every refused name", async () => {
      for (const name of UPLOAD_NAMES) {
        expect((await api.upload(name, "x", api.bed.admin)).statusCode).toBe(400);
      }
      const raw = await api.app.inject({
        method: "PUT",
        url: url(RAW_TRAVERSAL),
        headers: api.bed.admin,
        payload: "x",
      });
      expect(raw.statusCode).toBeGreaterThanOrEqual(400);
      expect(await readdir(api.bed.dir)).toEqual(["storage"]);
    });
  }
});
