import { verifyChain, type AuditEntry } from "@winky/runtime/audit";
import { adminKeyFor } from "../admin-key.js";
import { parseFlags, UsageError } from "../cli-flags.js";
import { ExitCode, type CliIo } from "../io.js";

const PAGE = 1000;

/**
 * `winky audit verify`: reads a project's audit trail from a running runtime, page by page,
 * and recomputes its hash chain here — so a runtime whose code or database was tampered with
 * cannot vouch for itself. Exit 0 when intact, 1 at the first broken entry.
 */
export async function runAuditCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "verify") throw new UsageError(`unknown audit command '${sub ?? ""}' (try: verify)`);
  const values = parseFlags(rest, ["url", "project", "key-file"]);
  const project = typeof values.project === "string" ? values.project : "demo";
  const url = String(values.url ?? io.env.WINKY_RUNTIME_URL ?? "http://127.0.0.1:4000");
  const key = await adminKeyFor(values["key-file"], project, io);
  const route = project === "-" ? "/v1/admin/audit" : `/v1/projects/${project}/admin/audit`;
  const chain = project === "-" ? "the operator's audit trail" : `the audit trail of ${project}`;
  let after = { seq: 0, hash: "0".repeat(64) };
  let total = 0;
  for (;;) {
    const res = await fetch(`${url}${route}?afterSeq=${after.seq}&limit=${PAGE}`, {
      headers: { authorization: `Bearer ${key}` },
    }).catch((e: unknown) => {
      throw new Error(`cannot reach the runtime at ${url}: ${(e as Error).message}`, { cause: e });
    });
    if (!res.ok)
      throw new Error(`reading ${chain} from ${url}: HTTP ${res.status} ${await res.text()}`);
    const { entries } = (await res.json()) as { entries: AuditEntry[] };
    const verdict = verifyChain(entries, after);
    if (!verdict.ok) {
      io.err(`winky: ${chain} is broken at entry ${verdict.seq}: ${verdict.problem}\n`);
      return ExitCode.failure;
    }
    total += entries.length;
    if (entries.length < PAGE) {
      io.out(
        `${chain}: ${total} entries, chain intact (last hash ${verdict.lastHash.slice(0, 16)}…)\n`,
      );
      return ExitCode.ok;
    }
    after = { seq: entries.at(-1)!.seq, hash: verdict.lastHash };
  }
}
