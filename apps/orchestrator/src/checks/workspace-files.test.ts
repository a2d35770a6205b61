import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appPathProblem, readSite, writeAppWorkspace, writeSite } from "./workspace-files.js";

describe("app paths", () => {
  it("accepts plain relative paths", () => {
    expect(appPathProblem("src/screens/notes/note-list.tsx")).toBeNull();
    expect(appPathProblem(".env.example")).toBeNull();
  });

  it("refuses absolute paths, dot segments, backslashes and the checks' own dirs", () => {
    for (const bad of [
      "/etc/passwd",
      "../x",
      "src/../../x",
      "a//b",
      "a\\b",
      "node_modules/x/index.js",
      "dist/index.html",
      ".winky-check/steps",
    ]) {
      expect(appPathProblem(bad), bad).not.toBeNull();
    }
  });
});

describe("writeAppWorkspace and sites", () => {
  it("writes the files, and refuses a bad path naming it before writing anything", async () => {
    const dir = await writeAppWorkspace(
      { "src/a.ts": "export {};", "package.json": "{}" },
      { label: "unit" },
    );
    try {
      expect(await readFile(path.join(dir, "src/a.ts"), "utf8")).toBe("export {};");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await expect(writeAppWorkspace({ "../escape.ts": "" }, { label: "unit" })).rejects.toThrow(
      "app file '../escape.ts': must not hold empty, '.' or '..' segments",
    );
  });

  it("round-trips a site through a dir, and reads a missing dir as empty", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "winky-site-unit-"));
    try {
      const site = new Map([
        ["/index.html", new TextEncoder().encode("<h1>hi</h1>")],
        ["/assets/app-1.js", new TextEncoder().encode("console.log(1)")],
      ]);
      await writeSite(dir, site);
      expect([...(await readSite(dir)).keys()]).toEqual(["/assets/app-1.js", "/index.html"]);
      expect((await readSite(path.join(dir, "missing"))).size).toBe(0);
      await expect(writeSite(dir, new Map([["/../x", new Uint8Array()]]))).rejects.toThrow("/../x");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
