import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHostingTestBed,
  sha256,
  VITE_SITE,
  type HostingTestBed,
} from "./hosting.test-bed.js";

describe("reading a deployed site back", () => {
  const database = useTestDatabase("runtime_hosting_read");
  let bed: HostingTestBed;

  beforeAll(async () => {
    bed = await createHostingTestBed(database.url, "read-app");
    await bed.deploy(VITE_SITE("v1"), { spa: false, cleanUrls: true });
    await bed.release(1);
  });
  afterAll(() => bed?.close());

  it("answers a version's manifest with sizes and its config", async () => {
    const res = await bed.call("GET", "/versions/1");
    expect(res.statusCode, res.body).toBe(200);
    const site = VITE_SITE("v1");
    expect(res.json()).toEqual({
      version: 1,
      status: "finalized",
      config: { spa: false, cleanUrls: true, headers: [] },
      files: Object.fromEntries(
        Object.entries(site).map(([p, c]) => [p, { hash: sha256(c), size: Buffer.byteLength(c) }]),
      ),
    });
  });

  it("answers a file's bytes by hash, exactly", async () => {
    const icon = VITE_SITE("v1")["/favicon.ico"] as Buffer;
    const res = await bed.call("GET", `/files/${sha256(icon)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(icon)).toBe(true);
  });

  it("refuses an unknown version, a bad version, an unknown or bad hash", async () => {
    expect((await bed.call("GET", "/versions/9")).statusCode).toBe(404);
    expect((await bed.call("GET", "/versions/abc")).statusCode).toBe(400);
    expect((await bed.call("GET", `/files/${sha256("nothing")}`)).statusCode).toBe(404);
    expect((await bed.call("GET", "/files/not-a-hash")).statusCode).toBe(400);
  });

  it("is closed to callers without the project's key", async () => {
    const res = await bed.app.inject({
      method: "GET",
      url: "/v1/projects/read-app/admin/hosting/versions/1",
    });
    expect(res.statusCode).toBe(401);
  });
});
