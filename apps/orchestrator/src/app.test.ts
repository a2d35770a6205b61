import { describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { loadOrchestratorConfig } from "./env.js";

const up = async () => "ok";
const down = async () => {
  throw new Error("ECONNREFUSED");
};

describe("orchestrator /healthz", () => {
  it("answers 200 when the database and Redis answer", async () => {
    const app = buildApp({ pingDatabase: up, pingRedis: up, logLevel: "silent" });
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", checks: { database: "ok", redis: "ok" } });
  });

  it("answers 503 and names the dependency that is down", async () => {
    const app = buildApp({ pingDatabase: up, pingRedis: down, logLevel: "silent" });
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ checks: { database: "ok", redis: "down" } });
  });
});

describe("orchestrator configuration", () => {
  it("rejects a REDIS_URL that is not a redis:// URL, naming it", () => {
    const env = { DATABASE_URL: "postgres://u@127.0.0.1/db", REDIS_URL: "http://127.0.0.1:6379" };
    expect(() => loadOrchestratorConfig(env)).toThrow(/REDIS_URL: must be a redis:\/\/ URL/);
  });
});
