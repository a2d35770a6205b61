import { describe, expect, it } from "vitest";
import { DeployFunction, type FunctionTrigger } from "../function-config.js";
import { nextRunAfter } from "../schedules/cron.js";
import { matchTrigger, SCHEDULE_EVENT, shortKindOf } from "./match-trigger.js";

const onPosts = (event: "create" | "update" | "delete" | "write"): FunctionTrigger => ({
  kind: "document",
  event,
  path: "users/{uid}/posts/{postId}",
});

describe("document triggers", () => {
  it("match a path segment by segment, giving the wildcards' values", () => {
    expect(matchTrigger(onPosts("create"), "document.created", "users/ada/posts/p1")).toEqual({
      uid: "ada",
      postId: "p1",
    });
    expect(matchTrigger(onPosts("create"), "document.created", "users/ada/notes/p1")).toBeNull();
    expect(matchTrigger(onPosts("create"), "document.created", "users/ada")).toBeNull();
    expect(
      matchTrigger(onPosts("create"), "document.created", "users/ada/posts/p1/likes/l1"),
    ).toBeNull();
  });

  it("match their event kind, and every kind for write", () => {
    const path = "users/ada/posts/p1";
    expect(matchTrigger(onPosts("update"), "document.created", path)).toBeNull();
    expect(matchTrigger(onPosts("update"), "document.updated", path)).not.toBeNull();
    expect(matchTrigger(onPosts("delete"), "document.deleted", path)).not.toBeNull();
    for (const kind of ["document.created", "document.updated", "document.deleted"]) {
      expect(matchTrigger(onPosts("write"), kind, path)).not.toBeNull();
    }
    expect(matchTrigger(onPosts("write"), "auth.user.created", path)).toBeNull();
    expect(matchTrigger({ kind: "callable" }, "document.created", path)).toBeNull();
    expect(matchTrigger({ kind: "http" }, "document.created", path)).toBeNull();
  });
});

describe("auth, storage and schedule triggers", () => {
  it("match users created or deleted", () => {
    const onCreate: FunctionTrigger = { kind: "auth", event: "create" };
    expect(matchTrigger(onCreate, "auth.user.created", "u1")).toEqual({});
    expect(matchTrigger(onCreate, "auth.user.deleted", "u1")).toBeNull();
    expect(matchTrigger({ kind: "auth", event: "delete" }, "auth.user.deleted", "u1")).toEqual({});
  });

  it("match objects by event and name prefix", () => {
    const photos: FunctionTrigger = { kind: "storage", event: "finalize", prefix: "photos/" };
    expect(matchTrigger(photos, "storage.object.finalized", "photos/a.png")).toEqual({});
    expect(matchTrigger(photos, "storage.object.finalized", "docs/a.pdf")).toBeNull();
    expect(matchTrigger(photos, "storage.object.deleted", "photos/a.png")).toBeNull();
    const any: FunctionTrigger = { kind: "storage", event: "delete" };
    expect(matchTrigger(any, "storage.object.deleted", "x")).toEqual({});
  });

  it("match a schedule's ticks for that function only", () => {
    const nightly: FunctionTrigger = { kind: "schedule", schedule: "0 3 * * *", timeZone: "UTC" };
    expect(matchTrigger(nightly, SCHEDULE_EVENT, "cleanup", "cleanup")).toEqual({});
    expect(matchTrigger(nightly, SCHEDULE_EVENT, "other", "cleanup")).toBeNull();
    expect(matchTrigger(nightly, "document.created", "cleanup", "cleanup")).toBeNull();
  });

  it("name kinds shortly for handlers", () => {
    expect(shortKindOf("document.updated")).toBe("update");
    expect(shortKindOf("auth.user.created")).toBe("create");
    expect(shortKindOf("storage.object.finalized")).toBe("finalize");
    expect(shortKindOf(SCHEDULE_EVENT)).toBe("tick");
  });
});

describe("schedules", () => {
  it("read the cron expression in the trigger's time zone", () => {
    const after = new Date("2026-01-15T12:00:00Z");
    const utc = nextRunAfter({ schedule: "0 9 * * *", timeZone: "UTC" }, after);
    expect(utc.toISOString()).toBe("2026-01-16T09:00:00.000Z");
    // 9:00 in Paris is 8:00 UTC in winter and 7:00 UTC in summer.
    const paris = { schedule: "0 9 * * *", timeZone: "Europe/Paris" };
    expect(nextRunAfter(paris, after).toISOString()).toBe("2026-01-16T08:00:00.000Z");
    expect(nextRunAfter(paris, new Date("2026-07-15T12:00:00Z")).toISOString()).toBe(
      "2026-07-16T07:00:00.000Z",
    );
  });

  it("take seconds as an optional first field", () => {
    const after = new Date("2026-01-15T12:00:00.500Z");
    const everySecond = { schedule: "* * * * * *", timeZone: "UTC" };
    expect(nextRunAfter(everySecond, after).toISOString()).toBe("2026-01-15T12:00:01.000Z");
  });
});

describe("deploy bodies", () => {
  const parse = (trigger: unknown) => DeployFunction.safeParse({ source: "x", trigger });

  it("take defaults for memory, timeout, secrets and the schedule's time zone", () => {
    const body = DeployFunction.parse({ source: "x", trigger: { kind: "callable" } });
    expect(body).toMatchObject({ memoryMb: 256, timeoutMs: 60_000, secrets: [] });
    const scheduled = parse({ kind: "schedule", schedule: "*/5 * * * *" });
    expect(scheduled.data?.trigger).toEqual({
      kind: "schedule",
      schedule: "*/5 * * * *",
      timeZone: "UTC",
    });
  });

  it("refuse a path naming a collection, or with a bad wildcard", () => {
    for (const path of ["orders", "orders/{id}/items", "orders/{i d}", "/orders/x"]) {
      expect(parse({ kind: "document", event: "create", path }).success, path).toBe(false);
    }
  });

  it("refuse a bad cron expression or time zone, naming the field", () => {
    const issues = (trigger: unknown) =>
      parse(trigger).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ kind: "schedule", schedule: "61 * * * *" })).toEqual([
      expect.stringMatching(/^trigger\.schedule: .*61/),
    ]);
    expect(issues({ kind: "schedule", schedule: "0 * * * *", timeZone: "Mars/Base" })).toEqual([
      "trigger.timeZone: unknown time zone",
    ]);
    expect(issues({ kind: "storage", event: "upload" })).toEqual([
      expect.stringMatching(/^trigger\.event: /),
    ]);
  });
});
