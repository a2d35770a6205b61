import { mkdir } from "node:fs/promises";
import path from "node:path";
import { isServiceUnavailableError } from "@winky/local-services";
import { ExitCode, type CliIo } from "../io.js";
import { ensureAdminKey, ensureMasterKey } from "./local-secrets.js";
import { startApp, waitHealthy, type AppSpec } from "./apps.js";
import type { DevOptions } from "./dev-options.js";
import { startInfrastructure } from "./infrastructure.js";
import { runtimeEnv } from "./runtime-env.js";
import { StopStack } from "./stop-stack.js";
import { removeStackFile, writeStackFile } from "../runs/stack-file.js";

const HEALTH_TIMEOUT_MS = 30_000;

/**
 * `winky dev`: brings up PostgreSQL, Redis, Docker and the three apps, prints their URLs,
 * then waits for Ctrl-C and stops everything it started, in order. A Ctrl-C during start-up
 * stops what is already up.
 */
export async function runDev(options: DevOptions, io: CliIo): Promise<number> {
  const began = Date.now();
  const logDir = path.join(options.dataDir, "logs");
  await mkdir(logDir, { recursive: true });
  const stops = new StopStack();
  let stopSignal: string | undefined;
  void io.stopRequested.then((signal) => (stopSignal = signal));
  const interrupted = () => stopSignal !== undefined;

  try {
    io.out(`Starting Winky-Coder (data in ${options.dataDir})\n`);
    const infra = await startInfrastructure(options, logDir, stops, io.out);
    if (interrupted()) return await shutDown(stops, io);

    const urls = {
      runtime: `http://127.0.0.1:${options.ports.runtime}`,
      orchestrator: `http://127.0.0.1:${options.ports.orchestrator}`,
      studio: `http://127.0.0.1:${options.ports.studio}`,
    };
    const shared = { DATABASE_URL: infra.databaseUrl, WINKY_DATA_DIR: options.dataDir };
    const admin = await ensureAdminKey(options.dataDir, io.env);
    const master = await ensureMasterKey(options.dataDir, io.env);
    const specs: AppSpec[] = [
      {
        name: "runtime",
        port: options.ports.runtime,
        env: runtimeEnv({
          dataDir: options.dataDir,
          databaseUrl: infra.databaseUrl,
          redisUrl: infra.redisUrl,
          adminKey: admin.key,
          masterKey: master.key,
          studioUrl: urls.studio,
        }),
      },
      {
        name: "orchestrator",
        port: options.ports.orchestrator,
        // Its run workers deploy to the runtime and create each run's smoke project with it.
        env: {
          ...shared,
          REDIS_URL: infra.redisUrl,
          RUNTIME_URL: urls.runtime,
          WINKY_ADMIN_KEY: admin.key,
          ...(infra.docker.available ? {} : { WINKY_RUN_CONCURRENCY: "0" }),
        },
      },
      {
        name: "studio",
        port: options.ports.studio,
        // It makes the platform project people sign up in; without a mail server here, its
        // mails are shown at /dev/mailbox.
        env: {
          RUNTIME_URL: urls.runtime,
          ORCHESTRATOR_URL: urls.orchestrator,
          WINKY_ADMIN_KEY: admin.key,
          STUDIO_PUBLIC_URL: urls.studio,
          WINKY_DEV_MAILBOX: "1",
        },
      },
    ];
    const apps = [];
    for (const spec of specs) {
      const app = await startApp(spec, logDir);
      stops.push(spec.name, () => app.stop("SIGTERM", 10_000));
      apps.push({ app, port: spec.port });
    }
    await Promise.all(apps.map(({ app, port }) => waitHealthy(app, port, HEALTH_TIMEOUT_MS)));
    if (interrupted()) return await shutDown(stops, io);
    // `winky new` and `winky runs` on this data dir use these servers while dev runs.
    await writeStackFile(options.dataDir, {
      pid: process.pid,
      databaseUrl: infra.databaseUrl,
      redisUrl: infra.redisUrl,
      runtimeUrl: urls.runtime,
    });
    stops.push("the stack file", () => removeStackFile(options.dataDir));

    io.out(
      `\nWinky-Coder is ready in ${((Date.now() - began) / 1000).toFixed(1)} s\n` +
        `  Studio        ${urls.studio}   ← open this\n` +
        `  Runtime       ${urls.runtime}\n` +
        `  Orchestrator  ${urls.orchestrator}\n` +
        `  PostgreSQL    ${infra.databaseLabel}\n` +
        `  Admin key     ${admin.file ?? "from WINKY_ADMIN_KEY"}\n` +
        `  Logs          ${logDir}\n` +
        `Press Ctrl-C to stop.\n`,
    );
    const exited = apps.map(({ app }) => app.exited.then(() => app));
    const first = await Promise.race([io.stopRequested, ...exited]);
    if (typeof first !== "string") {
      io.err(`\nwinky: the ${first.name} stopped unexpectedly:\n${first.tail()}\n`);
      await shutDown(stops, io);
      return ExitCode.failure;
    }
    return await shutDown(stops, io);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.err(`\nwinky: ${isServiceUnavailableError(e) ? message : `start-up failed: ${message}`}\n`);
    await stops.stopAll(io.err);
    return ExitCode.failure;
  }
}

async function shutDown(stops: StopStack, io: CliIo): Promise<number> {
  io.out(`\nStopping…\n`);
  await stops.stopAll(io.out);
  io.out(`Stopped.\n`);
  return ExitCode.ok;
}
