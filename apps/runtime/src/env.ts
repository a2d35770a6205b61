import { availableParallelism } from "node:os";
import {
  hostField,
  httpUrlField,
  logLevelField,
  parseConfig,
  portField,
  postgresUrlField,
  redisUrlField,
} from "@winky/config";
import { z } from "zod";
import { isMailFromAddress, smtpUrlProblem } from "./mail/mail-settings.js";

const RuntimeFields = z.object({
  HOST: hostField.default("127.0.0.1"),
  PORT: portField.default(4000),
  DATABASE_URL: postgresUrlField,
  /** The operator's key for the admin API; `winky dev` generates one into the data dir. */
  WINKY_ADMIN_KEY: z.string({ error: "is required" }).min(32, "must be at least 32 characters"),
  /**
   * 32 random bytes, base64url: encrypts secrets at rest (signing keys). `winky dev` generates
   * one into the data dir; the secret store replaces it later.
   */
  WINKY_MASTER_KEY: z
    .string({ error: "is required" })
    .refine(
      (k) => Buffer.from(k, "base64url").length === 32,
      "must be 32 bytes, base64url-encoded",
    ),
  /** The page that handles links mailed by auth (sign-up, reset, verify). */
  WINKY_AUTH_ACTION_URL: httpUrlField.default("http://127.0.0.1:3000/auth/action"),
  /**
   * The runtime's public base URL (e.g. `https://api.example.com`), for the OpenID Connect
   * callback URL behind a TLS-terminating proxy. Unset: each request's scheme and host.
   */
  WINKY_PUBLIC_URL: httpUrlField.optional(),
  /**
   * Connections to PostgreSQL per runtime process. More than the database's cores only adds
   * contention: measured on 2 cores, 4 connections commit a third more documents per second
   * than 20 (`npm run bench -- baas`). Defaults to twice the cores, at least 4.
   */
  WINKY_DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(Math.max(4, 2 * availableParallelism())),
  /** The encrypted secrets file (AES-256-GCM with WINKY_MASTER_KEY), unless Vault is set. */
  WINKY_SECRETS_FILE: z.string().min(1).default(".winky/secrets.json"),
  /** HashiCorp Vault (KV v2) for secrets: its address and token; both or neither. */
  VAULT_ADDR: httpUrlField.optional(),
  VAULT_TOKEN: z.string().min(1).optional(),
  /**
   * Storage: the FsBlobStore's root (`winky dev` passes `<dataDir>/storage`). With S3 it holds
   * the resumable uploads' sessions instead: share it between instances, or route a session
   * to one instance.
   */
  WINKY_STORAGE_DIR: z.string().min(1).default(".winky/storage"),
  /** The largest object an upload may store, in bytes (default 100 MiB, at most 5 GiB). */
  WINKY_STORAGE_MAX_OBJECT_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(5 * 1024 ** 3)
    .default(100 * 1024 * 1024),
  /**
   * Hosting: with a domain (e.g. `localhost`), each project's site is also served at
   * `http://<project>.<domain>[:port]/` (Chromium resolves `*.localhost` to loopback); always
   * under `/v1/projects/:project/hosting/`.
   */
  WINKY_HOSTING_DOMAIN: z
    .string()
    .transform((domain) => domain.toLowerCase())
    .pipe(
      z
        .string()
        .max(200)
        .regex(
          /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
          "must be a domain name such as localhost or apps.example.com (no scheme, port or path)",
        ),
    )
    .optional(),
  /** S3 or an S3-compatible server (MinIO) for storage, e.g. `http://127.0.0.1:9000`; unset: files. */
  S3_ENDPOINT: httpUrlField.optional(),
  S3_ACCESS_KEY: z.string().min(1).optional(),
  S3_SECRET_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  /** Prepended to each project's bucket name (`winky-` → `winky-my-app`). */
  S3_BUCKET_PREFIX: z
    .string()
    .regex(/^[a-z0-9.-]*$/, "may hold only a-z, 0-9, . and -")
    .default("winky-"),
  LOG_LEVEL: logLevelField,
  /**
   * Redis for the events queue (`redis://…`): with it, events go from the log to the
   * triggers (document-triggered functions); without it, they wait in the log.
   */
  REDIS_URL: redisUrlField.optional(),
  /**
   * Where auth mail goes: `smtp://[user:password@]host[:port]` (587, STARTTLS when offered) or
   * `smtps://…` (465, TLS). Unset, mail waits in the outbox and the dev mailbox shows it.
   */
  WINKY_SMTP_URL: z
    .string()
    .optional()
    .superRefine((url, ctx) => {
      const problem = url === undefined ? null : smtpUrlProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  /** The `From:` of every mail, e.g. `Winky <no-reply@example.com>`; required with SMTP. */
  WINKY_MAIL_FROM: z
    .string()
    .optional()
    .refine(
      (from) => from === undefined || isMailFromAddress(from),
      'must be one address, e.g. "Winky <no-reply@example.com>"',
    ),
});

// Checks across variables run after each one's own (and still report alongside their errors).
const RuntimeEnv = RuntimeFields.superRefine((env, ctx) => {
  if (env.WINKY_SMTP_URL !== undefined && env.WINKY_MAIL_FROM === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["WINKY_MAIL_FROM"],
      message: "is required when WINKY_SMTP_URL is set",
    });
  }
  if ((env.VAULT_ADDR === undefined) !== (env.VAULT_TOKEN === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: [env.VAULT_ADDR === undefined ? "VAULT_ADDR" : "VAULT_TOKEN"],
      message: "is required when the other of VAULT_ADDR and VAULT_TOKEN is set",
    });
  }
  if (env.S3_ENDPOINT !== undefined) {
    for (const field of ["S3_ACCESS_KEY", "S3_SECRET_KEY"] as const) {
      if (env[field] === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: "is required when S3_ENDPOINT is set",
        });
      }
    }
  }
});

export type RuntimeConfig = Readonly<z.infer<typeof RuntimeEnv>>;

/**
 * The runtime's configuration, validated once at boot. The only place in the app that reads
 * `process.env`.
 *
 * @throws ConfigError naming every invalid or missing variable.
 */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return parseConfig("runtime", RuntimeEnv, env);
}
