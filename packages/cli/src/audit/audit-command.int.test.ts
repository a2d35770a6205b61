import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli.js";
import { captureIo } from "../../test/capture-io.js";

const io = (cwd: string, env: Record<string, string> = {}) => captureIo(env, cwd);

describe("winky audit verify", () => {
  const database = useTestDatabase("cli_audit");
  let runtime: TestRuntime;
  let url: string;
  let cwd: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    url = await runtime.app.listen({ port: 0, host: "127.0.0.1" });
    cwd = await mkdtemp(path.join(tmpdir(), "winky-audit-"));
    const key = await runtime.createProject("demo");
    await writeFile(path.join(cwd, "demo.key"), `${key}\n`);
    for (const strict of [true, false]) {
      await runtime.app.inject({
        method: "PATCH",
        url: "/v1/projects/demo/admin/config",
        headers: { authorization: `Bearer ${key}` },
        payload: { strictIndexes: strict },
      });
    }
  });
  afterAll(async () => {
    await runtime.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it("recomputes the chain from the runtime's answers and says it is intact", async () => {
    const run = io(cwd);
    expect(await runCli(["audit", "verify", "--url", url, "--key-file", "demo.key"], run.io)).toBe(
      0,
    );
    expect(run.out()).toMatch(
      /^the audit trail of demo: 3 entries, chain intact \(last hash [0-9a-f]{16}…\)\n$/,
    );
  });

  it("names the first broken entry of a tampered trail and exits 1", async () => {
    await runtime.pool.query(
      "alter table runtime.audit_entries disable trigger audit_entries_append_only",
    );
    await runtime.pool.query(
      "update runtime.audit_entries set details = '{}' where project_id = 'demo' and seq = 2",
    );
    await runtime.pool.query(
      "alter table runtime.audit_entries enable trigger audit_entries_append_only",
    );
    const run = io(cwd, { WINKY_ADMIN_KEY: TEST_ADMIN_KEY });
    expect(await runCli(["audit", "verify", "--url", url], run.io)).toBe(1);
    expect(run.err()).toBe(
      "winky: the audit trail of demo is broken at entry 2: its content does not match its hash\n",
    );
  });

  it("explains a missing key and an unknown subcommand", async () => {
    const run = io(cwd);
    expect(await runCli(["audit", "verify", "--url", url, "--project", "other"], run.io)).toBe(2);
    expect(run.err()).toContain("no key: pass --key-file, or set WINKY_ADMIN_KEY");
    expect(await runCli(["audit", "check"], io(cwd).io)).toBe(2);
  });
});
