import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { installErrorHandler } from "../errors/error-handler.js";
import { RuntimeError, type ErrorCode } from "../errors/runtime-error.js";
import { installCors } from "./cors.js";

const APP_ORIGIN = "http://localhost:5173";

/** The runtime's edge (error handler, CORS) with routes that fail each way a route can. */
function edge() {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  installCors(app);
  app.get("/ok", async () => ({ ok: true }));
  app.post("/echo", async (request) => ({ got: request.body }));
  app.get<{ Params: { code: ErrorCode } }>("/fail/:code", async (request) => {
    throw new RuntimeError(request.params.code, `failed with ${request.params.code}`);
  });
  app.get("/crash", async () => {
    throw new Error("connect ECONNREFUSED 10.0.0.5:5432");
  });
  return app;
}

const preflight = (url: string, headers: Record<string, string> = {}) => ({
  method: "OPTIONS" as const,
  url,
  headers: {
    origin: APP_ORIGIN,
    "access-control-request-method": "POST",
    "access-control-request-headers": "authorization,content-type",
    ...headers,
  },
});

describe("CORS", () => {
  describe("a preflight", () => {
    it("is answered 204 with the methods, headers and max age the SDK needs, and no credentials", async () => {
      const res = await edge().inject(preflight("/echo"));
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe("");
      expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
      expect(res.headers.vary).toBe("Origin");
      expect(res.headers["access-control-allow-methods"]).toBe("GET, POST, PUT, PATCH, DELETE");
      expect(res.headers["access-control-allow-headers"]).toBe(
        "authorization, content-type, accept, x-upload-content-length, x-upload-content-type, content-range, range",
      );
      expect(res.headers["access-control-expose-headers"]).toBe("range, location");
      expect(res.headers["access-control-max-age"]).toBe("7200");
      expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    });

    it("is answered for a path no route serves, and for a route that would refuse the caller", async () => {
      const app = edge();
      for (const url of ["/nowhere", "/fail/unauthenticated", "/crash"]) {
        const res = await app.inject(preflight(url, { "access-control-request-method": "GET" }));
        expect({ url, status: res.statusCode }).toEqual({ url, status: 204 });
        expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
      }
    });

    it("leaves a plain OPTIONS request (no Access-Control-Request-Method) to the routes", async () => {
      const res = await edge().inject({
        method: "OPTIONS",
        url: "/ok",
        headers: { origin: APP_ORIGIN },
      });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "not-found" } });
      expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    });
  });

  describe("an actual request", () => {
    it("names the request's origin as allowed, varying on Origin, without credentials", async () => {
      const res = await edge().inject({
        method: "GET",
        url: "/ok",
        headers: { origin: APP_ORIGIN },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
      expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
      expect(res.headers.vary).toBe("Origin");
      expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    });

    it("allows a sandboxed page's `null` origin like any other", async () => {
      const res = await edge().inject({ method: "GET", url: "/ok", headers: { origin: "null" } });
      expect(res.headers["access-control-allow-origin"]).toBe("null");
    });

    it("answers `*` when the request names no origin (not a cross-origin request)", async () => {
      const res = await edge().inject({ method: "GET", url: "/ok" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["access-control-allow-origin"]).toBe("*");
    });
  });

  // A browser hides the body of a cross-origin answer without Allow-Origin: the app would see
  // a network failure instead of the runtime's error code.
  describe("an error answer", () => {
    it.each([
      ["unauthenticated", 401],
      ["permission-denied", 403],
      ["not-found", 404],
      ["resource-exhausted", 429],
      ["internal", 500],
      ["unavailable", 503],
    ] as const)("carries the CORS headers for %s (%i)", async (code, status) => {
      const res = await edge().inject({
        method: "GET",
        url: `/fail/${code}`,
        headers: { origin: APP_ORIGIN },
      });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ error: { code } });
      expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
      expect(res.headers.vary).toBe("Origin");
    });

    it("carries them for an unexpected exception (500, nothing leaked)", async () => {
      const res = await edge().inject({
        method: "GET",
        url: "/crash",
        headers: { origin: APP_ORIGIN },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: "internal", message: "internal error" } });
      expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    });

    it("carries them for a path no route serves (404)", async () => {
      const res = await edge().inject({
        method: "GET",
        url: "/nowhere",
        headers: { origin: APP_ORIGIN },
      });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "not-found" } });
      expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    });

    it("carries them for a body Fastify refuses before any route runs (bad JSON)", async () => {
      const res = await edge().inject({
        method: "POST",
        url: "/echo",
        headers: { origin: APP_ORIGIN, "content-type": "application/json" },
        payload: "{not json",
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: "invalid-argument" } });
      expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    });
  });
});
