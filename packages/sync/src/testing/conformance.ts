import { describe, expect, it } from "vitest";
import type { DocumentChange, SyncAdapter, WireFields } from "../sync-adapter.js";

/** The target's documents as path → fields, however the adapter stores them. */
export type Inspect = (adapter: SyncAdapter) => Promise<Map<string, WireFields>>;

let clock = Date.parse("2026-01-01T00:00:00Z");
/** A change with a fresh event id and a later time than the previous one. */
export function change(
  kind: DocumentChange["kind"],
  path: string,
  fields?: WireFields,
): DocumentChange {
  clock += 1;
  return {
    eventId: `ev-${clock}`,
    time: new Date(clock).toISOString(),
    path,
    kind,
    ...(kind === "delete" ? {} : { fields: fields ?? {} }),
  };
}

export const int = (n: number): WireFields => ({ n: { integerValue: String(n) } });

/** Every value kind except references (which an adapter may re-point at its target). */
const EVERY_KIND: WireFields = {
  nil: { nullValue: null },
  yes: { booleanValue: true },
  big: { integerValue: "9007199254740993" },
  half: { doubleValue: 0.5 },
  nan: { doubleValue: "NaN" },
  at: { timestampValue: "2026-01-02T03:04:05.123456Z" },
  text: { stringValue: "héllo" },
  raw: { bytesValue: "AAEC" },
  where: { geoPointValue: { latitude: 48.85, longitude: 2.35 } },
  list: { arrayValue: { values: [{ integerValue: "1" }, { arrayValue: {} }] } },
  nested: { mapValue: { fields: { deep: { mapValue: { fields: { x: { stringValue: "y" } } } } } } },
  empty: { mapValue: {} },
};

/**
 * What every adapter must do for the mirror to be right: apply a batch in order, converge when
 * a batch or a suffix of batches is applied again (the mirror's at-least-once delivery),
 * accept deletes of documents it never saw, and take batches larger than its own limits.
 * `makeAdapter` answers an adapter over an empty target; `inspect` reads that target.
 */
export function describeSyncAdapter(
  makeAdapter: () => Promise<SyncAdapter>,
  inspect: Inspect,
): void {
  const run = async (...batches: DocumentChange[][]) => {
    const adapter = await makeAdapter();
    for (const batch of batches) await adapter.apply(batch);
    const state = await inspect(adapter);
    await adapter.close?.();
    return Object.fromEntries([...state].sort(([a], [b]) => a.localeCompare(b)));
  };

  describe("the SyncAdapter contract", () => {
    it("applies a batch in order, the same document many times", async () => {
      const state = await run([
        change("create", "notes/a", int(1)),
        change("update", "notes/a", int(2)),
        change("create", "notes/b", int(1)),
        change("delete", "notes/a"),
        change("create", "notes/a", int(3)),
        change("delete", "notes/b"),
      ]);
      expect(state).toEqual({ "notes/a": int(3) });
    });

    it("keeps order across batches, and an empty batch changes nothing", async () => {
      const state = await run(
        [change("create", "notes/a", int(1))],
        [],
        [change("update", "notes/a", int(2)), change("create", "notes/a/sub/c", int(9))],
      );
      expect(state).toEqual({ "notes/a": int(2), "notes/a/sub/c": int(9) });
    });

    it("converges when the same batch is applied again (a replay of the same event ids)", async () => {
      const batch = [
        change("create", "notes/a", int(1)),
        change("update", "notes/a", int(2)),
        change("delete", "notes/b"),
        change("create", "notes/c", int(1)),
        change("delete", "notes/c"),
      ];
      expect(await run(batch, batch)).toEqual(await run(batch));
    });

    it("converges when a suffix is delivered again after a crash", async () => {
      const all = Array.from({ length: 12 }, (_, i) =>
        i % 4 === 3
          ? change("delete", `notes/${i % 3}`)
          : change("update", `notes/${i % 3}`, int(i)),
      );
      const once = await run(all);
      expect(await run(all.slice(0, 8), all.slice(5))).toEqual(once);
      expect(await run(all, all.slice(3))).toEqual(once);
    });

    it("deletes documents, including ones it never saw", async () => {
      const state = await run([change("delete", "never/was")], [change("create", "x/y", int(1))]);
      expect(state).toEqual({ "x/y": int(1) });
    });

    it("takes batches beyond 500 changes, in order", async () => {
      const batch = Array.from({ length: 1203 }, (_, i) => change("create", `bulk/d${i}`, int(i)));
      batch.push(change("update", "bulk/d0", int(-1)), change("delete", "bulk/d1202"));
      const state = await run(batch);
      expect(Object.keys(state)).toHaveLength(1202);
      expect(state["bulk/d0"]).toEqual(int(-1));
      expect(state["bulk/d1201"]).toEqual(int(1201));
    });

    it("keeps every kind of value as it is", async () => {
      const state = await run([change("create", "kinds/all", EVERY_KIND)]);
      expect(state).toEqual({ "kinds/all": EVERY_KIND });
    });
  });
}
