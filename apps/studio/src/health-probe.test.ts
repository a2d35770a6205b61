import { describe, expect, it } from "vitest";
import { probeService, type ProbeFetch } from "./health-probe.js";

describe("the health probe", () => {
  it("asks the service's /healthz and reports it up on a 2xx", async () => {
    const asked: string[] = [];
    const fetchImpl: ProbeFetch = async (url) => {
      asked.push(url);
      return new Response("{}", { status: 200 });
    };
    expect(await probeService("http://127.0.0.1:4100/", fetchImpl)).toEqual({ state: "up" });
    expect(asked).toEqual(["http://127.0.0.1:4100/healthz"]);
  });

  it("reports an error status as down, with the status", async () => {
    const fetchImpl: ProbeFetch = async () => new Response("", { status: 503 });
    expect(await probeService("http://x", fetchImpl)).toEqual({
      state: "down",
      reason: "answered HTTP 503",
    });
  });

  it("reports a refused connection in words", async () => {
    const fetchImpl: ProbeFetch = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
      });
    };
    expect(await probeService("http://x", fetchImpl)).toEqual({
      state: "down",
      reason: "connection refused",
    });
  });

  it("gives up after the timeout and says so", async () => {
    const fetchImpl: ProbeFetch = (_url, { signal }) =>
      new Promise((_resolve, reject) =>
        signal.addEventListener("abort", () => reject(signal.reason)),
      );
    expect(await probeService("http://x", fetchImpl, 20)).toEqual({
      state: "down",
      reason: "no answer within 0.02 s",
    });
  });
});
