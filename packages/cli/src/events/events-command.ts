import { adminKeyFor } from "../admin-key.js";
import { parseFlags, UsageError } from "../cli-flags.js";
import { ExitCode, type CliIo } from "../io.js";

/**
 * `winky events replay`: asks a running runtime to run a selection of its event log through
 * the triggers again (`POST …/admin/events:replay`), by time range, kinds and path prefix.
 */
export async function runEventsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "replay") throw new UsageError(`unknown events command '${sub ?? ""}' (try: replay)`);
  const values = parseFlags(rest, ["url", "project", "key-file", "from", "to", "kind", "path"]);
  const project = typeof values.project === "string" ? values.project : "demo";
  const url = String(values.url ?? io.env.WINKY_RUNTIME_URL ?? "http://127.0.0.1:4000");
  const key = await adminKeyFor(values["key-file"], project, io);
  const text = (flag: string) => (typeof values[flag] === "string" ? values[flag] : undefined);
  const selection = {
    ...(text("from") ? { from: text("from") } : {}),
    ...(text("to") ? { to: text("to") } : {}),
    ...(text("kind") ? { kinds: text("kind")!.split(",") } : {}),
    ...(text("path") ? { subjectPrefix: text("path") } : {}),
  };
  const res = await fetch(`${url}/v1/projects/${project}/admin/events:replay`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(selection),
  }).catch((e: unknown) => {
    throw new Error(`cannot reach the runtime at ${url}: ${(e as Error).message}`, { cause: e });
  });
  const body = (await res.json().catch(() => ({}))) as {
    replayId?: string;
    events?: number;
    error?: { message: string };
  };
  if (!res.ok) {
    io.err(`winky: the replay was refused: ${body.error?.message ?? `HTTP ${res.status}`}\n`);
    return ExitCode.failure;
  }
  io.out(`replaying ${body.events} event(s) of ${project} (replay ${body.replayId})\n`);
  return ExitCode.ok;
}
