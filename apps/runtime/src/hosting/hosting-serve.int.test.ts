import { randomBytes } from "node:crypto";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHostingTestBed,
  sha256,
  VITE_SITE,
  type HostingTestBed,
} from "./hosting.test-bed.js";

describe("serving a site", () => {
  const database = useTestDatabase("runtime_hosting_serve");
  let bed: HostingTestBed;
  const v1 = VITE_SITE("v1");
  const v2 = VITE_SITE("v2");

  beforeAll(async () => {
    bed = await createHostingTestBed(database.url, "serve-app");
  });
  afterAll(() => bed?.close());

  describe("before any release", () => {
    it("answers not-found saying the project has no release", async () => {
      const res = await bed.fetch("/");
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({
        code: "not-found",
        message: "project 'serve-app' has no hosting release yet: deploy a version first",
        details: { reason: "no-release" },
      });
    });

    it("answers not-found for a project that does not exist", async () => {
      const res = await bed.app.inject({ method: "GET", url: "/v1/projects/nobody/hosting/" });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe("project 'nobody' does not exist");
    });
  });

  describe("the live version", () => {
    beforeAll(async () => {
      await bed.release((await bed.deploy(v1)).version);
    });

    it("serves index.html at / as revalidated HTML", async () => {
      const res = await bed.fetch("/");
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(v1["/index.html"]);
      expect(res.headers).toMatchObject({
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-cache",
        etag: `"${sha256(v1["/index.html"]!)}"`,
        "x-content-type-options": "nosniff",
        "content-length": String(Buffer.byteLength(v1["/index.html"]!)),
      });
    });

    it("redirects the site's root without its slash, so relative URLs resolve", async () => {
      const res = await bed.app.inject({ method: "GET", url: "/v1/projects/serve-app/hosting" });
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe("./hosting/");
    });

    it("serves index.html for a deep app route", async () => {
      const res = await bed.fetch("/notes/42/edit?tab=2");
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(v1["/index.html"]);
    });

    it("answers a missing asset with not-found, never with index.html", async () => {
      const res = await bed.fetch("/assets/missing-Ab12Cd34.js");
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(res.json().error.message).toBe(
        `no file at "/assets/missing-Ab12Cd34.js" in the site of project 'serve-app'`,
      );
    });

    it("caches hashed assets for a year and other files for five minutes", async () => {
      const script = await bed.fetch("/assets/index-B_wZ0Yan.js");
      expect(script.body).toBe(v1["/assets/index-B_wZ0Yan.js"]);
      expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
      expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      const icon = await bed.fetch("/favicon.ico");
      expect(icon.rawPayload).toEqual(v1["/favicon.ico"]);
      expect(icon.headers["content-type"]).toBe("image/x-icon");
      expect(icon.headers["cache-control"]).toBe("public, max-age=300");
    });

    it("answers 304 when the client's copy is current, and the file when it is not", async () => {
      const etag = `"${sha256(v1["/index.html"]!)}"`;
      const current = await bed.fetch("/", { headers: { "if-none-match": etag } });
      expect(current.statusCode).toBe(304);
      expect(current.body).toBe("");
      expect(current.headers.etag).toBe(etag);
      expect(current.headers["cache-control"]).toBe("no-cache");
      const stale = await bed.fetch("/", { headers: { "if-none-match": `"${"0".repeat(64)}"` } });
      expect(stale.statusCode).toBe(200);
      expect(stale.body).toBe(v1["/index.html"]);
    });

    it("answers HEAD with the headers and no body", async () => {
      const res = await bed.fetch("/assets/index-DiwrgTda.css", { method: "HEAD" });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe("");
      expect(res.headers["content-length"]).toBe(String(v1["/assets/index-DiwrgTda.css"]!.length));
      expect(res.headers["content-type"]).toBe("text/css; charset=utf-8");
    });

    it("decodes the path once: a file with a space is served at %20", async () => {
      const site = { ...v1, "/a b.txt": "spaced" };
      await bed.release((await bed.deploy(site)).version);
      expect((await bed.fetch("/a%20b.txt")).body).toBe("spaced");
      const bad = await bed.fetch("/a%zz.txt");
      expect(bad.statusCode).toBe(400);
      // The router refuses it before any route runs, in the runtime's error shape.
      expect(bad.json().error).toMatchObject({ code: "invalid-argument" });
    });
  });

  describe("a release", () => {
    it("changes what is served at once, and a rollback brings the old version back", async () => {
      const second = await bed.deploy(v2);
      await bed.release(second.version);
      expect((await bed.fetch("/")).body).toBe(v2["/index.html"]);
      expect((await bed.fetch("/assets/index-C-3xUVmb.js")).statusCode).toBe(200);
      expect((await bed.fetch("/assets/index-B_wZ0Yan.js")).statusCode).toBe(404);
      await bed.release(1);
      expect((await bed.fetch("/")).body).toBe(v1["/index.html"]);
      expect((await bed.fetch("/assets/index-B_wZ0Yan.js")).statusCode).toBe(200);
    });
  });

  describe("a version's config", () => {
    it("serves /about.html at /about with cleanUrls, and /404.html with status 404", async () => {
      const site = { "/index.html": "home", "/about.html": "about", "/404.html": "lost" };
      const { version } = await bed.deploy(site, { spa: false, cleanUrls: true });
      await bed.release(version);
      expect((await bed.fetch("/about")).body).toBe("about");
      const missing = await bed.fetch("/nowhere");
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toBe("lost");
      expect(missing.headers["content-type"]).toBe("text/html; charset=utf-8");
    });

    it("redirects a directory without its slash, keeping the query", async () => {
      const site = { "/index.html": "home", "/docs/index.html": "docs" };
      await bed.release((await bed.deploy(site)).version);
      const res = await bed.fetch("/docs?x=1");
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe("./docs/?x=1");
      expect((await bed.fetch("/docs/")).body).toBe("docs");
    });

    it("adds the headers of every matching rule, later rules winning", async () => {
      const { version } = await bed.deploy(v1, {
        headers: [
          { source: "**/*.html", headers: { "content-security-policy": "default-src 'self'" } },
          { source: "/assets/**", headers: { "x-asset": "1", "cache-control": "no-store" } },
          { source: "**/*.js", headers: { "x-asset": "script" } },
        ],
      });
      await bed.release(version);
      // An app route answered with index.html gets the rule for HTML files.
      const route = await bed.fetch("/settings");
      expect(route.headers["content-security-policy"]).toBe("default-src 'self'");
      expect(route.headers["x-asset"]).toBeUndefined();
      const script = await bed.fetch("/assets/index-B_wZ0Yan.js");
      expect(script.headers).toMatchObject({ "x-asset": "script", "cache-control": "no-store" });
      expect(script.headers["content-security-policy"]).toBeUndefined();
      // A 304 carries them too.
      const current = await bed.fetch("/assets/index-B_wZ0Yan.js", {
        headers: { "if-none-match": script.headers.etag as string },
      });
      expect(current.statusCode).toBe(304);
      expect(current.headers["x-asset"]).toBe("script");
    });
  });

  it("takes files larger than the JSON body limit, up to the file cap", async () => {
    const big = randomBytes(12 * 1024 * 1024);
    const site = { "/index.html": "big", "/big.bin": big };
    const { version, uploaded } = await bed.deploy(site);
    expect(uploaded).toContain(sha256(big));
    await bed.release(version);
    const res = await bed.fetch("/big.bin");
    expect(res.headers["content-type"]).toBe("application/octet-stream");
    expect(res.rawPayload.equals(big)).toBe(true);
  });

  it("takes an upload without a content type, and an empty file", async () => {
    for (const content of ["plain", ""]) {
      const res = await bed.app.inject({
        method: "PUT",
        url: `/v1/projects/serve-app/admin/hosting/files/${sha256(content)}`,
        headers: bed.admin,
        payload: content,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ hash: sha256(content), size: content.length });
    }
  });
});
