import { fileURLToPath } from "node:url";
import { migrate, type MigrationResult } from "@winky/db";
import type pg from "pg";

/** The runtime's committed migrations, beside src/ and dist/ alike. */
export const runtimeMigrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/**
 * Brings the runtime's tables up to date: its own migration chain, journal and lock, so it
 * never mixes with the platform's even in one database.
 *
 * @throws DatabaseMigrationError naming host:port, never the password.
 */
export function migrateRuntime(target: string | pg.Pool): Promise<MigrationResult> {
  return migrate(target, {
    migrationsFolder: runtimeMigrationsFolder,
    chain: { journalTable: "__runtime_migrations", lockName: "@winky/runtime:migrate" },
  });
}
