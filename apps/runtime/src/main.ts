import { runService } from "@winky/config";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { buildApp } from "./app.js";
import { createAuthCore } from "./auth/core/index.js";
import { createPostgresAuthStores, decodeEncryptionKey } from "./auth/postgres/index.js";
import { migrateRuntime } from "./db/migrate.js";
import { loadRuntimeConfig } from "./env.js";
import { ChangeFeed } from "./realtime/change-feed.js";

await runService("runtime", async () => {
  const config = loadRuntimeConfig();
  // The runtime's tables are brought up to date before anything serves.
  await migrateRuntime(config.DATABASE_URL);
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 20 });
  const stores = createPostgresAuthStores(pool, {
    encryptionKey: decodeEncryptionKey(config.WINKY_MASTER_KEY),
  });
  const auth = createAuthCore({
    stores,
    mail: { actionBaseUrl: config.WINKY_AUTH_ACTION_URL, appName: "Winky" },
  });
  const changeFeed = new ChangeFeed(config.DATABASE_URL);
  await changeFeed.start();
  const app = buildApp({
    pool,
    changeFeed,
    // No SMTP sender yet: auth mails are read through the dev mailbox.
    mailbox: stores.outbox,
    db: drizzle({ client: pool }),
    adminKey: config.WINKY_ADMIN_KEY,
    auth,
    logLevel: config.LOG_LEVEL,
  });
  const onClose = async () => {
    await changeFeed.close();
    await pool.end();
  };
  return { app, host: config.HOST, port: config.PORT, onClose };
});
