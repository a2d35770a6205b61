import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, useTestDatabase } from "@winky/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDatabaseMigrationError } from "./errors.js";
import { migrate, migrationsFolder } from "./migrate.js";

const platformTables = [
  "api_tokens",
  "approvals",
  "apps",
  "audit_log",
  "comments",
  "deployments",
  "memberships",
  "run_events",
  "runs",
  "teams",
  "users",
];

const platformEnums = {
  actor_kind: ["user", "token", "system"],
  approval_kind: ["plan", "release"],
  approval_status: ["pending", "approved", "rejected"],
  membership_role: ["owner", "admin", "member", "viewer"],
  run_status: [
    "queued",
    "planning",
    "awaiting_plan_approval",
    "coding",
    "testing",
    "reviewing",
    "smoke",
    "awaiting_approval",
    "committing",
    "deploying",
    "succeeded",
    "failed",
    "cancelled",
  ],
};

const journalEntries = (
  JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  }
).entries.length;

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const appliedCount = async (url: string) =>
  (
    await query<{ n: number }>(url, "select count(*)::int as n from drizzle.__drizzle_migrations")
  )[0]!.n;

describe("migrate()", () => {
  describe("on an empty database", () => {
    const db = useTestDatabase("migrate");
    let applied: number;
    beforeAll(async () => {
      ({ applied } = await migrate(db.url));
    });

    it("applies every committed migration", () => {
      expect(applied).toBe(journalEntries);
    });

    it("creates exactly the platform tables, and Drizzle's journal in its own schema", async () => {
      const rows = await query<{ name: string }>(
        db.url,
        `select table_schema || '.' || table_name as name from information_schema.tables
          where table_schema in ('public', 'drizzle') order by 1`,
      );
      expect(rows.map((r) => r.name)).toEqual([
        "drizzle.__drizzle_migrations",
        ...platformTables.map((t) => `public.${t}`),
      ]);
    });

    it("creates the enums with their values in order", async () => {
      const rows = await query<{ name: string; labels: string[] }>(
        db.url,
        `select t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
           from pg_type t join pg_enum e on e.enumtypid = t.oid
           join pg_namespace n on n.oid = t.typnamespace
          where n.nspname = 'public' group by t.typname order by t.typname`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.name, r.labels]))).toEqual(platformEnums);
    });

    it("does nothing the second time, and keeps the data", async () => {
      await query(db.url, "insert into teams (slug, name) values ('kept', 'Kept')");
      const before = await appliedCount(db.url);
      expect(await migrate(db.url)).toEqual({ applied: 0 });
      expect(await appliedCount(db.url)).toBe(before);
      expect(await query(db.url, "select slug from teams")).toEqual([{ slug: "kept" }]);
    });

    it("accepts a pool, and returns its connection", async () => {
      const pool = new pg.Pool({ connectionString: db.url, max: 1 });
      try {
        expect(await migrate(pool)).toEqual({ applied: 0 });
        // With max 1, this query only runs if migrate() gave the connection back.
        expect((await pool.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
      } finally {
        await pool.end();
      }
    });
  });

  describe("when several processes boot at once", () => {
    const db = useTestDatabase("migrate_concurrent");

    it("lets one migrate and the others find nothing to do", async () => {
      const results = await Promise.all([1, 2, 3, 4].map(() => migrate(db.url)));
      const applied = results.map((r) => r.applied).sort();
      expect(applied).toEqual([0, 0, 0, journalEntries]);
      expect(await appliedCount(db.url)).toBe(journalEntries);
    });
  });

  describe("while another process holds the migration lock", () => {
    const db = useTestDatabase("migrate_locked");

    it("waits up to lockTimeoutMs, then rejects with stage 'lock'", async () => {
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      try {
        // The key is pinned here on purpose: processes of different versions must agree on it.
        await holder.query("select pg_advisory_lock(hashtextextended('@winky/db:migrate', 0))");
        const error = await migrate(db.url, { lockTimeoutMs: 200 }).catch((e: unknown) => e);
        expect(error).toMatchObject({ name: "DatabaseMigrationError", stage: "lock" });
      } finally {
        await holder.end();
      }
      expect(await migrate(db.url)).toEqual({ applied: journalEntries });
    });
  });

  describe("when a migration fails", () => {
    let folder: string;
    let url: string;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ url, drop } = await createTestDatabase("migrate_broken"));
      folder = mkdtempSync(path.join(tmpdir(), "winky-db-migrations-"));
      cpSync(migrationsFolder, folder, { recursive: true });
      // Corrupt the last statement so every statement before it has already run.
      const sqlFile = path.join(folder, "0000_platform_schema.sql");
      writeFileSync(sqlFile, `${readFileSync(sqlFile, "utf8")};\nselect no_such_function();`);
    });
    afterAll(async () => {
      rmSync(folder, { recursive: true, force: true });
      await drop();
    });

    it("rejects with stage 'migrate' and leaves no table behind", async () => {
      const error = await migrate(url, { migrationsFolder: folder }).catch((e: unknown) => e);
      expect(isDatabaseMigrationError(error)).toBe(true);
      expect(error).toMatchObject({ stage: "migrate", message: /no_such_function/ });
      const tables = await query(
        url,
        "select table_name from information_schema.tables where table_schema = 'public'",
      );
      expect(tables).toEqual([]);
    });
  });

  describe("when the server is unreachable", () => {
    it(
      "rejects quickly, naming host and port but never the password",
      { timeout: 10_000 },
      async () => {
        const url = "postgres://winky:s3cret-pa55@127.0.0.1:1/platform";
        const error = await migrate(url).catch((e: unknown) => e);
        expect(isDatabaseMigrationError(error)).toBe(true);
        expect(error).toMatchObject({ name: "DatabaseMigrationError", stage: "connect" });
        const message = (error as Error).message;
        expect(message).toContain("127.0.0.1:1");
        expect(message).not.toContain("s3cret-pa55");
      },
    );
  });

  describe("when the migrations folder is missing", () => {
    it("rejects with stage 'read' before connecting", async () => {
      const error = await migrate("postgres://127.0.0.1:1/platform", {
        migrationsFolder: path.join(tmpdir(), "winky-no-such-folder"),
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "DatabaseMigrationError", stage: "read" });
    });
  });
});
