import { runService } from "@winky/config";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { EncryptedFileSecretStore, VaultSecretStore } from "@winky/secrets";
import { buildApp } from "./app.js";
import { createAuthCore } from "./auth/core/index.js";
import { createPostgresAuthStores, decodeEncryptionKey } from "./auth/postgres/index.js";
import { migrateRuntime } from "./db/migrate.js";
import { loadRuntimeConfig } from "./env.js";
import { startHousekeeping } from "./housekeeping.js";
import {
  describeSmtpEndpoint,
  OutboxSender,
  parseSmtpUrl,
  SmtpMailTransport,
} from "./mail/index.js";
import { ChangeFeed } from "./realtime/change-feed.js";

await runService("runtime", async () => {
  const config = loadRuntimeConfig();
  // The runtime's tables are brought up to date before anything serves.
  await migrateRuntime(config.DATABASE_URL);
  const pool = new pg.Pool({
    connectionString: config.DATABASE_URL,
    max: config.WINKY_DATABASE_POOL_SIZE,
  });
  const stores = createPostgresAuthStores(pool, {
    encryptionKey: decodeEncryptionKey(config.WINKY_MASTER_KEY),
  });
  const auth = createAuthCore({
    stores,
    mail: { actionBaseUrl: config.WINKY_AUTH_ACTION_URL, appName: "Winky" },
  });
  const secrets =
    config.VAULT_ADDR && config.VAULT_TOKEN
      ? new VaultSecretStore({ endpoint: config.VAULT_ADDR, token: config.VAULT_TOKEN })
      : new EncryptedFileSecretStore({
          file: config.WINKY_SECRETS_FILE,
          masterKey: decodeEncryptionKey(config.WINKY_MASTER_KEY),
        });
  const changeFeed = new ChangeFeed(config.DATABASE_URL);
  await changeFeed.start();
  const app = buildApp({
    pool,
    changeFeed,
    // Shows queued mail whether or not SMTP sends it: the dev flow without a mail server.
    mailbox: stores.outbox,
    db: drizzle({ client: pool }),
    adminKey: config.WINKY_ADMIN_KEY,
    secrets,
    ...(config.WINKY_PUBLIC_URL ? { publicUrl: config.WINKY_PUBLIC_URL } : {}),
    auth,
    logLevel: config.LOG_LEVEL,
  });
  let mailSender: OutboxSender | undefined;
  if (config.WINKY_SMTP_URL !== undefined && config.WINKY_MAIL_FROM !== undefined) {
    const endpoint = parseSmtpUrl(config.WINKY_SMTP_URL);
    mailSender = new OutboxSender({
      pool,
      databaseUrl: config.DATABASE_URL,
      transport: new SmtpMailTransport(endpoint, config.WINKY_MAIL_FROM),
      logger: app.log.child({ component: "mail" }),
    });
    await mailSender.start();
    app.log.info({ smtp: describeSmtpEndpoint(endpoint) }, "sending auth mail over SMTP");
  } else {
    app.log.info(
      "WINKY_SMTP_URL is not set: auth mail is not sent; it waits in runtime.mail_outbox, " +
        "readable at GET /v1/projects/:project/admin/mailbox",
    );
  }
  const DAY = 24 * 3_600_000;
  const stopHousekeeping = startHousekeeping(
    [
      { name: "expired refresh tokens", run: () => stores.refreshTokens.purgeExpired(new Date()) },
      { name: "expired action tokens", run: () => stores.actionTokens.purgeExpired(new Date()) },
      { name: "expired sign-in flows", run: () => stores.oidcFlows.purgeExpired(new Date()) },
      { name: "rate-limit counters", run: () => stores.rateLimiter.purgeExpired() },
      // Sent mail holds live links: kept a day for support questions, then purged.
      { name: "sent mail", run: () => stores.outbox.purgeSent(new Date(Date.now() - DAY)) },
    ],
    (message) => app.log.warn(message),
  );
  const onClose = async () => {
    stopHousekeeping();
    // Before the pool ends: a mail being sent is released back to the outbox through it.
    await mailSender?.stop();
    await changeFeed.close();
    await secrets.close();
    await pool.end();
  };
  return { app, host: config.HOST, port: config.PORT, onClose };
});
