import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { migrate } from "@winky/db";
import { llmConfigFrom } from "@winky/llm";
import {
  createOfflineRunService,
  type AppRemote,
  type PostgresRunLog,
  type RunService,
} from "@winky/orchestrator";
import { isSecretStoreError } from "@winky/secrets";
import { ensureBuilderImage } from "@winky/sandbox-images/ensure-images.mjs";
import pg from "pg";
import { startApp, waitHealthy } from "../dev/apps.js";
import type { DevOptions } from "../dev/dev-options.js";
import { startInfrastructure } from "../dev/infrastructure.js";
import { runtimeEnv } from "../dev/runtime-env.js";
import { ensureAdminKey, ensureMasterKey } from "../dev/local-secrets.js";
import { StopStack } from "../dev/stop-stack.js";
import { UsageError } from "../cli-flags.js";
import { openLocalSecretStore, PLATFORM_SCOPE } from "../secrets/local-secret-store.js";
import { modelEngineOf } from "./model-engine-setup.js";
import { findRunningStack } from "./stack-file.js";

/** What drives generation runs from the command line, and how to put it all away. */
export interface GenerationStack {
  /** The offline engine's service; it also reads any run's state. */
  service: RunService;
  /**
   * The service of a run's engine (`offline`, or `model` when one is configured).
   *
   * @throws UsageError for the model engine without OPENAI_API_KEY or OPENAI_BASE_URL.
   */
  serviceFor(engine: string): RunService;
  /** The model's name, when one is configured. */
  model: string | undefined;
  pool: pg.Pool;
  /** The local team every run from this data dir belongs to. */
  teamId: string;
  runtimeUrl: string;
  /** True when a running `winky dev` serves the runtime (the deployed app stays up). */
  attached: boolean;
  close(): Promise<void>;
}

/**
 * Opens what a generation run needs: the servers of a `winky dev` running on the same data dir
 * when there is one, else PostgreSQL, Redis and Docker as `winky dev` starts them plus the
 * runtime alone (stopped by `close`, and by the kernel if this process dies); the platform
 * schema migrated, the local team, the sandbox builder image (built once if missing) and the
 * run services: the offline engine's, and a model's over it when one is configured.
 *
 * @param makeLog the run log to use (a subclass that also reports to the terminal).
 */
export async function openGenerationStack(
  options: DevOptions,
  env: Record<string, string | undefined>,
  say: (text: string) => void,
  makeLog: (pool: pg.Pool) => PostgresRunLog,
): Promise<GenerationStack> {
  // Bad settings fail before anything starts.
  const remote = gitRemoteOf(options.dataDir, env);
  const llm = llmConfigFrom(env);
  const logDir = path.join(options.dataDir, "logs");
  await mkdir(logDir, { recursive: true });
  const stops = new StopStack();
  const quiet = () => undefined;
  try {
    const running = await findRunningStack(options.dataDir);
    let databaseUrl: string;
    let runtimeUrl: string;
    if (running) {
      say(`✓ Using the servers of winky dev (pid ${running.pid}), runtime ${running.runtimeUrl}\n`);
      ({ databaseUrl, runtimeUrl } = running);
    } else {
      const infra = await startInfrastructure(options, logDir, stops, say);
      if (!infra.docker.available) {
        throw new Error(`a generation run needs a Docker engine: ${infra.docker.detail}`);
      }
      databaseUrl = infra.databaseUrl;
      runtimeUrl = await startRuntime(options, env, infra, logDir, stops);
      say(`✓ Runtime on ${runtimeUrl} (log in ${path.join(logDir, "runtime.log")})\n`);
    }
    const began = Date.now();
    say("… Sandbox images (built once: a few minutes the first time)\n");
    const builderImage = await ensureBuilderImage();
    say(`✓ Sandbox images ${builderImage} (${Date.now() - began} ms)\n`);
    await migrate(databaseUrl);
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    stops.push("the database pool", () => pool.end());
    const teamId = await ensureLocalTeam(pool);
    // WINKY_ADMIN_KEY when set, as for `winky dev`; else the data dir's generated key.
    const admin = await ensureAdminKey(options.dataDir, env);
    const port = new URL(runtimeUrl).port;
    const chromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find(
      (file) => file && existsSync(file),
    );
    const common = {
      pool,
      runtimeUrl,
      adminKey: admin.key,
      // Chromium resolves *.localhost to this machine; `winky dev` serves sites there.
      siteUrl: (project: string) => `http://${project}.localhost:${port}/`,
      dataDir: options.dataDir,
      builderImage,
      ...(chromium ? { chromiumPath: chromium } : {}),
      log: makeLog(pool),
      ...remote,
    };
    const service = await createOfflineRunService(common);
    let modelService: RunService | undefined;
    if (llm) {
      const master = await ensureMasterKey(options.dataDir, env);
      const keys = { adminKey: admin.key, masterKey: master.key };
      const { engine, store } = await modelEngineOf(llm, options.dataDir, env, pool, keys);
      stops.push("the secret store", () => store.close());
      modelService = await createOfflineRunService({ ...common, model: engine });
    }
    return {
      service,
      serviceFor(engine) {
        if (engine !== "model") return service;
        if (!modelService) {
          throw new UsageError(
            "the model engine needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (a compatible server), and WINKY_MODEL",
          );
        }
        return modelService;
      },
      model: llm?.model,
      pool,
      teamId,
      runtimeUrl,
      attached: running !== undefined,
      close: () => stops.stopAll(quiet),
    };
  } catch (e) {
    await stops.stopAll(quiet);
    throw e;
  }
}

async function startRuntime(
  options: DevOptions,
  env: Record<string, string | undefined>,
  infra: { databaseUrl: string; redisUrl: string },
  logDir: string,
  stops: StopStack,
): Promise<string> {
  const admin = await ensureAdminKey(options.dataDir, env);
  const master = await ensureMasterKey(options.dataDir, env);
  const port = options.ports.runtime;
  const runtime = await startApp(
    {
      name: "runtime",
      port,
      env: runtimeEnv({
        dataDir: options.dataDir,
        databaseUrl: infra.databaseUrl,
        redisUrl: infra.redisUrl,
        adminKey: admin.key,
        masterKey: master.key,
        studioUrl: `http://127.0.0.1:${options.ports.studio}`,
      }),
    },
    logDir,
  );
  stops.push("runtime", () => runtime.stop("SIGTERM", 10_000));
  await waitHealthy(runtime, port, 30_000);
  return `http://127.0.0.1:${port}`;
}

/** The team of local runs (slug `local`), created on first use. */
async function ensureLocalTeam(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into teams (slug, name) values ('local', 'Local') on conflict (slug)
       do update set slug = excluded.slug returning id`,
  );
  return rows[0]!.id;
}

/** The secret generation runs push with, in the platform's scope of the local store. */
export const GIT_PUSH_TOKEN = "GIT_PUSH_TOKEN";

/**
 * Where commits are pushed, from `WINKY_GIT_REMOTE` (a URL with `{app}` for the app's name,
 * e.g. `https://git.example.com/acme/{app}.git`) and `WINKY_GIT_USERNAME`; the password is
 * GIT_PUSH_TOKEN from the secret store (`winky secrets set GIT_PUSH_TOKEN`), read at each push.
 *
 * @throws UsageError when the template names no `{app}` (every app would share one remote).
 */
export function gitRemoteOf(
  dataDir: string,
  env: Record<string, string | undefined>,
): { gitRemote?: AppRemote } {
  const template = env.WINKY_GIT_REMOTE;
  if (!template) return {};
  if (!template.includes("{app}")) {
    throw new UsageError(
      `WINKY_GIT_REMOTE must contain {app}, e.g. https://git.example.com/acme/{app}.git`,
    );
  }
  return {
    gitRemote: {
      url: (app) => template.replaceAll("{app}", app),
      ...(env.WINKY_GIT_USERNAME ? { username: env.WINKY_GIT_USERNAME } : {}),
      async password() {
        const store = await openLocalSecretStore(dataDir, env);
        try {
          return (await store.get(PLATFORM_SCOPE, GIT_PUSH_TOKEN)).value;
        } catch (e) {
          if (isSecretStoreError(e) && e.code === "not-found") return undefined;
          throw e;
        } finally {
          await store.close();
        }
      },
    },
  };
}
