import type pg from "pg";
import { describe, expect, it } from "vitest";
import type { RunControl } from "./queue/run-control.js";
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

describe("orchestrator with the API mounted", () => {
  // Neither is reached: the calls below carry no token, and /healthz is not the API's.
  const api = { pool: {} as pg.Pool, runs: {} as RunControl };

  it("still answers /healthz", async () => {
    const app = buildApp({ pingDatabase: up, pingRedis: up, logLevel: "silent", api });
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    await app.close();
  });

  it("answers an API call without credentials 401, saying they are missing", async () => {
    const app = buildApp({ pingDatabase: up, pingRedis: up, logLevel: "silent", api });
    const res = await app.inject({ method: "GET", url: "/trpc/runs.list" });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      error: {
        message: expect.stringMatching(/^missing credentials/),
        data: { code: "UNAUTHORIZED" },
      },
    });
    await app.close();
  });
});

describe("orchestrator configuration", () => {
  it("rejects a REDIS_URL that is not a redis:// URL, naming it", () => {
    const env = { DATABASE_URL: "postgres://u@127.0.0.1/db", REDIS_URL: "http://127.0.0.1:6379" };
    expect(() => loadOrchestratorConfig(env)).toThrow(/REDIS_URL: must be a redis:\/\/ URL/);
  });
});
