import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestedSites } from "./tested-site.js";

describe("the tested site of a run", () => {
  let dir: string;
  let sites: TestedSites;
  const runId = "7d1c0a4e-1111-4222-8333-944445555666";
  const files = { "src/main.tsx": "render()", "package.json": "{}" };
  const env = { VITE_WINKY_PROJECT: "notes", VITE_WINKY_URL: "http://127.0.0.1:4000" };
  const site = new Map([
    ["/index.html", new TextEncoder().encode("<div id=root></div>")],
    ["/assets/app.js", new Uint8Array([1, 2, 3])],
  ]);
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-tested-"));
    sites = new TestedSites(dir);
    await sites.save(runId, files, env, site);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is found for the same files and settings, byte for byte", async () => {
    const found = await sites.find(
      runId,
      { "package.json": "{}", "src/main.tsx": "render()" },
      env,
    );
    // readSite gives Buffers: compare the bytes.
    const bytes = (m: ReadonlyMap<string, Uint8Array> | undefined) =>
      [...(m ?? [])].map(([p, b]) => [p, [...b]]).sort();
    expect(bytes(found)).toEqual(bytes(site));
  });

  it("is not found after a file or a setting changed, or for another run", async () => {
    expect(await sites.find(runId, { ...files, "src/main.tsx": "render(1)" }, env)).toBeUndefined();
    expect(
      await sites.find(runId, files, { ...env, VITE_WINKY_PROJECT: "notes-2" }),
    ).toBeUndefined();
    expect(await sites.find(runId.replace("7", "8"), files, env)).toBeUndefined();
  });

  it("refuses a run id that is not one", async () => {
    await expect(sites.find("../../etc", files, env)).rejects.toThrow(/not a run id/);
  });
});
