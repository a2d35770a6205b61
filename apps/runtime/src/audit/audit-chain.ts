import { createHash } from "node:crypto";

/** One admin action, as kept in `runtime.audit_entries` and listed by the admin API. */
export interface AuditEntry {
  /** The project whose chain holds it; "" for the operator's own actions. */
  projectId: string;
  /** 1, 2, 3… within the project's chain. */
  seq: number;
  /** RFC 3339 with milliseconds. */
  at: string;
  actor: string;
  action: string;
  details: Record<string, unknown>;
  /** The previous entry's hash; `GENESIS` for the first. */
  prevHash: string;
  hash: string;
}

/** What the first entry of a chain follows. */
export const GENESIS = "0".repeat(64);

/**
 * The entry's hash: SHA-256 over its previous hash and its content, as JSON with sorted keys
 * (so the same content always hashes the same, whatever order a database returns keys in).
 */
export function entryHash(entry: Omit<AuditEntry, "hash">): string {
  const content = [
    entry.prevHash,
    entry.projectId,
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.details,
  ];
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

export type ChainVerdict =
  { ok: true; entries: number; lastHash: string } | { ok: false; seq: number; problem: string };

/**
 * Checks a chain read in order: numbering without gaps from `after` (or from 1), each entry
 * linked to the one before, each hash matching its content. The first problem is reported.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  after: { seq: number; hash: string } = { seq: 0, hash: GENESIS },
): ChainVerdict {
  let { seq, hash } = after;
  for (const entry of entries) {
    if (entry.seq !== seq + 1)
      return {
        ok: false,
        seq: seq + 1,
        problem: `entry ${seq + 1} is missing (found ${entry.seq})`,
      };
    if (entry.prevHash !== hash)
      return { ok: false, seq: entry.seq, problem: "does not follow the entry before it" };
    const { hash: stored, ...content } = entry;
    if (entryHash(content) !== stored)
      return { ok: false, seq: entry.seq, problem: "its content does not match its hash" };
    seq = entry.seq;
    hash = stored;
  }
  return { ok: true, entries: entries.length, lastHash: hash };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
