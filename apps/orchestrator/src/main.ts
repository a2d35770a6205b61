import { Redis } from "ioredis";
import pg from "pg";
import { buildApp } from "./app.js";
import { loadOrchestratorConfig } from "./env.js";

const config = loadOrchestratorConfig();
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
const app = buildApp({
  pingDatabase: () => pool.query("select 1"),
  pingRedis: () => redis.ping(),
  logLevel: config.LOG_LEVEL,
});

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down");
  await app.close();
  await Promise.allSettled([pool.end(), redis.quit()]);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await redis.connect();
await app.listen({ host: config.HOST, port: config.PORT });
