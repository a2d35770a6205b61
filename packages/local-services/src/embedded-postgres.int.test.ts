import { chmod, mkdir, mkdtemp, readdir, realpath, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RELOCATED_CLUSTERS, startEmbeddedPostgres } from "./embedded-postgres.js";
import { isServiceUnavailableError } from "./errors.js";

describe("startEmbeddedPostgres", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "winky-pg-"));
    await chmod(root, 0o711);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("initialises a cluster once, keeps its data across restarts, and needs the password", async () => {
    const dataDir = path.join(root, "persistent");
    const first = await startEmbeddedPostgres({ dataDir });
    await query(first.url, "create table kept (v text); insert into kept values ('still here')");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(second.majorVersion).toBe("18");
      expect(await query(second.url, "select v from kept")).toEqual([{ v: "still here" }]);
      const wrong = new URL(second.url);
      wrong.password = "not-the-password";
      await expect(query(wrong.toString(), "select 1")).rejects.toThrow(/password authentication/);
      expect((await stat(`${dataDir}.password`)).mode & 0o077).toBe(0);
    } finally {
      await second.stop();
    }
  });

  it("recovers from a stale postmaster.pid left by a crash", async () => {
    const dataDir = path.join(root, "crashed");
    const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    await server.stop();
    await writeFile(path.join(dataDir, "postmaster.pid"), "999999\n");
    const again = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    await again.stop();
  });

  describe.skipIf(process.getuid?.() !== 0)("as root, under a private parent directory", () => {
    it("places the cluster in /var/lib/winky behind a symlink, and finds it again", async () => {
      const privateParent = await mkdtemp(path.join(tmpdir(), "winky-private-")); // mode 0700
      const dataDir = path.join(privateParent, "postgres");
      try {
        const first = await startEmbeddedPostgres({ dataDir, ephemeral: true });
        await query(first.url, "create table kept (v int)");
        await first.stop();
        const placed = await realpath(dataDir);
        expect(path.dirname(placed)).toBe(RELOCATED_CLUSTERS);
        const second = await startEmbeddedPostgres({ dataDir, ephemeral: true });
        expect(await query(second.url, "select count(*)::int as n from kept")).toEqual([{ n: 0 }]);
        await second.stop();
        await rm(placed, { recursive: true, force: true });
      } finally {
        await rm(privateParent, { recursive: true, force: true });
      }
    });
  });

  describe("with a cluster whose password file is gone", () => {
    it("refuses with a message naming the missing file", async () => {
      const dataDir = path.join(root, "lost-password");
      await (await startEmbeddedPostgres({ dataDir, ephemeral: true })).stop();
      await rm(`${dataDir}.password`);
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(
        `has no password file at ${dataDir}.password`,
      );
      expect(await readdir(dataDir)).toContain("PG_VERSION");
    });
  });

  describe("with a data dir that holds something else", () => {
    it("refuses, names the directory, and leaves its files alone", async () => {
      const dataDir = path.join(root, "not-postgres");
      await mkdir(dataDir);
      await writeFile(path.join(dataDir, "notes.txt"), "mine");
      const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
      expect(isServiceUnavailableError(error)).toBe(true);
      expect((error as Error).message).toContain(`${dataDir} is not empty`);
      expect(await readdir(dataDir)).toEqual(["notes.txt"]);
    });
  });
});

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const results = await client.query(sql);
    const last = Array.isArray(results) ? results[results.length - 1] : results;
    return last.rows;
  } finally {
    await client.end();
  }
}
