import { useTestDatabase } from "@winky/testing";
import { drizzle } from "drizzle-orm/node-postgres";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestAuthCore } from "../auth/core/testing/index.js";
import { buildApp } from "../app.js";
import { migrateRuntime } from "../db/migrate.js";

const ADMIN = "operator-key-".padEnd(40, "x");
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("the admin API", () => {
  const database = useTestDatabase("runtime_admin");
  let pool: pg.Pool;
  let app: FastifyInstance;

  beforeAll(async () => {
    expect((await migrateRuntime(database.url)).applied).toBeGreaterThanOrEqual(2);
    expect((await migrateRuntime(database.url)).applied).toBe(0);
    pool = new pg.Pool({ connectionString: database.url });
    app = buildApp({
      pool,
      db: drizzle({ client: pool }),
      adminKey: ADMIN,
      auth: createTestAuthCore().core,
      logLevel: "silent",
    });
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  const createProject = async (id: string) => {
    const res = await app.inject({
      method: "POST",
      url: "/v1/admin/projects",
      headers: bearer(ADMIN),
      payload: { id },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as {
      project: { id: string };
      serviceKey: { id: string; key: string; prefix: string };
    };
  };

  it("creates a project with a first service key, shown once", async () => {
    const created = await createProject("notes-app");
    expect(created.project).toMatchObject({
      id: "notes-app",
      displayName: "notes-app",
      config: { strictIndexes: false },
    });
    expect(created.serviceKey.key).toMatch(/^wk_sk_notes-app_[A-Za-z0-9_-]{43}$/);
    expect(created.serviceKey.key.startsWith(created.serviceKey.prefix)).toBe(true);
    const { rows } = await pool.query("select key_hash from runtime.service_keys");
    expect(JSON.stringify(rows)).not.toContain(created.serviceKey.key);
  });

  describe("with bad input", () => {
    it("rejects a bad project id, naming the field, and writes nothing", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/v1/admin/projects",
        headers: bearer(ADMIN),
        payload: { id: "Bad_Id" },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "invalid-argument" });
      expect(res.json().error.message).toContain("id: must be 3-63 characters");
      const { rows } = await pool.query(
        "select count(*)::int as n from runtime.projects where id = 'Bad_Id'",
      );
      expect(rows[0].n).toBe(0);
    });

    it("rejects unknown fields and malformed JSON", async () => {
      const unknown = await app.inject({
        method: "POST",
        url: "/v1/admin/projects",
        headers: bearer(ADMIN),
        payload: { id: "abc", owner: "x" },
      });
      expect(unknown.json().error.message).toContain("unknown field(s) owner");
      const malformed = await app.inject({
        method: "POST",
        url: "/v1/admin/projects",
        headers: { ...bearer(ADMIN), "content-type": "application/json" },
        payload: "{nope",
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error).toEqual({
        code: "invalid-argument",
        message: "the request body is not valid JSON",
      });
    });

    it("refuses a duplicate project", async () => {
      await createProject("dupe-app");
      const again = await app.inject({
        method: "POST",
        url: "/v1/admin/projects",
        headers: bearer(ADMIN),
        payload: { id: "dupe-app" },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("already-exists");
    });
  });

  describe("authentication", () => {
    it("needs a key, and does not say why a key is refused", async () => {
      const none = await app.inject({ method: "GET", url: "/v1/admin/projects" });
      expect(none.statusCode).toBe(401);
      const forged = await app.inject({
        method: "GET",
        url: "/v1/admin/projects",
        headers: bearer(`wk_sk_notes-app_${"A".repeat(43)}`),
      });
      const garbage = await app.inject({
        method: "GET",
        url: "/v1/admin/projects",
        headers: bearer("hunter2"),
      });
      expect(forged.json()).toEqual(garbage.json());
      expect(forged.json().error).toEqual({
        code: "unauthenticated",
        message: "the key is not valid",
      });
    });

    it("lets a service key manage only its own project", async () => {
      const a = await createProject("project-a");
      await createProject("project-b");
      const own = await app.inject({
        method: "GET",
        url: "/v1/admin/projects/project-a",
        headers: bearer(a.serviceKey.key),
      });
      expect(own.statusCode).toBe(200);
      const other = await app.inject({
        method: "GET",
        url: "/v1/projects/project-b/admin/keys",
        headers: bearer(a.serviceKey.key),
      });
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe("permission-denied");
      const list = await app.inject({
        method: "GET",
        url: "/v1/admin/projects",
        headers: bearer(a.serviceKey.key),
      });
      expect(list.statusCode).toBe(403);
    });

    it("stops accepting a revoked key", async () => {
      const p = await createProject("revoking");
      const extra = await app.inject({
        method: "POST",
        url: "/v1/projects/revoking/admin/keys",
        headers: bearer(p.serviceKey.key),
        payload: { name: "ci" },
      });
      expect(extra.statusCode).toBe(201);
      const second = extra.json().serviceKey as { id: string; key: string };
      const revoke = await app.inject({
        method: "DELETE",
        url: `/v1/projects/revoking/admin/keys/${second.id}`,
        headers: bearer(p.serviceKey.key),
      });
      expect(revoke.statusCode).toBe(204);
      const after = await app.inject({
        method: "GET",
        url: "/v1/projects/revoking/admin/keys",
        headers: bearer(second.key),
      });
      expect(after.statusCode).toBe(401);
      const keys = await app.inject({
        method: "GET",
        url: "/v1/projects/revoking/admin/keys",
        headers: bearer(p.serviceKey.key),
      });
      expect(keys.json().keys.map((k: { name: string }) => k.name)).toEqual(["default"]);
    });
  });

  describe("settings and rules", () => {
    it("patches the config, rejecting unknown settings", async () => {
      const p = await createProject("configured");
      const ok = await app.inject({
        method: "PATCH",
        url: "/v1/projects/configured/admin/config",
        headers: bearer(p.serviceKey.key),
        payload: { strictIndexes: true, auth: { anonymous: { enabled: true } } },
      });
      expect(ok.json().project.config).toEqual({
        strictIndexes: true,
        auth: { emailPassword: { enabled: true }, anonymous: { enabled: true } },
      });
      const bad = await app.inject({
        method: "PATCH",
        url: "/v1/projects/configured/admin/config",
        headers: bearer(p.serviceKey.key),
        payload: { auth: { anonymous: { enabled: "yes" } } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain("auth.anonymous.enabled");
    });

    it("deploys checked rules and refuses rules with errors, deploying nothing", async () => {
      const p = await createProject("ruled");
      const put = (body: string) =>
        app.inject({
          method: "PUT",
          url: "/v1/projects/ruled/admin/rules/firestore",
          headers: { ...bearer(p.serviceKey.key), "content-type": "text/plain" },
          payload: body,
        });
      const good =
        "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {\n    match /notes/{id} { allow read: if request.auth != null; }\n  }\n}\n";
      expect((await put(good)).json()).toEqual({
        service: "firestore",
        deployed: true,
        warnings: [],
      });
      const broken = await put(
        "service cloud.firestore {\n  match /a/{id} { allow read: if nope(); }\n}\n",
      );
      expect(broken.statusCode).toBe(400);
      expect(broken.json().error.details.diagnostics[0]).toMatchObject({
        code: "undefined-function",
        line: 2,
      });
      const syntax = await put("service cloud.firestore {");
      expect(syntax.json().error).toMatchObject({
        code: "invalid-argument",
        details: { file: "firestore.rules", line: 1, column: 26 },
      });
      const wrongService = await put("service firebase.storage { match /b/{bucket}/o { } }");
      expect(wrongService.json().error.message).toContain("expected 'cloud.firestore'");
      const stored = await app.inject({
        method: "GET",
        url: "/v1/projects/ruled/admin/rules/firestore",
        headers: bearer(p.serviceKey.key),
      });
      expect(stored.json().source).toBe(good);
    });
  });

  it("deleting a project removes its keys with it", async () => {
    const p = await createProject("short-lived");
    const del = await app.inject({
      method: "DELETE",
      url: "/v1/admin/projects/short-lived",
      headers: bearer(ADMIN),
    });
    expect(del.statusCode).toBe(204);
    const { rows } = await pool.query(
      "select count(*)::int as n from runtime.service_keys where project_id = 'short-lived'",
    );
    expect(rows[0].n).toBe(0);
    const gone = await app.inject({
      method: "GET",
      url: "/v1/admin/projects/short-lived",
      headers: bearer(p.serviceKey.key),
    });
    expect(gone.statusCode).toBe(401);
    const missing = await app.inject({
      method: "DELETE",
      url: "/v1/admin/projects/short-lived",
      headers: bearer(ADMIN),
    });
    expect(missing.json().error.code).toBe("not-found");
  });

  it("answers unknown routes with a not-found error in the runtime's shape", async () => {
    const res = await app.inject({ method: "GET", url: "/v1/nowhere" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: "not-found", message: "no route for GET /v1/nowhere" },
    });
  });
});
