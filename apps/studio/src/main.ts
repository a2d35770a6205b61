import path from "node:path";
import { fileURLToPath } from "node:url";
import { runService } from "@winky/config";
import type { NextServer, NextServerOptions } from "next/dist/server/next.js";
import { AdminClient } from "@winky/admin-client";
import { loadStudioConfig, prepareNextEnvironment, publicUrlOf } from "./env.js";
import { ensurePlatformProject, ensurePlatformProjectWhenUp } from "./platform-project.js";
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
  const stopping = new AbortController();
  const server = createStudioServer(app.getRequestHandler(), log, () => {
    stopping.abort();
    return app.close();
  });
  if (config.WINKY_ADMIN_KEY) {
    // In the background: the runtime may come up after the studio; sign-up waits for it.
    const admin = new AdminClient(config.RUNTIME_URL, config.WINKY_ADMIN_KEY);
    void ensurePlatformProjectWhenUp(
      () => ensurePlatformProject(admin, config.WINKY_PLATFORM_PROJECT, publicUrlOf(config)),
      log,
      stopping.signal,
    );
  }
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
