import { describe, expect, it } from "vitest";
import { entryHash, GENESIS, verifyChain, type AuditEntry } from "./audit-chain.js";

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      projectId: "p",
      seq,
      at: `2026-11-26T00:00:0${seq}.000Z`,
      actor: "operator",
      action: "PUT /v1/projects/:project/admin/rules/:service",
      details: { status: 200, params: { project: "p", service: "firestore" } },
      prevHash: entries.at(-1)?.hash ?? GENESIS,
    };
    entries.push({ ...content, hash: entryHash(content) });
  }
  return entries;
}

describe("audit hash chains", () => {
  it("hash content whatever the order of its keys", () => {
    const [entry] = chain(1);
    const { hash, ...content } = entry!;
    const reordered = {
      ...content,
      details: { params: { service: "firestore", project: "p" }, status: 200 },
    };
    expect(entryHash(reordered)).toBe(hash);
  });

  it("verify intact chains, also from the middle", () => {
    const entries = chain(4);
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 4, lastHash: entries[3]!.hash });
    expect(verifyChain(entries.slice(2), { seq: 2, hash: entries[1]!.hash })).toMatchObject({
      ok: true,
    });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, lastHash: GENESIS });
  });

  it("find a removed entry, a relinked entry and an edited one", () => {
    const entries = chain(4);
    expect(verifyChain([entries[0]!, entries[2]!, entries[3]!])).toEqual({
      ok: false,
      seq: 2,
      problem: "entry 2 is missing (found 3)",
    });
    const relinked = { ...entries[2]!, prevHash: entries[0]!.hash };
    expect(verifyChain([entries[0]!, entries[1]!, relinked])).toMatchObject({ ok: false, seq: 3 });
    const edited = { ...entries[1]!, actor: "service-key:x" };
    expect(verifyChain([entries[0]!, edited])).toEqual({
      ok: false,
      seq: 2,
      problem: "its content does not match its hash",
    });
  });
});
