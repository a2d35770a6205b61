// What the integration global setup hands to every test file through vitest's inject().
import type { ChromiumVerdict } from "./chromium-policy.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the run's PostgreSQL server (embedded, or DATABASE_URL). */
    databaseUrl: string;
    /** URL of the run's Redis server (private redis-server, or REDIS_URL). */
    redisUrl: string;
    /** A Docker engine answers for this run. */
    dockerAvailable: boolean;
    /** Engine version, or why there is none. */
    dockerDetail: string;
    /** The Chromium executable browser tests launch, or null when none was found. */
    chromiumPath: string | null;
    /** What browser suites do: run, skip (with a banner), or fail (CI=true and no Chromium). */
    chromiumVerdict: ChromiumVerdict;
  }
}

export {};
