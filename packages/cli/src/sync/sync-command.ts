import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  FileStateStore,
  FirestoreRestAdapter,
  RuntimeEventSource,
  SyncMirror,
  type MirrorMetrics,
} from "@winky/sync";
import { adminKeyFor } from "../admin-key.js";
import { UsageError } from "../cli-flags.js";
import { ExitCode, type CliIo } from "../io.js";

const FLAGS = {
  help: { type: "boolean", short: "h" },
  once: { type: "boolean" },
  url: { type: "string" },
  project: { type: "string" },
  "key-file": { type: "string" },
  "firestore-project": { type: "string" },
  "firestore-database": { type: "string" },
  "token-file": { type: "string" },
  "base-url": { type: "string" },
  state: { type: "string" },
  interval: { type: "string" },
} as const;

export const SYNC_USAGE = `winky sync firebase --project P --firestore-project X [options]
  mirrors every document write of the runtime project P to Cloud Firestore project X
  --token-file F       an OAuth access token, read again before each request (else the
                       GOOGLE_OAUTH_ACCESS_TOKEN variable), e.g. from gcloud auth print-access-token
  --url U              the runtime (WINKY_RUNTIME_URL, default http://127.0.0.1:4000)
  --key-file F         the runtime's admin key (else WINKY_ADMIN_KEY)
  --state F            where the cursor is kept (default .winky/sync/P-firestore-X.json)
  --base-url U         Firestore's REST root (default https://firestore.googleapis.com)
  --firestore-database D   (default "(default)")
  --interval S         seconds between passes (default 5)
  --once               one pass, then exit (1 if it failed)
`;

/**
 * `winky sync firebase`: runs a `SyncMirror` from a runtime project's event log to Firestore's
 * REST API, printing each pass's progress and the lag, until Ctrl-C (or one pass, `--once`).
 */
export async function runSyncCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [target, ...rest] = args;
  if (target === "--help" || target === "-h") return (io.out(SYNC_USAGE), ExitCode.ok);
  if (target !== "firebase")
    throw new UsageError(`unknown sync target '${target ?? ""}' (try: firebase)`);
  const values = parseSyncFlags(rest);
  if (values.help) return (io.out(SYNC_USAGE), ExitCode.ok);
  const { project, "firestore-project": firestoreProject } = values;
  if (!project || !firestoreProject)
    throw new UsageError("--project and --firestore-project are required");
  const interval = Number(values.interval ?? "5");
  if (!(interval > 0)) throw new UsageError(`--interval must be a positive number of seconds`);
  const token = tokenProvider(values["token-file"], io);
  const url = values.url ?? io.env.WINKY_RUNTIME_URL ?? "http://127.0.0.1:4000";
  const key = await adminKeyFor(values["key-file"], project, io);
  const stateFile = path.resolve(
    io.cwd,
    values.state ?? `.winky/sync/${project}-firestore-${firestoreProject}.json`,
  );
  await mkdir(path.dirname(stateFile), { recursive: true });

  const adapter = new FirestoreRestAdapter({
    projectId: firestoreProject,
    ...(values["firestore-database"] ? { databaseId: values["firestore-database"] } : {}),
    ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}),
    token,
  });
  const mirror = new SyncMirror({
    project,
    source: new RuntimeEventSource({ url, project, key }),
    adapter,
    state: new FileStateStore(stateFile),
  });
  io.out(`mirroring ${project} (${url}) to ${adapter.name}; state in ${stateFile}\n`);
  const report = (outcome: { mirrored: number } | { error: Error }, m: MirrorMetrics) => {
    if ("error" in outcome) io.err(`winky sync: ${outcome.error.message}\n`);
    const lag = (m.lagMs / 1000).toFixed(1);
    const pass = "error" in outcome ? "pass failed" : `${outcome.mirrored} change(s)`;
    io.out(
      `${pass}; lag ${lag}s; mirrored ${m.mirrored}, retries ${m.retries}, failures ${m.failures}\n`,
    );
  };

  if (values.once) {
    const outcome = await mirror.runOnce().catch((e: unknown) => ({ error: e as Error }));
    report(outcome, mirror.metrics);
    await mirror.stop();
    return "error" in outcome ? ExitCode.failure : ExitCode.ok;
  }
  const halted = new Promise<void>((resolve) =>
    mirror.start({
      intervalMs: interval * 1000,
      onPass: (outcome, metrics) => {
        report(outcome, metrics);
        if (mirror.haltedBy) resolve();
      },
    }),
  );
  await Promise.race([halted, io.stopRequested]);
  await mirror.stop();
  if (mirror.haltedBy) {
    io.err("winky sync: stopped; fix the cause above and run the command again to resume\n");
    return ExitCode.failure;
  }
  return ExitCode.ok;
}

function parseSyncFlags(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: FLAGS, strict: true, allowPositionals: false })
      .values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** The token: the file read again for each request (an outside refresher may rewrite it). */
function tokenProvider(file: string | undefined, io: CliIo): () => Promise<string> {
  if (file) {
    const at = path.resolve(io.cwd, file);
    return async () => (await readFile(at, "utf8")).trim();
  }
  const fromEnv = io.env.GOOGLE_OAUTH_ACCESS_TOKEN;
  if (!fromEnv) {
    throw new UsageError(
      "no Google access token: pass --token-file or set GOOGLE_OAUTH_ACCESS_TOKEN (e.g. gcloud auth print-access-token)",
    );
  }
  return () => Promise.resolve(fromEnv);
}
