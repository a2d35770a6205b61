import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next/dist/server/config-shared.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");

/**
 * Workspace packages the app imports, bundled from their TypeScript sources (what their
 * `@winky/source` export condition names), as vitest does: a fresh checkout builds the studio
 * without building them first, and Turbopack has no custom export conditions to ask for it.
 */
const workspaceSources = {
  "@winky/admin-client": "packages/admin-client/src/index.ts",
  "@winky/api-client": "packages/api-client/src/index.ts",
  "@winky/config": "packages/config/src/index.ts",
};

const config: NextConfig = {
  // The studio runs behind its own `src/main.ts` server; Next only renders.
  poweredByHeader: false,
  // `npm run typecheck` checks the app with the repo's strict settings; doing it again here
  // would double the build time.
  typescript: { ignoreBuildErrors: true },
  // A Firebase project folder sent for its report (app/import) is up to 8 MiB of files, plus
  // up to 5,000 paths and their multipart headers.
  experimental: {
    serverActions: { bodySizeLimit: "12mb" },
    proxyClientMaxBodySize: "12mb",
  },
  turbopack: {
    root: repoRoot,
    resolveAlias: Object.fromEntries(
      Object.entries(workspaceSources).map(([name, source]) => [name, `../../${source}`]),
    ),
  },
};

export default config;
