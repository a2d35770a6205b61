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
    match /users/{userId}/{file=**} {
      allow read, write: if request.auth != null && request.auth.uid == userId;
    }
  }
}`;

const P = "signed-app";
const enc = (name: string) => encodeURIComponent(name);
const objectUrl = (name: string) => `/v1/projects/${P}/storage/o/${enc(name)}`;

describeOnEachBackend("signed URLs", (backend) => {
  const database = useTestDatabase(`runtime_storage_signed_${backend}`);
  let bed: StorageTestBed;
  let app: FastifyInstance;
  let ann: { uid: string; headers: { authorization: string } };
  let bob: { uid: string; headers: { authorization: string } };

  const sign = (name: string, body: unknown, headers: Record<string, string>) =>
    app.inject({
      method: "POST",
      url: `${objectUrl(name)}:signUrl`,
      headers: { ...headers, "content-type": "application/json" },
      payload: body as object,
    });
  const signed = async (name: string, method: string, expiresInSeconds = 60) => {
    const res = await sign(name, { method, expiresInSeconds }, bed.admin);
    expect(res.statusCode, res.body).toBe(200);
    const url = new URL(res.json<{ url: string }>().url);
    return `${url.pathname}${url.search}`;
  };
  const put = (name: string, content: string) =>
    app.inject({
      method: "POST",
      url: `/v1/projects/${P}/storage/o?name=${enc(name)}`,
      headers: { ...bed.admin, "content-type": "text/plain" },
      payload: content,
    });

  beforeAll(async () => {
    bed = await createStorageTestBed(database.url, P, RULES, { backend });
    app = bed.app;
    ann = await bed.signUp("ann@example.com");
    bob = await bed.signUp("bob@example.com");
    expect((await put("shared/report.txt", "quarterly")).statusCode).toBe(200);
  });
  afterAll(() => bed.close());

  it("downloads with a valid GET URL, without credentials", async () => {
    const url = await signed("shared/report.txt", "GET");
    expect(url).toMatch(/X-Winky-Expires=\d+&X-Winky-Signature=[0-9a-f]{64}$/);
    const res = await app.inject({ method: "GET", url });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe("quarterly");
  });

  it("uploads with a PUT URL and deletes with a DELETE URL", async () => {
    const up = await app.inject({
      method: "PUT",
      url: await signed("shared/upload.txt", "PUT"),
      headers: { "content-type": "text/plain" },
      payload: "via signed url",
    });
    expect(up.statusCode, up.body).toBe(200);
    const del = await app.inject({
      method: "DELETE",
      url: await signed("shared/upload.txt", "DELETE"),
    });
    expect(del.statusCode, del.body).toBe(204);
  });

  it("refuses an expired URL", async () => {
    const url = await signed("shared/report.txt", "GET", 30);
    bed.runtime.auth.clock.advanceSeconds(31);
    const res = await app.inject({ method: "GET", url });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: "permission-denied",
      details: { reason: "signed-url-expired" },
    });
  });

  it("refuses a URL used for another method", async () => {
    const url = await signed("shared/report.txt", "GET");
    const res = await app.inject({ method: "DELETE", url });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toEqual({ reason: "signed-url-invalid" });
    const stillThere = await app.inject({ method: "GET", url });
    expect(stillThere.statusCode).toBe(200);
  });

  it("refuses a tampered object, expiry or signature", async () => {
    const url = await signed("shared/report.txt", "GET");
    const expires = /X-Winky-Expires=(\d+)/.exec(url)![1]!;
    const signature = /X-Winky-Signature=([0-9a-f]+)/.exec(url)![1]!;
    await put("shared/other.txt", "other");
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`;
    for (const tampered of [
      url.replace(enc("shared/report.txt"), enc("shared/other.txt")),
      url.replace(`X-Winky-Expires=${expires}`, `X-Winky-Expires=${Number(expires) + 3600}`),
      url.replace(signature, flipped),
      url.replace(signature, "zz"),
      url.replace(/&X-Winky-Expires=\d+/, ""),
    ]) {
      const res = await app.inject({ method: "GET", url: tampered });
      expect(res.statusCode, tampered).toBe(403);
      expect(res.body).not.toContain("quarterly");
    }
  });

  it("refuses every URL signed before the key was rotated, and signs anew after", async () => {
    const before = await signed("shared/report.txt", "GET");
    expect((await app.inject({ method: "GET", url: before })).statusCode).toBe(200);
    const rotated = await app.inject({
      method: "POST",
      url: `/v1/projects/${P}/admin/storage/signing-key:rotate`,
      headers: bed.admin,
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect((await app.inject({ method: "GET", url: before })).statusCode).toBe(403);
    const after = await signed("shared/report.txt", "GET");
    expect((await app.inject({ method: "GET", url: after })).statusCode).toBe(200);
    const byUser = await app.inject({
      method: "POST",
      url: `/v1/projects/${P}/admin/storage/signing-key:rotate`,
      headers: ann.headers,
    });
    expect(byUser.statusCode).toBe(401);
  });

  it("lets an end user sign what the rules allow them, and nothing else", async () => {
    const mine = `users/${ann.uid}/photo.txt`;
    const created = await app.inject({
      method: "POST",
      url: `/v1/projects/${P}/storage/o?name=${enc(mine)}`,
      headers: { ...ann.headers, "content-type": "text/plain" },
      payload: "me",
    });
    expect(created.statusCode, created.body).toBe(200);
    const ok = await sign(mine, { method: "GET", expiresInSeconds: 60 }, ann.headers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await sign(mine, { method: "GET" }, bob.headers)).statusCode).toBe(403);
    expect((await sign(mine, { method: "DELETE" }, bob.headers)).statusCode).toBe(403);
    expect((await sign(mine, { method: "PUT" }, ann.headers)).statusCode).toBe(403);
  });

  it("refuses bad sign requests", async () => {
    for (const body of [
      { method: "POST" },
      { method: "GET", expiresInSeconds: 7 * 24 * 3600 + 1 },
      { method: "GET", expiresInSeconds: 0 },
      { method: "GET", extra: true },
    ]) {
      const res = await sign("shared/report.txt", body, bed.admin);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe("invalid-argument");
    }
    const traversal = await app.inject({
      method: "POST",
      url: `/v1/projects/${P}/storage/o/..%2Fx:signUrl`,
      headers: { ...bed.admin, "content-type": "application/json" },
      payload: { method: "GET" },
    });
    expect(traversal.statusCode).toBe(400);
  });
});
