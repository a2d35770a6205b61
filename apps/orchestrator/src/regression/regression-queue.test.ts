import { describe, expect, it } from "vitest";
import {
  appJobIdOf,
  RegressionPayload,
  schedulerIdOf,
  toConnectionOptions,
} from "./regression-queue.js";

const TEAM = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const APP = "0b7c5c4e-8f1a-4d3e-9a51-0c1d2e3f4a5b";

describe("RegressionPayload", () => {
  it("takes a team, and optionally one of its apps", () => {
    expect(RegressionPayload.parse({ teamId: TEAM })).toEqual({ teamId: TEAM });
    expect(RegressionPayload.parse({ teamId: TEAM, appId: APP })).toEqual({
      teamId: TEAM,
      appId: APP,
    });
  });

  it.each([
    [{}, ["teamId"]],
    [{ teamId: "team-1" }, ["teamId"]],
    [{ teamId: TEAM, appId: 42 }, ["appId"]],
    [{ teamId: TEAM, webhook: "http://x" }, []],
  ])("refuses %j, naming the field", (data, path) => {
    const result = RegressionPayload.safeParse(data);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });
});

describe("the queue's names", () => {
  it("gives a team one scheduler and an app one job id, neither with BullMQ's ':'", () => {
    expect(schedulerIdOf(TEAM)).toBe(`team-${TEAM}`);
    expect(appJobIdOf(APP)).toBe(`app-${APP}`);
    expect(`${schedulerIdOf(TEAM)}${appJobIdOf(APP)}`).not.toContain(":");
  });
});

describe("toConnectionOptions", () => {
  it("takes a URL or options, and lets blocking workers wait for a reconnect", () => {
    expect(toConnectionOptions("redis://127.0.0.1:6379/2")).toEqual({
      url: "redis://127.0.0.1:6379/2",
      maxRetriesPerRequest: null,
    });
    expect(toConnectionOptions({ host: "redis", port: 6380 })).toEqual({
      host: "redis",
      port: 6380,
      maxRetriesPerRequest: null,
    });
  });
});
