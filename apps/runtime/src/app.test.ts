import { describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { createTestAuthCore } from "./auth/core/testing/index.js";
import { loadRuntimeConfig } from "./env.js";

// /healthz touches only the pool; the admin routes' store is never reached here.
const deps = {
  db: {} as never,
  adminKey: "k".repeat(32),
  auth: createTestAuthCore().core,
  logLevel: "silent",
};

describe("runtime /healthz", () => {
  it("answers 200 when the database answers", async () => {
    const app = buildApp({ ...deps, pool: { query: async () => ({}) } as never });
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", service: "runtime" });
  });

  it("answers 503 without leaking the cause when the database does not", async () => {
    const failing = async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2");
    };
    const app = buildApp({ ...deps, pool: { query: failing } as never });
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain("hunter2");
  });
});

describe("runtime configuration", () => {
  it("requires DATABASE_URL and an admin key, and names them", () => {
    expect(() => loadRuntimeConfig({})).toThrow(
      /DATABASE_URL: is required[\s\S]*WINKY_ADMIN_KEY: is required/,
    );
  });

  it("rejects a short admin key", () => {
    const env = { DATABASE_URL: "postgres://u@127.0.0.1/db", WINKY_ADMIN_KEY: "short" };
    expect(() => loadRuntimeConfig(env)).toThrow(/WINKY_ADMIN_KEY: must be at least 32 characters/);
  });

  it("rejects a port out of range, naming PORT", () => {
    const env = {
      DATABASE_URL: "postgres://u@127.0.0.1/db",
      PORT: "99999",
      WINKY_ADMIN_KEY: "k".repeat(32),
    };
    expect(() => loadRuntimeConfig(env)).toThrow(/PORT/);
  });
});
