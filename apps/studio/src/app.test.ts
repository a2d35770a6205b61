import { describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { loadStudioConfig } from "./env.js";

describe("studio", () => {
  const app = buildApp({
    runtimeUrl: "http://127.0.0.1:4000",
    orchestratorUrl: "http://127.0.0.1:4100",
    probe: async (url) => url.startsWith("http://127.0.0.1:4000"),
    logLevel: "silent",
  });

  it("answers /healthz", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
  });

  it("shows which services answer on its status page", async () => {
    const res = await app.inject({ method: "GET", url: "/" });
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toMatch(/Runtime <code>http:\/\/127.0.0.1:4000<\/code>: up/);
    expect(res.body).toMatch(/Orchestrator <code>http:\/\/127.0.0.1:4100<\/code>: down/);
  });

  it("rejects a RUNTIME_URL that is not http(s)", () => {
    expect(() => loadStudioConfig({ RUNTIME_URL: "ftp://x" })).toThrow(/RUNTIME_URL/);
  });
});
