import type { AddressInfo } from "node:net";
import { migrate } from "@winky/db";
import { buildApp, type RunControl } from "@winky/orchestrator";
import {
  bootstrapTeam,
  type ApiDeps,
  type Authenticator,
  type BootstrappedTeam,
} from "@winky/orchestrator/api";
import { chromiumPath } from "@winky/testing";
import {
  ensureFreshNextBuild,
  freePort,
  startStudio,
  unusedRunControl,
  type RunningStudio,
} from "@winky/studio/testing";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { chromium, type Browser } from "playwright-core";

/** The team every studio suite signs in to: Acme, owned by Ada (ada@example.com). */
export function bootstrapAcme(pool: pg.Pool): Promise<BootstrappedTeam> {
  return bootstrapTeam(pool, {
    slug: "acme",
    name: "Acme",
    ownerEmail: "ada@example.com",
    ownerName: "Ada",
  });
}

/** The studio in front of a real orchestrator API over a migrated test database. */
export interface StudioStack {
  pool: pg.Pool;
  orchestratorUrl: string;
  studio: RunningStudio;
  browser: Browser;
  close(): Promise<void>;
}

export interface StudioStackOptions {
  /** The run operations (default: none, every call refused). */
  runs?: (pool: pg.Pool) => RunControl;
  authenticators?: (pool: pg.Pool) => readonly Authenticator[];
  /** Where the API reads runs' artifacts and apps' repositories. */
  dataDir?: string;
  /** The runtime the studio shows and (with a key) administers; default: nothing listens. */
  runtimeUrl?: string;
  /** The orchestrator's runtime console client (a real `AdminClient`); default: none. */
  runtime?: ApiDeps["runtime"];
  /** More of the studio's environment. */
  studioEnv?: Record<string, string>;
}

/**
 * Builds the studio if its sources changed (`next build`), starts the orchestrator's API
 * (`buildApp`) over `databaseUrl` and the studio against it, and launches Chromium.
 */
export async function startStudioStack(
  databaseUrl: string,
  options: StudioStackOptions = {},
): Promise<StudioStack> {
  const build = await ensureFreshNextBuild();
  console.info(build.built ? `next build took ${build.ms} ms` : "reused the fresh .next build");
  await migrate(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 6 });
  const orchestrator: FastifyInstance = buildApp({
    pingDatabase: () => pool.query("select 1"),
    pingRedis: async () => "PONG",
    logLevel: "silent",
    api: {
      pool,
      runs: options.runs?.(pool) ?? unusedRunControl,
      ...(options.authenticators ? { authenticators: options.authenticators(pool) } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.runtime ? { runtime: options.runtime } : {}),
    },
  });
  await orchestrator.listen({ host: "127.0.0.1", port: 0 });
  const orchestratorUrl = `http://127.0.0.1:${(orchestrator.server.address() as AddressInfo).port}`;
  const studio = await startStudio({
    ORCHESTRATOR_URL: orchestratorUrl,
    RUNTIME_URL: options.runtimeUrl ?? `http://127.0.0.1:${await freePort()}`,
    ...options.studioEnv,
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox"],
    headless: true,
  });
  return {
    pool,
    orchestratorUrl,
    studio,
    browser,
    close: async () => {
      await browser.close();
      await studio.stop();
      orchestrator.server.closeAllConnections();
      await orchestrator.close();
      await pool.end();
    },
  };
}
