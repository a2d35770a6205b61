import { describeWithDocker } from "@winky/testing";
import Dockerode from "dockerode";
import { beforeAll, expect, it } from "vitest";
import { testApp } from "./app-checks.js";
import { edit, ensureBuilderImage, notesApp } from "./checks.test-bed.js";

const docker = new Dockerode();
let image = "";
const { files } = notesApp("notes-checks");
const timings: string[] = [];

describeWithDocker("testApp, on the coder's notes app", () => {
  beforeAll(async () => {
    image = await ensureBuilderImage();
  }, 900_000);

  it("passes it: typecheck, build and unit tests, with counts and the built site", async () => {
    const { report, dist } = await testApp({ docker, image, files });
    timings.push(`test job (passing): ${String(report.details?.durationMs)} ms`);
    expect(report, report.findings.join("\n")).toMatchObject({ ok: true, failed: 0, findings: [] });
    expect(report.passed).toBeGreaterThan(0);
    expect(report.summary).toBe(`typecheck and build passed; ${report.passed} tests passed`);
    expect(dist.get("/index.html")).toBeDefined();
    expect([...dist.keys()].some((p) => /^\/assets\/.+\.js$/.test(p))).toBe(true);
  }, 300_000);

  it("fails a planted type error with a finding naming the file, line and column", async () => {
    const model = files["src/models/note.ts"]!;
    const line = model.trimEnd().split("\n").length + 1;
    const broken = {
      ...files,
      "src/models/note.ts": `${model.trimEnd()}\nexport const planted: number = "not a number";\n`,
    };
    const { report } = await testApp({ docker, image, files: broken });
    timings.push(`test job (type error): ${String(report.details?.durationMs)} ms`);
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/^1 type error/);
    expect(report.findings).toContainEqual(
      expect.stringMatching(
        new RegExp(`^type error: src/models/note\\.ts:${line}:14 TS2322 Type 'string' is not`),
      ),
    );
  }, 300_000);

  it("fails a failing unit test with a finding naming the test and its error", async () => {
    const broken = edit(
      files,
      "src/models/note.test.ts",
      'import { describe, expect, it } from "vitest";',
      'import { describe, expect, it } from "vitest";\n\n' +
        'describe("planted", () => {\n' +
        '  it("fails on purpose", () => {\n    expect(1 + 1).toBe(3);\n  });\n});',
    );
    const { report } = await testApp({ docker, image, files: broken });
    timings.push(`test job (failing test): ${String(report.details?.durationMs)} ms`);
    expect(report).toMatchObject({ ok: false, failed: 1 });
    expect(report.passed).toBeGreaterThan(0);
    expect(report.summary).toBe(`1 of ${report.passed! + 1} tests failed`);
    expect(report.findings).toEqual([
      "test failed: src/models/note.test.ts › planted fails on purpose: " +
        "AssertionError: expected 2 to be 3 // Object.is equality",
    ]);
    console.log(timings.join("\n"));
  }, 300_000);
});
