import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFirebaseJson } from "../firebase-json.js";
import { globToRegExp } from "./glob.js";
import { readHostingSite } from "./hosting-site.js";

describe("globToRegExp", () => {
  it.each([
    ["firebase.json", "firebase.json", true],
    ["firebase.json", "nested/firebase.json", true],
    ["**/.*", ".git/config", true],
    ["**/.*", "a/.env", true],
    ["**/.*", "a/b.env", false],
    ["**/node_modules/**", "node_modules/x/index.js", true],
    ["*.map", "js/app.js.map", true],
    ["js/*.map", "js/deep/app.js.map", false],
    ["img/{a,b}.png", "img/b.png", true],
    ["img/?.png", "img/ab.png", false],
  ])("%s on %s is %s", (glob, file, matches) => {
    expect(globToRegExp(glob).test(file)).toBe(matches);
  });
});

describe("readHostingSite", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-hosting-site-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const hosting = (json: object) =>
    parseFirebaseJson(JSON.stringify({ hosting: json }, null, 2)).sections.find(
      (s) => s.name === "hosting",
    );

  it("reads the public folder minus ignores, with the single-page fallback and headers", async () => {
    await mkdir(path.join(dir, "dist", "js"), { recursive: true });
    await writeFile(path.join(dir, "dist", "index.html"), "<title>x</title>");
    await writeFile(path.join(dir, "dist", "js", "app.js"), "1");
    await writeFile(path.join(dir, "dist", "js", "app.js.map"), "{}");
    await writeFile(path.join(dir, "dist", ".env"), "SECRET=1");
    const section = hosting({
      public: "dist",
      ignore: ["**/*.map"],
      rewrites: [{ source: "**", destination: "/index.html" }],
      cleanUrls: true,
      headers: [{ source: "**/*.js", headers: [{ key: "Cache-Control", value: "max-age=60" }] }],
    });
    const { site, items, blockers } = await readHostingSite(dir, section, "firebase.json");
    expect(blockers).toEqual([]);
    expect([...site!.files.keys()].sort()).toEqual(["/index.html", "/js/app.js"]);
    expect(site!.config).toEqual({
      spa: true,
      cleanUrls: true,
      headers: [{ source: "**/*.js", headers: { "Cache-Control": "max-age=60" } }],
    });
    expect(items[0]).toMatchObject({ verdict: "maps", source: { line: 3 } });
  });

  it("blocks when the site folder is missing: the site must be built first", async () => {
    const { site, blockers } = await readHostingSite(
      dir,
      hosting({ public: "build" }),
      "firebase.json",
    );
    expect(site).toBeNull();
    expect(blockers[0]?.detail).toMatch(/^the site folder build does not exist/);
  });

  it("refuses a site folder outside the project folder", async () => {
    for (const publicDir of ["../elsewhere", "/etc"]) {
      const { site, blockers } = await readHostingSite(dir, hosting({ public: publicDir }), "f");
      expect(site).toBeNull();
      expect(blockers[0]?.detail).toMatch(/is outside the project folder/);
    }
  });

  it("is empty without a hosting section", async () => {
    expect(await readHostingSite(dir, undefined, "firebase.json")).toEqual({
      site: null,
      items: [],
      blockers: [],
    });
  });
});
