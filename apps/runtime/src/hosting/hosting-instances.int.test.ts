import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { FsBlobStore } from "@winky/blob-store";
import { eventually, useTestDatabase } from "@winky/testing";
import { drizzle } from "drizzle-orm/node-postgres";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { ChangeFeed, createTestAuthCore, TEST_ADMIN_KEY } from "../testing/index.js";
import { createHostingTestBed, VITE_SITE, type HostingTestBed } from "./hosting.test-bed.js";

/**
 * Two runtime processes on one database and one blob store, each with its change feed: a
 * release made through one is served by the other once the `winky_projects` notification
 * arrives. And a runtime with `WINKY_HOSTING_DOMAIN` serving sites by `Host`.
 */
describe("hosting across runtime instances", () => {
  const database = useTestDatabase("runtime_hosting_instances");
  const feeds: ChangeFeed[] = [];
  let a: HostingTestBed & { dir: string };
  let b: HostingTestBed;
  const v1 = VITE_SITE("v1");
  const v2 = VITE_SITE("v2");

  beforeAll(async () => {
    for (let n = 0; n < 2; n++) {
      const feed = new ChangeFeed(database.url);
      await feed.start();
      feeds.push(feed);
    }
    a = await createHostingTestBed(database.url, "myapp", { changeFeed: feeds[0]! });
    b = await createHostingTestBed(database.url, "myapp", {
      changeFeed: feeds[1]!,
      dir: a.dir,
      key: a.key,
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    for (const feed of feeds) await feed.close();
  });

  it("serves a release and a rollback made through the other instance", async () => {
    const first = await a.deploy(v1);
    const second = await a.deploy(v2);
    await a.release(first.version);
    await eventually(async () => expect((await b.fetch("/")).body).toBe(v1["/index.html"]));
    await a.release(second.version);
    expect((await a.fetch("/")).body).toBe(v2["/index.html"]);
    await eventually(async () => expect((await b.fetch("/")).body).toBe(v2["/index.html"]));
    // The rollback: A serves v1 at once, B as soon as the notification arrives.
    await a.release(first.version);
    expect((await a.fetch("/")).body).toBe(v1["/index.html"]);
    await eventually(async () => expect((await b.fetch("/")).body).toBe(v1["/index.html"]));
    expect((await b.fetch("/assets/index-B_wZ0Yan.js")).statusCode).toBe(200);
  });

  describe("with WINKY_HOSTING_DOMAIN=localhost", () => {
    let site: { app: FastifyInstance; close(): Promise<void> };

    beforeAll(async () => {
      await a.release((await a.deploy(v1)).version);
      site = await buildSiteHostApp(database.url, path.join(a.dir, "blobs"), "localhost");
    });
    afterAll(() => site?.close());

    const get = (url: string, host: string, method: "GET" | "HEAD" | "POST" = "GET") =>
      site.app.inject({ method, url, headers: { host } });

    it("serves <project>.localhost:<port> at /", async () => {
      const res = await get("/", "myapp.localhost:4000");
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(v1["/index.html"]);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      const route = await get("/notes/7?x=1", "MyApp.localhost:4000");
      expect(route.body).toBe(v1["/index.html"]);
      const asset = await get("/assets/index-B_wZ0Yan.js", "myapp.localhost");
      expect(asset.body).toBe(v1["/assets/index-B_wZ0Yan.js"]);
      expect((await get("/assets/missing-Ab12Cd34.js", "myapp.localhost:4000")).statusCode).toBe(
        404,
      );
      expect((await get("/favicon.ico", "myapp.localhost:4000", "HEAD")).statusCode).toBe(200);
    });

    it("serves over a real socket: streamed bodies, HEAD lengths, 304s", async () => {
      await site.app.listen({ host: "127.0.0.1", port: 0 });
      const { port } = site.app.server.address() as AddressInfo;
      const request = (method: string, url: string, headers: Record<string, string> = {}) =>
        new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
          (resolve, reject) => {
            const req = http.request(
              {
                host: "127.0.0.1",
                port,
                method,
                path: url,
                headers: { host: `myapp.localhost:${port}`, ...headers },
              },
              (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () =>
                  resolve({
                    status: res.statusCode!,
                    headers: res.headers,
                    body: Buffer.concat(chunks).toString(),
                  }),
                );
              },
            );
            req.on("error", reject);
            req.end();
          },
        );
      const script = await request("GET", "/assets/index-B_wZ0Yan.js");
      expect(script).toMatchObject({ status: 200, body: v1["/assets/index-B_wZ0Yan.js"] });
      expect(script.headers["content-length"]).toBe(
        String(v1["/assets/index-B_wZ0Yan.js"]!.length),
      );
      const head = await request("HEAD", "/");
      expect(head).toMatchObject({ status: 200, body: "" });
      expect(head.headers["content-length"]).toBe(String(v1["/index.html"]!.length));
      const cached = await request("GET", "/", { "if-none-match": head.headers.etag! });
      expect(cached).toMatchObject({ status: 304, body: "" });
    });

    it("answers not-found for a host naming no project", async () => {
      const res = await get("/", "nobody.localhost:4000");
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe("project 'nobody' does not exist");
    });

    it("leaves the runtime's own host and routes as they are", async () => {
      const root = await get("/", "localhost:4000");
      expect(root.statusCode).toBe(404);
      expect(root.json().error.message).toBe("no route for GET /");
      expect((await get("/healthz", "localhost:4000")).json()).toMatchObject({ status: "ok" });
      // The runtime's routes keep precedence on a site's host too.
      expect((await get("/healthz", "myapp.localhost:4000")).json()).toMatchObject({
        status: "ok",
      });
      const admin = await site.app.inject({
        method: "GET",
        url: "/v1/projects/myapp/admin/hosting/releases",
        headers: { host: "localhost:4000", authorization: `Bearer ${a.key}` },
      });
      expect(admin.statusCode, admin.body).toBe(200);
      // Only reads are the site's: other methods on a site's host find no site route.
      expect((await get("/", "myapp.localhost:4000", "POST")).statusCode).toBe(404);
    });
  });
});

/** A runtime as `main.ts` builds it with `WINKY_HOSTING_DOMAIN` set (no change feed needed). */
async function buildSiteHostApp(
  databaseUrl: string,
  blobDir: string,
  domain: string,
): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  const app = buildApp({
    pool,
    db: drizzle({ client: pool }),
    adminKey: TEST_ADMIN_KEY,
    auth: createTestAuthCore().core,
    blobs: new FsBlobStore(blobDir),
    storage: { encryptionKey: randomBytes(32) },
    hosting: { domain },
    logLevel: "silent",
  });
  return {
    app,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
