import path from "node:path";
import { fileURLToPath } from "node:url";
import { runService } from "@winky/config";
import type { NextServer, NextServerOptions } from "next/dist/server/next.js";
import { loadStudioConfig, prepareNextEnvironment } from "./env.js";
import { createJsonLog, createStudioServer } from "./studio-server.js";

/** The Next project: `app/`, `next.config.ts` and the `.next/` build, above `src/` or `dist/`. */
const studioDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

await runService("studio", async () => {
  const config = loadStudioConfig();
  prepareNextEnvironment();
  // Imported only now: Next reads NEXT_TELEMETRY_DISABLED and NODE_ENV as it loads.
  const app = (await loadNext())({
    dev: false,
    dir: studioDir,
    hostname: config.HOST,
    port: config.PORT,
  });
  // Fails when there is no build: `npm run build -w @winky/studio` makes `.next/`.
  await app.prepare();
  const log = createJsonLog(config.LOG_LEVEL);
  const server = createStudioServer(app.getRequestHandler(), log, () => app.close());
  return { app: server, host: config.HOST, port: config.PORT };
});

/**
 * Next's `next()` factory. Next is CommonJS (`module.exports = createServer`), which Node
 * hands to ESM as the default export but whose types describe it as `exports.default`.
 */
async function loadNext(): Promise<(options: NextServerOptions) => NextServer> {
  const loaded: unknown = (await import("next/dist/server/next.js")).default;
  return loaded as (options: NextServerOptions) => NextServer;
}
