#!/usr/bin/env node
// The `winky` command. A committed shim, so that npm can link the bin at install time, before
// the TypeScript in src/ has been built to dist/.
import { existsSync } from "node:fs";

const entry = new URL("../dist/bin.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("winky: the CLI is not built yet: run `npm run setup`\n");
  process.exit(1);
}
await import(entry.href);
