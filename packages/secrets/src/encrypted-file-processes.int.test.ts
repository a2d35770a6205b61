import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EncryptedFileSecretStore } from "./encrypted-file-secret-store.js";

const writer = fileURLToPath(new URL("../test/file-store-writer.ts", import.meta.url));

describe("EncryptedFileSecretStore shared by several processes", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-secrets-procs-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("loses no write when processes write to one file at once", async () => {
    const file = path.join(dir, "secrets.json");
    const key = randomBytes(32);
    const labels = ["A", "B", "C", "D"];
    const perProcess = 5;
    await Promise.all(
      labels.map((label) =>
        promisify(execFile)(
          process.execPath,
          ["--import", "tsx", writer, file, key.toString("base64url"), label, String(perProcess)],
          { timeout: 120_000 },
        ),
      ),
    );
    const store = new EncryptedFileSecretStore({ file, masterKey: key, maxVersions: 1000 });
    const versions = await store.versions("p-procs", "SHARED");
    expect(versions.map((v) => v.version)).toEqual(
      Array.from({ length: labels.length * perProcess }, (_, i) => i + 1),
    );
    const names = (await store.list("p-procs")).map((s) => s.name);
    expect(names).toHaveLength(labels.length * perProcess + 1);
    const values = await Promise.all(
      versions.map(async (v) => (await store.get("p-procs", "SHARED", v)).value.reveal()),
    );
    expect(new Set(values).size).toBe(values.length);
    // No lock file and no temp file is left behind.
    expect(await readdir(dir)).toEqual(["secrets.json"]);
  });
});
