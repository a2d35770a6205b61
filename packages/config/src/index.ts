import { z } from "zod";

/** A TCP port; 0 lets the kernel choose. */
export const portField = z.coerce.number().int().min(0).max(65535);

/** A host or address to listen on. */
export const hostField = z.string().min(1);

/** Says "is required" for a missing value, and `expected` for a wrong one. */
function urlError(expected: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : expected);
}

/** A `postgres://` or `postgresql://` URL. */
export const postgresUrlField = z.url({
  protocol: /^postgres(ql)?$/,
  error: urlError("must be a postgres:// URL"),
});

/** A `redis://` or `rediss://` URL. */
export const redisUrlField = z.url({
  protocol: /^rediss?$/,
  error: urlError("must be a redis:// URL"),
});

/** An http(s) base URL of another Winky service. */
export const httpUrlField = z.url({
  protocol: /^https?$/,
  error: urlError("must be an http(s) URL"),
});

/** Pino's log levels, as Fastify takes them. */
export const logLevelField = z
  .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
  .default("info");

/** Raised at boot when configuration is invalid; the message lists every problem. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Validates `env` against `schema` once, at boot, and returns a frozen, typed object.
 * Values are never echoed in the message: a bad DATABASE_URL may carry a password.
 *
 * @throws ConfigError naming every invalid or missing variable.
 */
export function parseConfig<S extends z.ZodType<object>>(
  what: string,
  schema: S,
  env: Record<string, string | undefined>,
): Readonly<z.infer<S>> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join(".") || "(root)"}: ${i.message}`,
    );
    throw new ConfigError(`invalid ${what} configuration:\n  ${problems.join("\n  ")}`);
  }
  return Object.freeze(parsed.data);
}

export { runService, type BootedService, type ListeningService } from "./run-service.js";
export { endConnectionsOnShutdown } from "./close-on-shutdown.js";
