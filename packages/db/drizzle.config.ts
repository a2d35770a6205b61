import { defineConfig } from "drizzle-kit";

// Used by `npm run db:generate -w @winky/db` only. Generating migrations needs no database:
// drizzle-kit diffs the schema against the last snapshot in drizzle/meta.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});
