import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { at, runtime } from "./columns.js";
import { projects } from "./projects.js";

// Auth: src/auth/postgres implements the core's stores over these tables.

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
