import { buildApp } from "./app.js";
import { loadStudioConfig } from "./env.js";

const config = loadStudioConfig();
const app = buildApp({
  runtimeUrl: config.RUNTIME_URL,
  orchestratorUrl: config.ORCHESTRATOR_URL,
  probe: async (url) => {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return res.ok;
    } catch {
      return false;
    }
  },
  logLevel: config.LOG_LEVEL,
});

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down");
  await app.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await app.listen({ host: config.HOST, port: config.PORT });
