import pg from "pg";
import { buildApp } from "./app.js";
import { loadRuntimeConfig } from "./env.js";

const config = loadRuntimeConfig();
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });
const app = buildApp({ pool, logLevel: config.LOG_LEVEL });

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down");
  await app.close();
  await pool.end();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await app.listen({ host: config.HOST, port: config.PORT });
