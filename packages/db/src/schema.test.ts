import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { describe, expect, it } from "vitest";
import { migrationsFolder } from "./migrate.js";
import * as schema from "./schema/index.js";

interface Journal {
  entries: Array<{ idx: number; tag: string; when: number }>;
}

const journal = JSON.parse(
  readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"),
) as Journal;

function snapshotOf(idx: number) {
  const file = path.join(migrationsFolder, "meta", `${String(idx).padStart(4, "0")}_snapshot.json`);
  return JSON.parse(readFileSync(file, "utf8")) as Parameters<typeof generateMigration>[0];
}

describe("the committed migrations", () => {
  it("match the schema in src/schema (run `npm run db:generate -w @winky/db` if not)", async () => {
    const latest = journal.entries.at(-1);
    expect(latest, "drizzle/meta/_journal.json lists no migration").toBeDefined();
    const committed = snapshotOf(latest!.idx);
    const current = generateDrizzleJson({ ...schema }, committed.id);
    // The SQL drizzle-kit would generate now; anything here is a schema edit with no migration.
    expect(await generateMigration(committed, current)).toEqual([]);
  });

  it("are all listed in the journal, which is what migrate() applies", () => {
    const sqlFiles = readdirSync(migrationsFolder)
      .filter((name) => name.endsWith(".sql"))
      .map((name) => name.replace(/\.sql$/, ""))
      .sort();
    expect(journal.entries.map((entry) => entry.tag).sort()).toEqual(sqlFiles);
  });

  it("are journaled in order, each newer than the last", () => {
    // The migrator skips any migration not newer than the last one applied.
    journal.entries.forEach((entry, i) => {
      expect(entry.idx).toBe(i);
      if (i > 0) expect(entry.when).toBeGreaterThan(journal.entries[i - 1]!.when);
    });
  });
});
