import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { makeFixtureProject } from "@winky/firebase-import/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo } from "../../test/capture-io.js";
import { runCli } from "../cli.js";
import { UsageError } from "../cli-flags.js";
import { parseImportOptions } from "./import-options.js";

describe("parseImportOptions", () => {
  it("reads the folder and flags, the runtime URL from the environment", () => {
    expect(
      parseImportOptions(["firebase", "./app", "--project", "p", "--report-only", "--json"], {
        WINKY_RUNTIME_URL: "http://rt:9000/",
      }),
    ).toEqual({
      dir: "./app",
      project: "p",
      reportOnly: true,
      json: true,
      url: "http://rt:9000",
      keyFile: undefined,
      data: undefined,
      users: undefined,
      storage: undefined,
    });
  });

  it("refuses another source, no folder, two folders and unknown flags", () => {
    expect(() => parseImportOptions(["supabase", "x"], {})).toThrow(
      /unknown import source 'supabase'/,
    );
    expect(() => parseImportOptions(["firebase"], {})).toThrow(UsageError);
    expect(() => parseImportOptions(["firebase", "a", "b"], {})).toThrow(/takes one folder/);
    expect(() => parseImportOptions(["firebase", "a", "--force"], {})).toThrow(UsageError);
  });
});

describe("winky import firebase without a runtime", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-import-options-"));
    await makeFixtureProject(path.join(dir, "fx"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("prints the report with --report-only and needs no key", async () => {
    const run = captureIo({}, dir);
    expect(await runCli(["import", "firebase", "fx", "--report-only"], run.io)).toBe(0);
    expect(run.out()).toMatch(/^# Firebase import report: notes-fixture/);
  });

  it("asks for the operator key before writing, naming where it looked", async () => {
    const run = captureIo({}, dir);
    expect(await runCli(["import", "firebase", "fx"], run.io)).toBe(2);
    expect(run.err()).toMatch(
      /no operator key: .*\.winky\/emulator\/runtime-admin\.key and .*\.winky\/runtime-admin\.key do not exist/,
    );
  });

  it("says when no runtime answers, and that nothing was written", async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer().listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const url = `http://127.0.0.1:${port}`;
    const run = captureIo({ WINKY_ADMIN_KEY: "k".repeat(40) }, dir);
    expect(await runCli(["import", "firebase", "fx", "--url", url], run.io)).toBe(1);
    expect(run.err()).toContain(`no runtime answers at ${url} (ECONNREFUSED)`);
    expect(run.err()).toMatch(/nothing was written/);
  });
});
