import { runService } from "@winky/config";
import pg from "pg";
import { buildApp } from "./app.js";
import { loadRuntimeConfig } from "./env.js";

await runService("runtime", async () => {
  const config = loadRuntimeConfig();
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });
  const app = buildApp({ pool, logLevel: config.LOG_LEVEL });
  return { app, host: config.HOST, port: config.PORT, onClose: () => pool.end() };
});
