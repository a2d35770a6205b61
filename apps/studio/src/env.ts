import { hostField, httpUrlField, logLevelField, parseConfig, portField } from "@winky/config";
import { z } from "zod";

const StudioEnv = z.object({
  HOST: hostField.default("127.0.0.1"),
  PORT: portField.default(3000),
  RUNTIME_URL: httpUrlField.default("http://127.0.0.1:4000"),
  ORCHESTRATOR_URL: httpUrlField.default("http://127.0.0.1:4100"),
  LOG_LEVEL: logLevelField,
  /** The platform's own runtime project, where studio users sign up and in. */
  WINKY_PLATFORM_PROJECT: z
    .string()
    .regex(/^[a-z][a-z0-9-]{2,62}$/, "must be a runtime project id")
    .default("winky-studio"),
  /**
   * The runtime's operator key. With it the studio makes the platform project at start (and
   * points its mails at this studio); without it someone must have made it.
   */
  WINKY_ADMIN_KEY: z.string().min(16, "must be the runtime's operator key").optional(),
  /** The studio's address as browsers reach it: the links in sign-up and reset mails. */
  STUDIO_PUBLIC_URL: httpUrlField.optional(),
  /**
   * `1`: show the platform project's queued mails at `/dev/mailbox` (needs WINKY_ADMIN_KEY).
   * For development without an SMTP server only: the page shows live sign-in links.
   */
  WINKY_DEV_MAILBOX: z.enum(["0", "1"]).default("0"),
});

export type StudioConfig = Readonly<z.infer<typeof StudioEnv>>;

/** Where browsers reach the studio: STUDIO_PUBLIC_URL, else its own host and port. */
export function publicUrlOf(config: StudioConfig): string {
  if (config.STUDIO_PUBLIC_URL) return config.STUDIO_PUBLIC_URL.replace(/\/+$/, "");
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return `http://${host}:${config.PORT}`;
}

/**
 * The studio's configuration, validated once at boot. The only place in the app that reads
 * `process.env`. The Next app runs in the same process as `main.ts`, so its server code reads
 * the same values through this function.
 *
 * @throws ConfigError naming every invalid variable.
 */
export function loadStudioConfig(env: NodeJS.ProcessEnv = process.env): StudioConfig {
  return parseConfig("studio", StudioEnv, env);
}

/**
 * Sets what Next reads from the environment when it loads: no telemetry (nothing leaves the
 * machine), and production mode. Call before importing `next`.
 */
export function prepareNextEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  env.NEXT_TELEMETRY_DISABLED = "1";
  // Next warns about, and misbehaves with, any other value in a production server.
  (env as Record<string, string | undefined>).NODE_ENV = "production";
}
