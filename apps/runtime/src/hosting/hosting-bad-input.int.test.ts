import { Readable } from "node:stream";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHostingTestBed,
  sha256,
  VITE_SITE,
  type HostingTestBed,
} from "./hosting.test-bed.js";
import { DEFAULT_MAX_SITE_FILE_SIZE } from "./index.js";
import { siteBucketOf } from "./site-files.js";

/**
 * Every write refuses bad input with a message naming what is wrong, and leaves nothing
 * behind: no version row, no file, no release.
 */
describe("hosting with bad input", () => {
  const database = useTestDatabase("runtime_hosting_bad_input");
  let bed: HostingTestBed;
  const HASH = sha256("x");

  const versions = async () =>
    (await bed.call("GET", "/versions")).json<{ versions: { version: number; status: string }[] }>()
      .versions;
  const releases = async () =>
    (await bed.call("GET", "/releases")).json<{ releases: { version: number }[] }>().releases;
  const stored = async (hash: string) =>
    (await bed.blobs.stat(siteBucketOf(bed.project), hash)) !== null;

  beforeAll(async () => {
    bed = await createHostingTestBed(database.url, "bad-app");
  });
  afterAll(() => bed?.close());

  describe("creating a version", () => {
    it.each([
      ["/a/../b", `files["/a/../b"]: a path may not have a '..' segment`],
      ["/a//b", `files["/a//b"]: a path may not have an empty segment`],
      ["/dir/", `files["/dir/"]: a path may not have an empty segment`],
      ["index.html", `files["index.html"]: a path must start with /`],
      ["/a\\b", `files["/a\\\\b"]: a path may not contain a backslash`],
      [`/${"a".repeat(1024)}`, `a path may be at most 1024 characters long, not 1025`],
    ])("refuses the path %j, naming it", async (path, message) => {
      const res = await bed.call("POST", "/versions", {
        files: { "/index.html": HASH, [path]: HASH },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("invalid-argument");
      expect(res.json().error.message).toContain(message);
      expect(await versions()).toEqual([]);
    });

    it.each([
      [
        { files: { "/index.html": "ABC" } },
        `files["/index.html"]: the value must be the file's SHA-256`,
      ],
      [{ files: { "/index.html": HASH.toUpperCase() } }, "64 lowercase hex digits"],
      [{ files: {} }, "files: a version needs at least one file"],
      [{}, "files: "],
      [{ files: { "/i": HASH }, config: { spa: 1 } }, "config.spa: "],
      [{ files: { "/i": HASH }, config: { redirects: [] } }, "config: unknown field(s) redirects"],
      [
        { files: { "/i": HASH }, config: { headers: [{ source: "**", headers: { etag: "x" } }] } },
        "config.headers.0.headers.etag: is set by the server and cannot be overridden",
      ],
    ])("refuses %j, naming the field", async (body, message) => {
      const res = await bed.call("POST", "/versions", body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain(message);
      expect(await versions()).toEqual([]);
    });

    it("refuses more than 20,000 files", async () => {
      const files = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`/f${i}`, HASH]));
      const res = await bed.call("POST", "/versions", { files });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(
        "files: a version may hold at most 20000 files, not 20001",
      );
      expect(await versions()).toEqual([]);
    });

    it("refuses a body that is not JSON", async () => {
      const res = await bed.call("POST", "/versions", "{", { "content-type": "application/json" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe("the request body is not valid JSON");
      expect(await versions()).toEqual([]);
    });
  });

  describe("uploading a file", () => {
    it("refuses a body whose SHA-256 is not the URL's, storing nothing", async () => {
      const res = await bed.call("PUT", `/files/${HASH}`, "not x", {
        "content-type": "text/plain",
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: "invalid-argument",
        message: `body: its SHA-256 is ${sha256("not x")}, not the ${HASH} the URL names (5 bytes received)`,
        details: { field: "body", expected: HASH, actual: sha256("not x") },
      });
      expect(await stored(HASH)).toBe(false);
      expect(await stored(sha256("not x"))).toBe(false);
    });

    it("refuses a hash that is not 64 lowercase hex digits", async () => {
      for (const hash of ["abc", HASH.toUpperCase(), `${HASH}0`]) {
        const res = await bed.call("PUT", `/files/${hash}`, "x");
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toMatch(
          /^hash: '.*' is not a SHA-256 in 64 lowercase hex/,
        );
      }
    });

    it("refuses a file over the cap by its Content-Length, before reading it", async () => {
      const big = Buffer.alloc(DEFAULT_MAX_SITE_FILE_SIZE + 1, 1);
      const res = await bed.call("PUT", `/files/${sha256(big)}`, big);
      expect(res.statusCode).toBe(429);
      expect(res.json().error).toMatchObject({
        code: "resource-exhausted",
        message: `body: a site file may be at most ${DEFAULT_MAX_SITE_FILE_SIZE} bytes, not ${big.length}`,
        details: { limit: DEFAULT_MAX_SITE_FILE_SIZE },
      });
      expect(await stored(sha256(big))).toBe(false);
    });

    it("refuses a file over the cap sent without a Content-Length", async () => {
      const chunk = Buffer.alloc(1024 * 1024, 2);
      const chunks = DEFAULT_MAX_SITE_FILE_SIZE / chunk.length + 1;
      const hash = sha256(Buffer.concat(Array.from({ length: chunks }, () => chunk)));
      const res = await bed.app.inject({
        method: "PUT",
        url: `/v1/projects/bad-app/admin/hosting/files/${hash}`,
        headers: { ...bed.admin, "content-type": "application/octet-stream" },
        payload: Readable.from(Array.from({ length: chunks }, () => chunk)),
      });
      expect(res.statusCode).toBe(429);
      expect(res.json().error.message).toMatch(
        /^body: a site file may be at most \d+ bytes, not more$/,
      );
      expect(await stored(hash)).toBe(false);
    });

    it("refuses a caller without a key before reading the body", async () => {
      const res = await bed.app.inject({
        method: "PUT",
        url: `/v1/projects/bad-app/admin/hosting/files/${sha256("x")}`,
        payload: "x",
      });
      expect(res.statusCode).toBe(401);
      expect(await stored(sha256("x"))).toBe(false);
    });
  });

  describe("finalizing", () => {
    it("refuses a version whose files are not all uploaded, naming the paths", async () => {
      const site = VITE_SITE("v1");
      const files = Object.fromEntries(Object.entries(site).map(([p, c]) => [p, sha256(c)]));
      const created = await bed.call("POST", "/versions", { files });
      const { version } = created.json<{ version: number }>();
      const html = site["/index.html"]!;
      expect((await bed.call("PUT", `/files/${sha256(html)}`, html)).statusCode).toBe(200);
      const res = await bed.call("POST", `/versions/${version}:finalize`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: "failed-precondition",
        message:
          `version ${version} cannot be finalized: 3 file(s) not uploaded: ` +
          `files["/assets/index-B_wZ0Yan.js"], files["/assets/index-DiwrgTda.css"], files["/favicon.ico"]`,
        details: {
          reason: "missing-files",
          missingCount: 3,
          missing: ["/assets/index-B_wZ0Yan.js", "/assets/index-DiwrgTda.css", "/favicon.ico"],
        },
      });
      expect(await versions()).toMatchObject([{ version, status: "created" }]);
    });

    it("refuses an unknown version and a malformed action", async () => {
      const unknown = await bed.call("POST", "/versions/99:finalize");
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toBe("project 'bad-app' has no hosting version 99");
      const typo = await bed.call("POST", "/versions/1:finalise");
      expect(typo.statusCode).toBe(404);
      expect(typo.json().error.message).toMatch(/did you mean …\/versions\/<v>:finalize\?/);
      const zero = await bed.call("POST", "/versions/0:finalize");
      expect(zero.statusCode).toBe(400);
    });
  });

  describe("releasing", () => {
    it("refuses a version that is not finalized", async () => {
      const [created] = await versions();
      expect(created!.status).toBe("created");
      const res = await bed.call("POST", "/releases", { version: created!.version });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: "failed-precondition",
        message: `version ${created!.version} is not finalized: upload its missing files and finalize it first`,
      });
      expect(await releases()).toEqual([]);
      expect((await bed.fetch("/")).json().error.details.reason).toBe("no-release");
    });

    it("refuses an unknown version and a body without one", async () => {
      const unknown = await bed.call("POST", "/releases", { version: 42 });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toBe("project 'bad-app' has no hosting version 42");
      const bad = await bed.call("POST", "/releases", { version: "1" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/^invalid request: version: /);
      expect(await releases()).toEqual([]);
    });
  });

  describe("another project's key", () => {
    it("is refused on every route, and changes nothing", async () => {
      const otherKey = await bed.runtime.createProject("other-app");
      const other = { authorization: `Bearer ${otherKey}` };
      const attempts = [
        { method: "GET", url: "/versions" },
        { method: "POST", url: "/versions", payload: { files: { "/i": HASH } } },
        { method: "PUT", url: `/files/${HASH}`, payload: "x" },
        { method: "POST", url: "/versions/1:finalize" },
        { method: "GET", url: "/releases" },
        { method: "POST", url: "/releases", payload: { version: 1 } },
      ] as const;
      const before = await versions();
      for (const attempt of attempts) {
        const res = await bed.app.inject({
          method: attempt.method,
          url: `/v1/projects/bad-app/admin/hosting${attempt.url}`,
          headers: other,
          ...("payload" in attempt ? { payload: attempt.payload } : {}),
        });
        expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
        expect(res.json().error.message).toBe(
          "this service key belongs to another project, not 'bad-app'",
        );
      }
      expect(await versions()).toEqual(before);
      expect(await releases()).toEqual([]);
      expect(await stored(HASH)).toBe(false);
    });
  });
});
