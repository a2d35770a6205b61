import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli.js";
import type { CliIo } from "../io.js";

const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const sharedCases = path.resolve(repo, "../shared/conformance/rules");

function capture(): { io: CliIo; text: () => string } {
  const chunks: string[] = [];
  const io: CliIo = {
    out: (t) => void chunks.push(t),
    err: (t) => void chunks.push(t),
    env: {},
    cwd: "/",
    stopRequested: new Promise(() => undefined),
  };
  return { io, text: () => chunks.join("") };
}

describe("winky rules", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-rules-"));
    await writeFile(
      path.join(dir, "good.rules"),
      "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {\n    match /a/{id} { allow read: if true; }\n  }\n}\n",
    );
    await writeFile(
      path.join(dir, "bad.rules"),
      "service cloud.firestore {\n  match /a/{id} {\n    allow read: if nope();\n  }\n}\n",
    );
    await writeFile(
      path.join(dir, "broken.rules"),
      "service cloud.firestore {\n  match /a/{id} {\n",
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  describe("check", () => {
    it("exits 0 for a clean file", async () => {
      const { io, text } = capture();
      expect(await runCli(["rules", "check", path.join(dir, "good.rules")], io)).toBe(0);
      expect(text()).toContain("1 file(s) checked: 0 error(s)");
    });

    it("prints compiler-style errors with file:line:column and exits 1", async () => {
      const { io, text } = capture();
      const files = ["bad.rules", "broken.rules"].map((f) => path.join(dir, f));
      expect(await runCli(["rules", "check", ...files], io)).toBe(1);
      expect(text()).toContain(`${files[0]}:3:20: error:`);
      expect(text()).toMatch(/undefined-function/);
      expect(text()).toContain(`${files[1]}:3:1:`);
      expect(text()).toContain("^");
    });

    it("names a file it cannot read", async () => {
      const { io, text } = capture();
      expect(await runCli(["rules", "check", path.join(dir, "missing.rules")], io)).toBe(1);
      expect(text()).toContain("ENOENT");
    });
  });

  describe("test", () => {
    it("passes every shared conformance case and ends with the summary line", async () => {
      const { io, text } = capture();
      expect(await runCli(["rules", "test", sharedCases], io)).toBe(0);
      expect(text()).toMatch(/\n?(\d+) passed, 0 failed\n$/);
      expect(Number(/(\d+) passed, 0 failed\n$/.exec(text())![1])).toBeGreaterThanOrEqual(329);
    });

    it("prints a failing case with its trace and exits 1", async () => {
      const cases = path.join(dir, "cases");
      await import("node:fs/promises").then((fs) => fs.mkdir(cases));
      await writeFile(
        path.join(cases, "firestore.rules"),
        "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {\n    match /a/{id} { allow read: if id == 'x'; }\n  }\n}\n",
      );
      const wrong = {
        description: "claims y is readable",
        rules: "firestore.rules",
        method: "get",
        path: "a/y",
        auth: null,
        expect: "ALLOW",
      };
      await writeFile(
        path.join(cases, "cases.json"),
        JSON.stringify({ service: "firestore", cases: [wrong] }),
      );
      const { io, text } = capture();
      expect(await runCli(["rules", "test", cases], io)).toBe(1);
      expect(text()).toContain("✗ cases: claims y is readable");
      expect(text()).toContain("expected ALLOW, got DENY");
      expect(text()).toContain(
        "allow read @ 4:21 in match /databases/{db}/documents/a/{id}: false",
      );
      expect(text()).toMatch(/0 passed, 1 failed\n$/);
    });

    it("reports a malformed cases.json naming the field", async () => {
      const cases = path.join(dir, "malformed");
      await import("node:fs/promises").then((fs) => fs.mkdir(cases));
      await writeFile(
        path.join(cases, "cases.json"),
        JSON.stringify({
          service: "firestore",
          cases: [{ rules: "x", path: "a", method: "peek", expect: "ALLOW" }],
        }),
      );
      const { io, text } = capture();
      expect(await runCli(["rules", "test", cases], io)).toBe(1);
      expect(text()).toContain('cases[0].method: unknown method "peek"');
    });
  });

  it("an unknown rules subcommand prints the help and exits 2", async () => {
    const { io, text } = capture();
    expect(await runCli(["rules", "lint"], io)).toBe(2);
    expect(text()).toContain("unknown rules command 'lint'");
  });
});
