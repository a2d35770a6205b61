import { endConnectionsOnShutdown } from "@winky/config";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { BlobStore } from "@winky/blob-store";
import type { SecretStore } from "@winky/secrets";
import type { Sandbox } from "@winky/sandbox";
import type { Queue } from "bullmq";
import type pg from "pg";
import { registerExportRoutes } from "./admin/export-routes.js";
import { AuditLog } from "./audit/audit-log.js";
import { installAuditTrail, registerAuditRoutes } from "./audit/audit-trail.js";
import { registerIndexRoutes } from "./admin/index-routes.js";
import { registerProjectRoutes } from "./admin/project-routes.js";
import { registerSettingsRoutes } from "./admin/settings-routes.js";
import type { AuthCore } from "./auth/core/index.js";
import { registerAuthRoutes } from "./auth/http/auth-routes.js";
import { registerMailboxRoutes, type Mailbox } from "./auth/http/mailbox-routes.js";
import { registerUserAdminRoutes } from "./auth/http/user-admin-routes.js";
import { registerUserTransferRoutes } from "./auth/http/user-transfer-routes.js";
import { registerDocumentRoutes } from "./documents/api/document-routes.js";
import { DocumentService } from "./documents/document-service.js";
import { RulesCache } from "./documents/rules-cache.js";
import { DocumentStore } from "./documents/store/document-store.js";
import { installErrorHandler } from "./errors/error-handler.js";
import { toRuntimeError } from "./errors/to-runtime-error.js";
import type { QueuedEvent } from "./events/event-queue.js";
import { registerEventRoutes } from "./events/event-routes.js";
import { FunctionHost } from "./functions/function-host.js";
import { registerFunctionRoutes } from "./functions/function-routes.js";
import { registerHttpFunctionRoutes } from "./functions/http-function-routes.js";
import { installHosting, type HostingOptions } from "./hosting/index.js";
import { FunctionRunner } from "./functions/function-runner.js";
import { FunctionStore } from "./functions/function-store.js";
import { IdempotencyKeys } from "./functions/idempotency-keys.js";
import { closeConnectionsWithUnreadBodies } from "./http/close-unread.js";
import { installCors } from "./http/cors.js";
import { loggerOptions } from "./http/request-log.js";
import type { ChangeFeed } from "./realtime/change-feed.js";
import { ListenHub } from "./realtime/listen-hub.js";
import { registerListenRoutes } from "./realtime/listen-routes.js";
import { ProjectEvents } from "./projects/project-events.js";
import { registerSecretRoutes } from "./secrets/secret-routes.js";
import { installStorage, type StorageOptions } from "./storage/index.js";
import { ProjectStore, type RuntimeDb } from "./projects/project-store.js";

export interface RuntimeDeps {
  /** The runtime's database: health checks, documents. */
  pool: pg.Pool;
  /** Drizzle over the same pool. */
  db: RuntimeDb;
  /** The operator's key for `/v1/admin/*` (at least 32 characters). */
  adminKey: string;
  /** End-user auth: sessions, tokens, keys. */
  auth: AuthCore;
  /** The dev mailbox: where auth mails can be read while no SMTP sender is configured. */
  mailbox?: Mailbox;
  /**
   * The URL browsers and OpenID providers reach the runtime at (behind a proxy: the proxy's);
   * without it, callback URLs are built from each request's scheme and host.
   */
  publicUrl?: string;
  /** Functions' secrets (an encrypted file, or Vault). */
  secrets?: SecretStore;
  /** Where events go to the triggers (and replays); without it, events wait in the log. */
  eventQueue?: Queue<QueuedEvent>;
  /** Commits from every runtime process; without it, realtime listeners are not served. */
  changeFeed?: ChangeFeed;
  /** Object storage (a project's default bucket); without it, storage routes are absent. */
  blobs?: BlobStore;
  /** Storage's signing-key encryption, size limit and clock; required with `blobs`. */
  storage?: StorageOptions;
  /** Hosting's site domain and file size limit; hosting is served whenever `blobs` is given. */
  hosting?: HostingOptions;
  /**
   * Functions: the sandbox they run in, and the host its host API handler and the event
   * worker's trigger handler call (bound here). Without it, functions routes are absent.
   */
  functions?: { sandbox: Sandbox; host?: FunctionHost };
  logLevel?: string;
}

/**
 * Builds the runtime's Fastify app from its dependencies without listening, so tests can
 * drive it with `app.inject()`: `/healthz`, the admin API (projects, service keys, settings,
 * rules), documents, auth, storage and hosting (when `blobs` is given) and functions (when
 * `functions` is given).
 */
export function buildApp(deps: RuntimeDeps): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(deps.logLevel ?? "info"),
    bodyLimit: 11 * 1024 * 1024,
    // Errors Fastify raises before routing (a URL that does not decode) get the wire shape too.
    frameworkErrors: (error, _request, reply) => {
      const runtimeError = toRuntimeError(error);
      void (reply as FastifyReply).code(runtimeError.status).send(runtimeError.toJSON());
    },
  });
  installErrorHandler(app);
  app.decorate("publicUrl", deps.publicUrl?.replace(/\/+$/, "") ?? null);
  installCors(app);
  closeConnectionsWithUnreadBodies(app);
  endConnectionsOnShutdown(app);
  app.get("/healthz", async (_request, reply) => {
    try {
      await deps.pool.query("select 1");
      return { status: "ok", service: "runtime" };
    } catch {
      // The detail goes to the log; the probe only needs to know we are not ready.
      app.log.error("health check: database unreachable");
      return reply.code(503).send({ status: "unavailable", service: "runtime" });
    }
  });
  const events = new ProjectEvents(deps.pool);
  deps.changeFeed?.forwardProjectChanges(events);
  const store = new ProjectStore(deps.db, events);
  const audit = new AuditLog(deps.pool);
  installAuditTrail(app, audit);
  registerAuditRoutes(app, audit, store, deps.adminKey);
  registerProjectRoutes(app, store, deps.adminKey);
  registerSettingsRoutes(app, store, deps.adminKey);
  registerIndexRoutes(app, deps.pool, store, deps.adminKey);
  registerEventRoutes(app, deps.pool, store, deps.adminKey, deps.eventQueue);
  if (deps.secrets) registerSecretRoutes(app, deps.secrets, store, deps.adminKey);
  const documentStore = new DocumentStore(deps.pool);
  const rulesCache = new RulesCache();
  const documents = new DocumentService(documentStore, store, rulesCache);
  registerDocumentRoutes(app, documents, store, deps.adminKey, deps.auth);
  registerAuthRoutes(app, deps.auth, store);
  registerUserAdminRoutes(app, deps.auth, store, deps.adminKey);
  // On the runtime's tables, not through `auth`: the import is one PostgreSQL transaction.
  registerUserTransferRoutes(app, deps.pool, store, deps.adminKey);
  registerExportRoutes(app, deps.pool, store, deps.adminKey);
  if (deps.blobs) {
    if (!deps.storage) throw new Error("RuntimeDeps.storage is required with RuntimeDeps.blobs");
    installStorage(app, {
      blobs: deps.blobs,
      options: deps.storage,
      pool: deps.pool,
      projects: store,
      documents: documentStore,
      rulesCache,
      auth: deps.auth,
      adminKey: deps.adminKey,
    });
    installHosting(app, {
      blobs: deps.blobs,
      pool: deps.pool,
      projects: store,
      adminKey: deps.adminKey,
      ...(deps.hosting ? { options: deps.hosting } : {}),
    });
  }
  if (deps.functions) {
    const functionStore = new FunctionStore(deps.pool);
    const runner = new FunctionRunner(deps.functions.sandbox, functionStore, deps.secrets);
    (deps.functions.host ?? new FunctionHost()).bind({
      runner,
      store: functionStore,
      documents,
      keys: new IdempotencyKeys(deps.pool),
      users: deps.auth.admin,
    });
    registerFunctionRoutes(app, {
      runner,
      store: functionStore,
      projects: store,
      auth: deps.auth,
      adminKey: deps.adminKey,
    });
    registerHttpFunctionRoutes(app, {
      runner,
      store: functionStore,
      projects: store,
      auth: deps.auth,
    });
  }
  if (deps.mailbox) registerMailboxRoutes(app, deps.mailbox, store, deps.adminKey);
  if (deps.changeFeed) {
    const hub = new ListenHub(documents, deps.changeFeed);
    app.addHook("onClose", async () => hub.close());
    registerListenRoutes(app, hub, { auth: deps.auth, projects: store, adminKey: deps.adminKey });
  }
  return app;
}
