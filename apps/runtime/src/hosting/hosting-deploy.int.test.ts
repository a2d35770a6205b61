import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHostingTestBed,
  sha256,
  VITE_SITE,
  type HostingTestBed,
} from "./hosting.test-bed.js";
import { siteBucketOf } from "./site-files.js";

describe("hosting deploys", () => {
  const database = useTestDatabase("runtime_hosting_deploy");
  let bed: HostingTestBed;

  beforeAll(async () => {
    bed = await createHostingTestBed(database.url, "deploy-app");
  });
  afterAll(() => bed?.close());

  describe("a first version", () => {
    it("asks for every file, stores each under its hash in the site's bucket, and finalizes", async () => {
      const site = VITE_SITE("v1");
      const hashes = Object.values(site).map(sha256);
      const deployed = await bed.deploy(site);
      expect(deployed.version).toBe(1);
      expect(deployed.missing).toEqual([...hashes].sort());
      expect(deployed.uploaded.sort()).toEqual([...hashes].sort());
      const bucket = siteBucketOf("deploy-app");
      expect(bucket).toMatch(/^h\.[0-9a-f]{40}$/);
      for (const hash of hashes) {
        expect((await bed.blobs.stat(bucket, hash))?.size).toBeGreaterThan(0);
      }
    });

    it("is listed as finalized with its file count, total size and config", async () => {
      const listed = await bed.call("GET", "/versions");
      expect(listed.statusCode, listed.body).toBe(200);
      const site = VITE_SITE("v1");
      const totalSize = Object.values(site).reduce((n, c) => n + Buffer.byteLength(c), 0);
      expect(listed.json().versions).toEqual([
        {
          version: 1,
          status: "finalized",
          fileCount: 4,
          totalSize,
          config: { spa: true, cleanUrls: false, headers: [] },
          createdAt: expect.any(String),
          finalizedAt: expect.any(String),
        },
      ]);
    });
  });

  describe("a second version sharing files", () => {
    it("asks only for the files the store lacks", async () => {
      const v1 = VITE_SITE("v1");
      const v2 = VITE_SITE("v2");
      const deployed = await bed.deploy(v2);
      expect(deployed.version).toBe(2);
      const changed = Object.values(v2)
        .map(sha256)
        .filter((h) => !Object.values(v1).map(sha256).includes(h));
      // The HTML and the script changed; the style and the icon are shared.
      expect(changed).toHaveLength(2);
      expect(deployed.missing.sort()).toEqual(changed.sort());
      expect(deployed.uploaded.sort()).toEqual(changed.sort());
    });

    it("uploading a file the store has already keeps it, and says so", async () => {
      const css = VITE_SITE("v1")["/assets/index-DiwrgTda.css"]!;
      const again = await bed.call("PUT", `/files/${sha256(css)}`, css, {
        "content-type": "text/css",
      });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual({
        hash: sha256(css),
        size: Buffer.byteLength(css),
        stored: false,
      });
    });

    it("asks for one upload per distinct file, however many paths share it", async () => {
      const body = "same bytes, two paths";
      const created = await bed.call("POST", "/versions", {
        files: { "/a.txt": sha256(body), "/b/a.txt": sha256(body) },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ version: 3, missing: [sha256(body)] });
    });
  });

  describe("releases", () => {
    it("make a version live, newest first, and a rollback is a new release", async () => {
      await bed.release(1);
      await bed.release(2);
      const rolledBack = await bed.call("POST", "/releases", { version: 1 });
      expect(rolledBack.statusCode, rolledBack.body).toBe(201);
      expect(rolledBack.json()).toEqual({ seq: 3, version: 1, releasedAt: expect.any(String) });
      const listed = await bed.call("GET", "/releases");
      expect(listed.json().releases.map((r: { seq: number; version: number }) => r)).toEqual([
        { seq: 3, version: 1, releasedAt: expect.any(String) },
        { seq: 2, version: 2, releasedAt: expect.any(String) },
        { seq: 1, version: 1, releasedAt: expect.any(String) },
      ]);
      expect((await bed.call("GET", "/releases?limit=1")).json().releases).toHaveLength(1);
    });

    it("finalizing a finalized version again changes nothing", async () => {
      const again = await bed.call("POST", "/versions/1:finalize");
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual({ version: 1 });
    });

    it("are open to the operator's key too", async () => {
      const listed = await bed.app.inject({
        method: "GET",
        url: "/v1/projects/deploy-app/admin/hosting/versions?limit=2",
        headers: { authorization: `Bearer ${"operator-key-".padEnd(40, "x")}` },
      });
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().versions.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    });
  });

  it("leaves every deploy step in the audit trail", async () => {
    const audit = await bed.app.inject({
      method: "GET",
      url: "/v1/projects/deploy-app/admin/audit",
      headers: bed.admin,
    });
    const actions = audit.json().entries.map((e: { action: string }) => e.action);
    expect(actions).toContain("POST /v1/projects/:project/admin/hosting/versions");
    expect(actions).toContain("PUT /v1/projects/:project/admin/hosting/files/:hash");
    expect(actions).toContain("POST /v1/projects/:project/admin/hosting/versions/:target");
    expect(actions).toContain("POST /v1/projects/:project/admin/hosting/releases");
  });
});
