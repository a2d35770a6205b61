import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** PostgreSQL's bytea, as Node Buffers: index keys compare byte by byte. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Text compared byte by byte whatever the database's locale: document ids and paths order as
 * Firestore orders names (UTF-8 bytes), and index scans by path then match that order.
 */
const byteText = customType<{ data: string }>({ dataType: () => `text COLLATE "C"` });

/**
 * The runtime's tables live in their own PostgreSQL schema, apart from the platform's: the
 * runtime can move to its own database (or be sharded by project) without touching the studio's
 * tables. Every table is keyed by project.
 */
export const runtime = pgSchema("runtime");

/** A project: one app's backend. Its id appears in every URL and every other table's key. */
export const projects = runtime.table(
  "projects",
  {
    id: text("id").primaryKey(),
    displayName: text("display_name").notNull(),
    /** Validated by `ProjectConfig` in code: auth providers, strictIndexes, … */
    config: jsonb("config")
      .notNull()
      .default(sql`'{}'::jsonb`),
    firestoreRules: text("firestore_rules"),
    storageRules: text("storage_rules"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("projects_id_format", sql`${t.id} ~ '^[a-z][a-z0-9-]{2,62}$'`)],
);

/**
 * Service keys for a project's admin API. Only a SHA-256 of each key is stored: the keys are
 * 32 random bytes, so a fast hash is enough and lookups stay one index probe.
 */
export const serviceKeys = runtime.table(
  "service_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the key, shown in listings so people can tell keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("service_keys_project_idx").on(t.projectId),
    check("service_keys_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);

/**
 * Documents, in Firestore's REST `Value` JSON (`fields`), keyed by project and full path.
 * See docs/adr/0003-documents-and-index-entries.md.
 */
export const documents = runtime.table(
  "documents",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** `users/alice/posts/p1` */
    path: byteText("path").notNull(),
    /** `users/alice/posts` */
    collectionPath: byteText("collection_path").notNull(),
    /** `posts`, for collection-group queries */
    collectionId: text("collection_id").notNull(),
    documentId: byteText("document_id").notNull(),
    fields: jsonb("fields").notNull(),
    createTime: timestamp("create_time", { withTimezone: true, precision: 6 }).notNull(),
    updateTime: timestamp("update_time", { withTimezone: true, precision: 6 }).notNull(),
    /** Bumped by every write: preconditions and optimistic transactions compare it. */
    version: bigint("version", { mode: "bigint" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.path] }),
    index("documents_collection_idx").on(t.projectId, t.collectionPath, t.documentId),
  ],
);

/**
 * The automatic single-field index: one row per document, field path and mode, with the
 * value's order-preserving key. Queries are range scans here (ADR 0003).
 */
export const indexEntries = runtime.table(
  "index_entries",
  {
    projectId: text("project_id").notNull(),
    collectionPath: text("collection_path").notNull(),
    collectionId: text("collection_id").notNull(),
    field: text("field").notNull(),
    /**
     * `value`; `contains` for each element of an array; `composite` for a declared composite
     * index, whose id is then in `field` and whose key concatenates its fields' keys.
     */
    mode: text("mode").notNull(),
    key: bytea("key").notNull(),
    documentPath: byteText("document_path").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.projectId, t.collectionPath, t.field, t.mode, t.key, t.documentPath],
    }),
    index("index_entries_group_idx").on(
      t.projectId,
      t.collectionId,
      t.field,
      t.mode,
      t.key,
      t.documentPath,
    ),
    index("index_entries_document_idx").on(t.projectId, t.documentPath),
    foreignKey({
      columns: [t.projectId, t.documentPath],
      foreignColumns: [documents.projectId, documents.path],
    }).onDelete("cascade"),
    check("index_entries_mode", sql`${t.mode} in ('value', 'contains', 'composite')`),
  ],
);

/**
 * Composite indexes a project declared (firestore.indexes.json). Their entries are kept in
 * `index_entries` with mode `composite`; `id` is derived from the definition.
 */
export const compositeIndexes = runtime.table(
  "composite_indexes",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    collectionGroup: text("collection_group").notNull(),
    queryScope: text("query_scope").notNull(),
    /** `[{ fieldPath, order }]` or `[{ fieldPath, arrayConfig }]`, as declared. */
    fields: jsonb("fields").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    check("composite_indexes_scope", sql`${t.queryScope} in ('COLLECTION', 'COLLECTION_GROUP')`),
  ],
);

/**
 * The event log: every change (document writes, users created and deleted) appended in
 * the same transaction as the change itself, so an event exists exactly when its change
 * committed. A dispatcher hands undispatched events to the trigger queue; the log stays for
 * replay. `event_id` is the stable id handlers deduplicate on.
 */
export const events = runtime.table(
  "events",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: uuid("event_id").notNull().defaultRandom().unique(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** `document.created|updated|deleted`, `auth.user.created|deleted`, `storage.object.finalized|deleted` */
    kind: text("kind").notNull(),
    /** What changed: a document path, a user's uid. */
    subject: byteText("subject").notNull(),
    /** The commit time of the change. */
    time: timestamp("time", { withTimezone: true, precision: 6 }).notNull(),
    /** Documents: `{ before?, after? }`, fields in their stored form; users: `{ user }`; objects: `{ object }`. */
    data: jsonb("data").notNull(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
  },
  (t) => [
    index("events_pending_idx")
      .on(t.id)
      .where(sql`${t.dispatchedAt} is null`),
    index("events_project_time_idx").on(t.projectId, t.time),
    check(
      "events_kind",
      sql`${t.kind} in ('document.created', 'document.updated', 'document.deleted',
        'auth.user.created', 'auth.user.deleted',
        'storage.object.finalized', 'storage.object.deleted')`,
    ),
  ],
);

/**
 * The audit trail of admin actions, one hash chain per project ("" for the operator's own
 * actions): each entry's `hash` covers its content and the previous entry's hash, so editing or
 * removing an entry breaks the chain (`winky audit verify`). A trigger (migration 0006) refuses
 * updates and deletes. No foreign key: the trail outlives a deleted project.
 */
export const auditEntries = runtime.table(
  "audit_entries",
  {
    projectId: text("project_id").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    /** RFC 3339 with milliseconds, as hashed: kept as text so it reads back byte for byte. */
    at: text("at").notNull(),
    /** `operator`, or `service-key:<id>` */
    actor: text("actor").notNull(),
    /** `<METHOD> <route>`, e.g. `PUT /v1/projects/:project/admin/rules/:service` */
    action: text("action").notNull(),
    /** The route's parameters and the status answered; never a request body. */
    details: jsonb("details").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.seq] })],
);

// ---------------------------------------------------------------------------------------------
// Auth (src/auth/postgres implements the core's stores over these tables).

/** When an auth row happened: millisecond `Date`s round-trip exactly through microseconds. */
const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Email comparisons use ICU's root-locale lower case, not the database's: a database created
 * with the C locale lower-cases ASCII only, so `Ä@x.io` and `ä@x.io` would be two accounts,
 * where the core's `emailKey` (JavaScript's `toLowerCase`) makes them one.
 */
export const EMAIL_KEY_SQL = `lower(email collate "und-x-icu")`;

/** One account of a project's end users. Ids and emails are unique per project only. */
export const users = runtime.table(
  "users",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    uid: text("uid").notNull(),
    email: text("email"),
    emailVerified: boolean("email_verified").notNull().default(false),
    /** A `scrypt$…` hash; null for accounts without a password. */
    passwordHash: text("password_hash"),
    anonymous: boolean("anonymous").notNull().default(false),
    disabled: boolean("disabled").notNull().default(false),
    customClaims: jsonb("custom_claims")
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: at("created_at").notNull(),
    lastSignInAt: at("last_sign_in_at"),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.uid] }),
    uniqueIndex("users_email_key")
      .on(t.projectId, sql.raw(EMAIL_KEY_SQL))
      .where(sql`${t.email} is not null`),
    // Pages of users are ordered by uid byte by byte, whatever the database's collation.
    index("users_uid_order_idx").on(t.projectId, sql.raw(`uid collate "C"`)),
  ],
);

/** Per-project ES256 keys. The private JWK is stored only encrypted (AES-256-GCM). */
export const signingKeys = runtime.table(
  "signing_keys",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kid: text("kid").notNull(),
    publicJwk: jsonb("public_jwk").notNull(),
    /** `v1:<iv>:<ciphertext+tag>`, base64url, bound to (project_id, kid). */
    privateJwkEncrypted: text("private_jwk_encrypted").notNull(),
    status: text("status").notNull(),
    createdAt: at("created_at").notNull(),
    statusChangedAt: at("status_changed_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.kid] }),
    check("signing_keys_status", sql`${t.status} in ('active', 'retiring', 'retired')`),
  ],
);

/**
 * Each project's secret for signed storage URLs (HMAC-SHA256), one row per project, created on
 * first use. Rotating replaces the row, so every URL signed with the old key stops working.
 */
export const storageSigningKeys = runtime.table("storage_signing_keys", {
  projectId: text("project_id")
    .primaryKey()
    .references(() => projects.id, { onDelete: "cascade" }),
  keyId: text("key_id").notNull(),
  /** `v1:<iv>:<ciphertext+tag>`, base64url, bound to (project_id, key_id). */
  secretEncrypted: text("secret_encrypted").notNull(),
  createdAt: at("created_at").notNull(),
});

/** Rotating refresh tokens: only SHA-256 hashes are stored, never tokens. */
export const refreshTokens = runtime.table(
  "refresh_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    familyId: text("family_id").notNull(),
    parentHash: text("parent_hash"),
    uid: text("uid").notNull(),
    signInProvider: text("sign_in_provider").notNull(),
    authTime: at("auth_time").notNull(),
    createdAt: at("created_at").notNull(),
    expiresAt: at("expires_at").notNull(),
    usedAt: at("used_at"),
    revokedAt: at("revoked_at"),
  },
  (t) => [
    index("refresh_tokens_family_idx").on(t.familyId),
    index("refresh_tokens_user_idx").on(t.projectId, t.uid),
  ],
);

/** Single-use email-link tokens, by SHA-256 hash. */
export const actionTokens = runtime.table(
  "action_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    uid: text("uid"),
    email: text("email").notNull(),
    /** For `sign-up` and `link-email`: the scrypt hash of the chosen password. */
    passwordHash: text("password_hash"),
    createdAt: at("created_at").notNull(),
    expiresAt: at("expires_at").notNull(),
    consumedAt: at("consumed_at"),
  },
  (t) => [
    check(
      "action_tokens_purpose",
      sql`${t.purpose} in ('sign-up', 'verify-email', 'password-reset', 'link-email', 'email-change')`,
    ),
  ],
);

/**
 * Mails waiting for the sender. Bodies carry live sign-up and reset links: never log a row
 * (log `describeMail`), and purge sent rows (`PostgresOutbox.purgeSent`).
 */
export const mailOutbox = runtime.table(
  "mail_outbox",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    sentAt: at("sent_at"),
    attempts: integer("attempts").notNull().default(0),
    /** When a sender may try this mail (again): now for new mail, later after a failure. */
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
  },
  (t) => [
    index("mail_outbox_pending_idx")
      .on(t.id)
      .where(sql`${t.sentAt} is null`),
    check(
      "mail_outbox_kind",
      sql`${t.kind} in ('sign-up', 'sign-up-attempt', 'verify-email', 'password-reset', 'link-email', 'email-change', 'email-changed', 'email-in-use')`,
    ),
  ],
);

/**
 * Rate-limit counters shared by every runtime process: one row per key (a SHA-256 of it, as
 * keys hold emails), counting the hits of the window that began at `window_start`.
 */
export const rateLimitHits = runtime.table("rate_limit_hits", {
  key: text("key").primaryKey(),
  windowStart: at("window_start").notNull(),
  count: integer("count").notNull(),
  /** When the row stops mattering, for the purge. */
  expiresAt: at("expires_at").notNull(),
});

/**
 * A project's OpenID Connect providers (Google is one with a preset issuer). The client secret
 * is stored only encrypted (AES-256-GCM, bound to project and provider id).
 */
export const authProviders = runtime.table(
  "auth_providers",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    providerId: text("provider_id").notNull(),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    /** `v1:<iv>:<ciphertext+tag>`, base64url, bound to (project_id, provider_id). */
    clientSecretEncrypted: text("client_secret_encrypted").notNull(),
    /** `["openid", …]` */
    scopes: jsonb("scopes").notNull(),
    /** The app URLs a sign-in may return to, compared exactly. */
    redirectUris: jsonb("redirect_uris").notNull(),
    callbackUrl: text("callback_url"),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.providerId] }),
    check("auth_providers_id_format", sql`${t.providerId} ~ '^[a-z][a-z0-9-]{1,31}$'`),
  ],
);

/**
 * Provider identities linked to users: one account per (provider, subject) in a project, and
 * at most one identity per provider for a user. They go with their user.
 */
export const userIdentities = runtime.table(
  "user_identities",
  {
    projectId: text("project_id").notNull(),
    providerId: text("provider_id").notNull(),
    /** The provider's `sub`. */
    subject: text("subject").notNull(),
    uid: text("uid").notNull(),
    /** What the provider last said of the email (display only; accounts hold the real one). */
    email: text("email"),
    emailVerified: boolean("email_verified").notNull().default(false),
    createdAt: at("created_at").notNull(),
    lastSignInAt: at("last_sign_in_at"),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.providerId, t.subject] }),
    uniqueIndex("user_identities_user_provider_key").on(t.projectId, t.uid, t.providerId),
    foreignKey({
      columns: [t.projectId, t.uid],
      foreignColumns: [users.projectId, users.uid],
    }).onDelete("cascade"),
  ],
);

/**
 * Redirect sign-ins between their requests, by the SHA-256 of their `state`; the one-time code
 * handed to the app is stored hashed too, and the PKCE verifier encrypted. Rows expire within
 * minutes: purge them (`PostgresOidcFlowStore.purgeExpired`).
 */
export const oidcFlows = runtime.table(
  "oidc_flows",
  {
    stateHash: text("state_hash").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    providerId: text("provider_id").notNull(),
    nonce: text("nonce").notNull(),
    /** `v1:<iv>:<ciphertext+tag>`, bound to the state hash. */
    codeVerifierEncrypted: text("code_verifier_encrypted").notNull(),
    redirectUri: text("redirect_uri").notNull(),
    callbackUrl: text("callback_url").notNull(),
    appChallenge: text("app_challenge"),
    linkUid: text("link_uid"),
    createdAt: at("created_at").notNull(),
    expiresAt: at("expires_at").notNull(),
    callbackAt: at("callback_at"),
    resultCodeHash: text("result_code_hash"),
    resultExpiresAt: at("result_expires_at"),
    /** `{ subject, email, emailVerified }` from the verified ID token. */
    identity: jsonb("identity"),
    exchangedAt: at("exchanged_at"),
  },
  (t) => [
    uniqueIndex("oidc_flows_result_code_key").on(t.resultCodeHash),
    index("oidc_flows_expires_idx").on(t.expiresAt),
  ],
);

/**
 * Deployed functions: every deploy adds a version (1, 2, …); the highest one is live. The
 * bundle is esbuild's ESM output; `config` is `{ memoryMb, timeoutMs, secrets }`, `trigger`
 * `{ kind: "callable" }` or `{ kind: "document", event, path }`.
 */
export const functions = runtime.table(
  "functions",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    version: integer("version").notNull(),
    bundle: text("bundle").notNull(),
    config: jsonb("config").notNull(),
    trigger: jsonb("trigger").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.name, t.version] })],
);

/**
 * One row per invocation: its output lines, duration and outcome. Housekeeping purges rows
 * older than a week.
 */
export const functionLogs = runtime.table(
  "function_logs",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    version: integer("version").notNull(),
    /** `[{ stream, line, at }]` */
    lines: jsonb("lines").notNull(),
    durationMs: integer("duration_ms").notNull(),
    /** null when the invocation succeeded, else `timeout|oom|crash|error`. */
    errorKind: text("error_kind"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("function_logs_function_idx").on(t.projectId, t.name, t.id),
    index("function_logs_created_idx").on(t.createdAt),
  ],
);
