import { runService } from "@winky/config";
import { migrate } from "@winky/db";
import { Redis } from "ioredis";
import pg from "pg";
import { buildApp } from "./app.js";
import { loadOrchestratorConfig } from "./env.js";

await runService("orchestrator", async () => {
  const config = loadOrchestratorConfig();
  // The platform schema is brought up to date before anything serves (idempotent, and safe
  // when several orchestrators boot at once).
  const migration = await migrate(config.DATABASE_URL);
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  const app = buildApp({
    pingDatabase: () => pool.query("select 1"),
    pingRedis: () => redis.ping(),
    logLevel: config.LOG_LEVEL,
  });
  app.log.info({ migrationsApplied: migration.applied }, "platform schema up to date");
  const onClose = () => Promise.allSettled([pool.end(), redis.quit()]);
  return { app, host: config.HOST, port: config.PORT, onClose };
});
