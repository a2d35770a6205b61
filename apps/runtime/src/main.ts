import { runService } from "@winky/config";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { EncryptedFileSecretStore, VaultSecretStore } from "@winky/secrets";
import { FsBlobStore, type BlobStore } from "@winky/blob-store";
import { Redis } from "ioredis";
import { buildApp } from "./app.js";
import { createAuthCore } from "./auth/core/index.js";
import { createPostgresAuthStores, decodeEncryptionKey } from "./auth/postgres/index.js";
import { migrateRuntime } from "./db/migrate.js";
import { loadRuntimeConfig, type RuntimeConfig } from "./env.js";
import { EventDispatcher } from "./events/dispatcher.js";
import { createEventQueue } from "./events/event-queue.js";
import { EventWorker } from "./events/event-worker.js";
import { createSandbox } from "./functions/create-sandbox.js";
import { FunctionHost } from "./functions/function-host.js";
import { FunctionStore } from "./functions/function-store.js";
import { IdempotencyKeys } from "./functions/idempotency-keys.js";
import { FunctionScheduler } from "./functions/schedules/function-scheduler.js";
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
  const blobs = await createBlobStore(config);
  const changeFeed = new ChangeFeed(config.DATABASE_URL);
  await changeFeed.start();
  const functionHost = new FunctionHost();
  // Boot lines go to stdout before the app (and its logger) exists.
  const bootLog = (message: string) => console.log(JSON.stringify({ level: 30, msg: message }));
  const sandbox = await createSandbox(functionHost.hostApi, bootLog);
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: null })
    : undefined;
  const eventQueue = redis ? createEventQueue(redis, "winky") : undefined;
  const app = buildApp({
    pool,
    changeFeed,
    // Shows queued mail whether or not SMTP sends it: the dev flow without a mail server.
    mailbox: stores.outbox,
    db: drizzle({ client: pool }),
    adminKey: config.WINKY_ADMIN_KEY,
    secrets,
    ...(sandbox ? { functions: { sandbox, host: functionHost } } : {}),
    ...(eventQueue ? { eventQueue } : {}),
    blobs,
    storage: {
      encryptionKey: decodeEncryptionKey(config.WINKY_MASTER_KEY),
      maxObjectSize: config.WINKY_STORAGE_MAX_OBJECT_SIZE,
    },
    ...(config.WINKY_HOSTING_DOMAIN ? { hosting: { domain: config.WINKY_HOSTING_DOMAIN } } : {}),
    ...(config.WINKY_PUBLIC_URL ? { publicUrl: config.WINKY_PUBLIC_URL } : {}),
    auth,
    logLevel: config.LOG_LEVEL,
  });
  let events:
    { dispatcher: EventDispatcher; worker: EventWorker; scheduler: FunctionScheduler } | undefined;
  if (redis && eventQueue) {
    const dispatcher = new EventDispatcher(pool, eventQueue, {
      onError: (e) => app.log.warn({ err: e }, "dispatching events failed; retrying"),
    });
    const worker = new EventWorker({
      connection: redis.duplicate(),
      prefix: "winky",
      pool,
      onError: (e) => app.log.warn({ err: e }, "event queue trouble; carrying on"),
      handler: sandbox
        ? functionHost.handleEvent
        : async () => {
            // Without a sandbox no trigger can run: events are consumed (and replayable).
          },
    });
    // Every commit pokes the dispatcher, so triggers do not wait for the next poll.
    changeFeed.subscribe(() => dispatcher.poke());
    dispatcher.start();
    // Schedule ticks are events too: logged here, dispatched like every other.
    const scheduler = new FunctionScheduler(pool, {
      onTicks: () => dispatcher.poke(),
      onError: (e) => app.log.warn({ err: e }, "firing schedules failed; retrying"),
    });
    scheduler.start();
    events = { dispatcher, worker, scheduler };
  } else {
    app.log.info(
      "REDIS_URL is not set: events wait in runtime.events; triggers and schedules do not run",
    );
  }
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
      { name: "expired storage uploads", run: () => blobs.expireUploads() },
      // Sent mail holds live links: kept a day for support questions, then purged.
      { name: "sent mail", run: () => stores.outbox.purgeSent(new Date(Date.now() - DAY)) },
      // Function logs are for debugging recent invocations: a week of them.
      {
        name: "function logs",
        run: () => new FunctionStore(pool).purgeLogs(new Date(Date.now() - 7 * DAY)),
      },
      // Kept as long as the event queue keeps a delivered job (a week).
      {
        name: "idempotency keys",
        run: () => new IdempotencyKeys(pool).purge(new Date(Date.now() - 7 * DAY)),
      },
    ],
    (message) => app.log.warn(message),
  );
  const onClose = async () => {
    stopHousekeeping();
    await events?.scheduler.stop();
    await events?.dispatcher.stop();
    await events?.worker.close();
    await eventQueue?.close();
    redis?.disconnect();
    await sandbox?.close();
    // Before the pool ends: a mail being sent is released back to the outbox through it.
    await mailSender?.stop();
    await changeFeed.close();
    await secrets.close();
    await pool.end();
  };
  return { app, host: config.HOST, port: config.PORT, onClose };
});

/** S3 when `S3_ENDPOINT` is set (loaded only then), else files under `WINKY_STORAGE_DIR`. */
async function createBlobStore(config: RuntimeConfig): Promise<BlobStore> {
  const limits = { maxObjectSize: config.WINKY_STORAGE_MAX_OBJECT_SIZE };
  if (!config.S3_ENDPOINT || !config.S3_ACCESS_KEY || !config.S3_SECRET_KEY) {
    return new FsBlobStore(config.WINKY_STORAGE_DIR, limits);
  }
  const { S3BlobStore } = await import("@winky/blob-store/s3");
  const endpoint = new URL(config.S3_ENDPOINT);
  return new S3BlobStore({
    ...limits,
    endPoint: endpoint.hostname,
    ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
    useSSL: endpoint.protocol === "https:",
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    region: config.S3_REGION,
    bucketPrefix: config.S3_BUCKET_PREFIX,
    uploadStateDir: config.WINKY_STORAGE_DIR,
  });
}
