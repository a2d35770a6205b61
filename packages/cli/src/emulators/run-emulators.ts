import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import {
  assertPostgresReachable,
  isServiceUnavailableError,
  startEmbeddedPostgres,
} from "@winky/local-services";
import { ExitCode, type CliIo } from "../io.js";
import { startApp, waitHealthy } from "../dev/apps.js";
import { ensureAdminKey, ensureMasterKey } from "../dev/local-secrets.js";
import { StopStack } from "../dev/stop-stack.js";
import { EmulatorAdmin, INDEXES_FILE } from "./emulator-admin.js";
import type { EmulatorOptions } from "./emulator-options.js";

/**
 * `winky emulators:start`: the runtime on embedded PostgreSQL, one project created on first
 * start, data kept in the data dir; `--rules` deploys a rules file, `--indexes` an indexes
 * file, `--import` loads an export, `--export-on-exit` writes one when Ctrl-C stops it.
 */
export async function runEmulators(options: EmulatorOptions, io: CliIo): Promise<number> {
  const began = Date.now();
  const logDir = path.join(options.dataDir, "logs");
  await mkdir(logDir, { recursive: true });
  const stops = new StopStack();
  try {
    let databaseUrl = options.databaseUrl;
    if (databaseUrl) await assertPostgresReachable(databaseUrl, "DATABASE_URL");
    else {
      const postgres = await startEmbeddedPostgres({
        dataDir: path.join(options.dataDir, "postgres"),
        logFile: path.join(logDir, "postgres.log"),
      });
      stops.push("PostgreSQL", postgres.stop);
      databaseUrl = postgres.url;
    }
    const admin = await ensureAdminKey(options.dataDir, io.env);
    const master = await ensureMasterKey(options.dataDir, io.env);
    const runtime = await startApp(
      {
        name: "runtime",
        port: options.port,
        env: {
          DATABASE_URL: databaseUrl,
          WINKY_ADMIN_KEY: admin.key,
          WINKY_MASTER_KEY: master.key,
          WINKY_SECRETS_FILE: path.join(options.dataDir, "secrets.json"),
          WINKY_STORAGE_DIR: path.join(options.dataDir, "storage"),
          // Sites at http://<project>.localhost:<port>/ (Chromium resolves *.localhost).
          WINKY_HOSTING_DOMAIN: "localhost",
        },
      },
      logDir,
    );
    stops.push("runtime", () => runtime.stop("SIGTERM", 10_000));
    await waitHealthy(runtime, options.port, 30_000);

    const url = `http://127.0.0.1:${options.port}`;
    const api = new EmulatorAdmin(url, admin.key);
    const project = await api.ensureProject(options.project, options.dataDir);
    if (options.rules) await api.deployRules(options.project, project.key, options.rules);
    const indexes = options.indexes ?? (await indexesOfExport(options.importDir));
    if (indexes) {
      for (const warning of await api.deployIndexes(options.project, project.key, indexes))
        io.err(`winky: ${indexes}: ${warning}\n`);
    }
    if (options.importDir) {
      const n = await api.importFrom(options.project, project.key, options.importDir);
      io.out(`Imported ${n} document(s) from ${options.importDir}\n`);
    }
    io.out(
      `\nEmulator ready in ${((Date.now() - began) / 1000).toFixed(1)} s\n` +
        `  Runtime      ${url}\n` +
        `  Project      ${options.project}${project.created ? " (created)" : ""}\n` +
        `  Service key  ${project.keyFile}\n` +
        `  Rules        ${options.rules ?? "as last deployed (none: everything is denied to end users)"}\n` +
        `  Indexes      ${indexes ?? "as last deployed"}\n` +
        `  Data         ${options.dataDir}\n` +
        `Press Ctrl-C to stop${options.exportOnExit ? ` (exports to ${options.exportOnExit})` : ""}.\n`,
    );
    const first = await Promise.race([
      io.stopRequested,
      runtime.exited.then(() => "exited" as const),
    ]);
    if (first === "exited") {
      io.err(`\nwinky: the runtime stopped unexpectedly:\n${runtime.tail()}\n`);
      await stops.stopAll(io.err);
      return ExitCode.failure;
    }
    if (options.exportOnExit) {
      await mkdir(options.exportOnExit, { recursive: true });
      const n = await api.exportTo(options.project, project.key, options.exportOnExit);
      io.out(`\nExported ${n} document(s) to ${options.exportOnExit}\n`);
    }
    io.out(`Stopping…\n`);
    await stops.stopAll(io.out);
    io.out(`Stopped.\n`);
    return ExitCode.ok;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.err(
      `\nwinky: ${isServiceUnavailableError(e) ? message : `emulators:start failed: ${message}`}\n`,
    );
    await stops.stopAll(io.err);
    return ExitCode.failure;
  }
}

/** An export's `firestore.indexes.json`, when the directory has one. */
async function indexesOfExport(dir: string | undefined): Promise<string | undefined> {
  if (!dir) return undefined;
  const file = path.join(dir, INDEXES_FILE);
  return (await stat(file).catch(() => undefined))?.isFile() ? file : undefined;
}
