import { describe, expect, it } from "vitest";
import { change, describeSyncAdapter, int } from "../testing/index.js";
import { MemoryAdapter } from "./memory-adapter.js";

describe("MemoryAdapter", () => {
  describeSyncAdapter(
    () => Promise.resolve(new MemoryAdapter()),
    (adapter) => Promise.resolve((adapter as MemoryAdapter).documents),
  );

  it("fails when told to, writing nothing of the failed batch", async () => {
    const adapter = new MemoryAdapter();
    adapter.failNext(1);
    await expect(adapter.apply([change("create", "a/b", int(1))])).rejects.toMatchObject({
      retryable: true,
    });
    expect(adapter.documents.size).toBe(0);
    await adapter.apply([change("create", "a/b", int(1))]);
    expect(adapter.documents.get("a/b")).toEqual(int(1));
    expect(adapter.batches).toHaveLength(2);
    expect(adapter.applied).toHaveLength(1);
  });
});
