import { describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { loadRuntimeConfig } from "./env.js";

describe("runtime /healthz", () => {
  it("answers 200 when the database answers", async () => {
    const app = buildApp({ pool: { query: async () => ({}) as never }, logLevel: "silent" });
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", service: "runtime" });
  });

  it("answers 503 without leaking the cause when the database does not", async () => {
    const failing = async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2");
    };
    const app = buildApp({ pool: { query: failing }, logLevel: "silent" });
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain("hunter2");
  });
});

describe("runtime configuration", () => {
  it("requires DATABASE_URL and names it", () => {
    expect(() => loadRuntimeConfig({})).toThrow(/DATABASE_URL/);
  });

  it("rejects a port out of range, naming PORT", () => {
    const env = { DATABASE_URL: "postgres://u@127.0.0.1/db", PORT: "99999" };
    expect(() => loadRuntimeConfig(env)).toThrow(/PORT/);
  });
});
