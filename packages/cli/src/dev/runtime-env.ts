import path from "node:path";

/**
 * The runtime's environment as `winky dev` runs it. `winky new` starts it the same way when no
 * `winky dev` is running, so what a run deploys is served the same way by `npm start` later.
 */
export function runtimeEnv(settings: {
  dataDir: string;
  databaseUrl: string;
  redisUrl: string;
  adminKey: string;
  masterKey: string;
  studioUrl: string;
}): Record<string, string> {
  return {
    DATABASE_URL: settings.databaseUrl,
    WINKY_DATA_DIR: settings.dataDir,
    WINKY_ADMIN_KEY: settings.adminKey,
    WINKY_MASTER_KEY: settings.masterKey,
    WINKY_SECRETS_FILE: path.join(settings.dataDir, "secrets.json"),
    // Events go to the function triggers through Redis (BullMQ).
    REDIS_URL: settings.redisUrl,
    WINKY_STORAGE_DIR: path.join(settings.dataDir, "storage"),
    // Sites at http://<project>.localhost:<port>/ (Chromium resolves *.localhost).
    WINKY_HOSTING_DOMAIN: "localhost",
    // The default for projects whose config names no page of their own (deploys set one).
    WINKY_AUTH_ACTION_URL: `${settings.studioUrl}/auth/action`,
  };
}
