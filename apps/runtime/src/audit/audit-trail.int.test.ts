import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "../testing/index.js";
import { verifyChain, type AuditEntry } from "./audit-chain.js";

const RULES =
  "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {}\n}\n";

describe("the audit trail", () => {
  const database = useTestDatabase("runtime_audit");
  let runtime: TestRuntime;
  let key: string;

  const call = (
    method: "GET" | "PUT" | "PATCH" | "POST",
    url: string,
    as: string,
    payload?: unknown,
    text = false,
  ) =>
    runtime.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${as}`, ...(text ? { "content-type": "text/plain" } : {}) },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  const entries = async (url = "/v1/projects/audit-app/admin/audit", as = key) =>
    ((await call("GET", url, as)).json() as { entries: AuditEntry[] }).entries;

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    key = await runtime.createProject("audit-app");
  });
  afterAll(() => runtime.close());

  it("records every admin change with who, what and on what, in a valid chain", async () => {
    expect(
      (await call("PUT", "/v1/projects/audit-app/admin/rules/firestore", key, RULES, true))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await call("PATCH", "/v1/projects/audit-app/admin/config", TEST_ADMIN_KEY, {
          strictIndexes: true,
        })
      ).statusCode,
    ).toBe(200);
    // Reads and refused changes are not actions.
    await call("GET", "/v1/projects/audit-app/admin/config", key);
    expect(
      (await call("PATCH", "/v1/projects/audit-app/admin/config", key, { nope: 1 })).statusCode,
    ).toBe(400);

    const trail = await entries();
    expect(trail.map((e) => [e.seq, e.actor.split(":")[0], e.action])).toEqual([
      [1, "operator", "POST /v1/admin/projects"],
      [2, "service-key", "PUT /v1/projects/:project/admin/rules/:service"],
      [3, "operator", "PATCH /v1/projects/:project/admin/config"],
    ]);
    expect(trail[1]!.details).toEqual({
      params: { project: "audit-app", service: "firestore" },
      status: 200,
    });
    expect(verifyChain(trail)).toMatchObject({ ok: true, entries: 3 });
    // Bodies are never kept: the rules source is not in the trail.
    expect(JSON.stringify(trail)).not.toContain("rules_version");
  });

  it("refuses to change or remove an entry, and a forged edit breaks the chain", async () => {
    await expect(
      runtime.pool.query(
        "update runtime.audit_entries set actor = 'nobody' where project_id = 'audit-app'",
      ),
    ).rejects.toThrow(/append-only/);
    await expect(runtime.pool.query("delete from runtime.audit_entries")).rejects.toThrow(
      /append-only/,
    );
    // Someone with the owner's rights drops the trigger and edits: verification says where.
    await runtime.pool.query(
      "alter table runtime.audit_entries disable trigger audit_entries_append_only",
    );
    await runtime.pool.query(
      "update runtime.audit_entries set actor = 'operator' where project_id = 'audit-app' and seq = 2",
    );
    await runtime.pool.query(
      "alter table runtime.audit_entries enable trigger audit_entries_append_only",
    );
    expect(verifyChain(await entries())).toEqual({
      ok: false,
      seq: 2,
      problem: "its content does not match its hash",
    });
  });

  it("shows a chain to its project's admins only, and the operator's own chain to the operator", async () => {
    const other = await runtime.createProject("audit-other");
    expect((await call("GET", "/v1/projects/audit-app/admin/audit", other)).statusCode).toBe(403);
    expect((await call("GET", "/v1/admin/audit", key)).statusCode).toBe(403);
    expect((await call("GET", "/v1/projects/audit-app/admin/audit?limit=0", key)).statusCode).toBe(
      400,
    );
    expect(await entries("/v1/admin/audit", TEST_ADMIN_KEY)).toEqual([]);
    const page = await entries("/v1/projects/audit-other/admin/audit?afterSeq=0&limit=1", other);
    expect(page.map((e) => e.action)).toEqual(["POST /v1/admin/projects"]);
  });
});
