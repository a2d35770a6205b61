import { runService } from "@winky/config";
import { buildApp } from "./app.js";
import { loadStudioConfig } from "./env.js";

async function probe(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

await runService("studio", async () => {
  const config = loadStudioConfig();
  const app = buildApp({
    runtimeUrl: config.RUNTIME_URL,
    orchestratorUrl: config.ORCHESTRATOR_URL,
    probe,
    logLevel: config.LOG_LEVEL,
  });
  return { app, host: config.HOST, port: config.PORT };
});
