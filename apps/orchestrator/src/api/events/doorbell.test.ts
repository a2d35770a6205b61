import { describe, expect, it } from "vitest";
import { Doorbell } from "./doorbell.js";

describe("the doorbell", () => {
  it("remembers a ring that came while nobody waited", async () => {
    const bell = new Doorbell();
    bell.ring();
    let woke = false;
    await bell.wait(60_000).then(() => (woke = true));
    expect(woke).toBe(true);
  });

  it("wakes a waiter at the ring, and forgets the ring once heard", async () => {
    const bell = new Doorbell();
    const waiting = bell.wait(60_000);
    bell.ring();
    await waiting;
    let woke = false;
    const second = bell.wait(60_000).then(() => (woke = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(woke).toBe(false);
    bell.ring();
    await second;
    expect(woke).toBe(true);
  });

  it("wakes a waiter whose signal aborts", async () => {
    const bell = new Doorbell();
    const abort = new AbortController();
    const waiting = bell.wait(60_000, abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBeUndefined();
  });

  it("rejects the waiter once it failed", async () => {
    const bell = new Doorbell();
    const waiting = bell.wait(60_000);
    bell.fail(new Error("connection lost"));
    await expect(waiting).rejects.toThrow("connection lost");
    await expect(bell.wait(60_000)).rejects.toThrow("connection lost");
  });
});
