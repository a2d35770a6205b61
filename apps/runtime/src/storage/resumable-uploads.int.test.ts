import { useTestDatabase } from "@winky/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  createStorageTestBed,
  describeOnEachBackend,
  type StorageTestBed,
} from "./storage.test-bed.js";

const RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /uploads/{file} {
      allow read;
      allow create: if request.resource.size < 200 && request.resource.contentType == 'text/plain';
    }
  }
}`;

const P = "resumable-app";
const enc = (name: string) => encodeURIComponent(name);

describeOnEachBackend("resumable uploads", (backend) => {
  const database = useTestDatabase(`runtime_storage_resumable_${backend}`);
  let bed: StorageTestBed;
  let app: FastifyInstance;

  const start = (name: string, headers: Record<string, string>, body?: object) =>
    app.inject({
      method: "POST",
      url: `/v1/projects/${P}/storage/o?name=${enc(name)}&uploadType=resumable`,
      headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { payload: body } : {}),
    });
  const sessionPath = (location: string) => {
    const url = new URL(location);
    return `${url.pathname}${url.search}`;
  };
  const chunk = (session: string, range: string, payload: string) =>
    app.inject({
      method: "PUT",
      url: session,
      headers: { "content-range": range, "content-type": "application/octet-stream" },
      payload,
    });

  beforeAll(async () => {
    bed = await createStorageTestBed(database.url, P, RULES, { maxObjectSize: 1000, backend });
    app = bed.app;
  });
  afterAll(() => bed.close());

  it("takes three chunks, refuses a wrong offset with where to resume, and commits", async () => {
    const started = await start(
      "uploads/story.txt",
      {
        "x-upload-content-type": "text/plain",
        "x-upload-content-length": "15",
      },
      { metadata: { Chapter: "1" } },
    );
    expect(started.statusCode, started.body).toBe(200);
    const session = sessionPath(started.headers.location as string);

    const first = await chunk(session, "bytes 0-4/*", "once ");
    expect(first.statusCode, first.body).toBe(308);
    expect(first.headers.range).toBe("bytes=0-4");

    const wrong = await chunk(session, "bytes 3-7/*", "upon ");
    expect(wrong.statusCode).toBe(409);
    expect(wrong.headers.range).toBe("bytes=0-4");
    expect(wrong.json().error).toMatchObject({
      code: "aborted",
      details: { reason: "offset-mismatch", expectedOffset: 5 },
    });

    const second = await chunk(session, "bytes 5-9/*", "upon ");
    expect(second.statusCode).toBe(308);
    expect(second.headers.range).toBe("bytes=0-9");

    const status = await app.inject({
      method: "PUT",
      url: session,
      headers: { "content-range": "bytes */*" },
    });
    expect(status.statusCode).toBe(308);
    expect(status.headers.range).toBe("bytes=0-9");

    const last = await chunk(session, "bytes 10-14/15", "a tim");
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({
      name: "uploads/story.txt",
      size: "15",
      contentType: "text/plain",
      metadata: { Chapter: "1" },
    });
    const read = await app.inject({
      method: "GET",
      url: `/v1/projects/${P}/storage/o/${enc("uploads/story.txt")}?alt=media`,
    });
    expect(read.body).toBe("once upon a tim");
    const events = await bed.runtime.pool.query(
      `select kind from runtime.events where project_id = $1 and subject = 'uploads/story.txt'`,
      [P],
    );
    expect(events.rows).toEqual([{ kind: "storage.object.finalized" }]);
    const gone = await chunk(session, "bytes 15-15/16", "x");
    expect(gone.statusCode).toBe(404);
  });

  it("judges the declared size and type with the rules before any chunk", async () => {
    const tooBig = await start("uploads/big.txt", {
      "x-upload-content-type": "text/plain",
      "x-upload-content-length": "500",
    });
    expect(tooBig.statusCode).toBe(403);
    const wrongType = await start("uploads/pic.png", {
      "x-upload-content-type": "image/png",
      "x-upload-content-length": "10",
    });
    expect(wrongType.statusCode).toBe(403);
    const undeclared = await start("uploads/any.txt", { "x-upload-content-type": "text/plain" });
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json().error.message).toContain("X-Upload-Content-Length");
  });

  it("refuses bytes past the declared size and past the runtime's limit", async () => {
    const started = await start("big/file.bin", { ...bed.admin, "x-upload-content-length": "4" });
    const session = sessionPath(started.headers.location as string);
    const over = await chunk(session, "bytes 0-5/*", "123456");
    expect(over.statusCode).toBe(429);
    const limit = await start("big/huge.bin", { ...bed.admin, "x-upload-content-length": "5000" });
    expect(limit.statusCode).toBe(429);
    expect(limit.json().error.message).toContain("1000 bytes");
    const open = await start("big/open.bin", bed.admin);
    const unbounded = sessionPath(open.headers.location as string);
    const streamed = await chunk(unbounded, "bytes 0-1099/*", "x".repeat(1100));
    expect(streamed.statusCode).toBe(429);
  });

  it("refuses malformed session requests", async () => {
    const started = await start("big/bad.bin", bed.admin);
    const session = sessionPath(started.headers.location as string);
    for (const range of ["bytes 0-4", "items 0-4/5", "bytes 4-0/5", "bytes 0-9/5"]) {
      const res = await chunk(session, range, "12345");
      expect(res.statusCode, range).toBe(400);
      expect(res.json().error.message).toMatch(/^Content-Range: /);
    }
    const mismatch = await chunk(session, "bytes 0-9/*", "12345");
    expect(mismatch.statusCode).toBe(400);
    const unknown = await chunk(
      `/v1/projects/${P}/storage/o?upload_id=${"0".repeat(32)}`,
      "bytes 0-0/1",
      "x",
    );
    expect(unknown.statusCode).toBe(404);
    const badId = await chunk(`/v1/projects/${P}/storage/o?upload_id=nope`, "bytes 0-0/1", "x");
    expect(badId.statusCode).toBe(400);
    const cancelled = await app.inject({ method: "DELETE", url: session });
    expect(cancelled.statusCode).toBe(204);
    expect(
      (await app.inject({ method: "PUT", url: session, headers: { "content-range": "bytes */*" } }))
        .statusCode,
    ).toBe(404);
  });
});
