import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "./admin-client.js";
import { AdminApiError } from "./admin-error.js";
import type { ImportUser } from "./user-transfer.js";

/** The admin client's user import and export, against a real runtime and PostgreSQL. */
describe("the admin client's user import and export", () => {
  const database = useTestDatabase("admin_client_users");
  let runtime: TestRuntime;
  let url: string;
  let admin: AdminClient;

  beforeAll(async () => {
    // Users in PostgreSQL, where the import writes, so sign-in sees the imported ones.
    runtime = await createTestRuntime(database.url, { usersInPostgres: true });
    url = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    admin = new AdminClient(url, TEST_ADMIN_KEY);
    await runtime.createProject("old");
    await runtime.createProject("new");
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const signIn = (project: string, email: string, password: string) =>
    fetch(`${url}/v1/projects/${project}/auth/signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });

  it("imports users, exports every page of them, and imports the export elsewhere", async () => {
    // 1001 users: the export needs two pages of 1000.
    const users: ImportUser[] = Array.from({ length: 1001 }, (_, i) => ({
      uid: `u${String(i).padStart(4, "0")}`,
      ...(i === 0 ? { email: "ada@example.com" } : {}),
    }));
    const batches = [users.slice(0, 1000), users.slice(1000)];
    for (const batch of batches) {
      expect(await admin.importUsers("old", { users: batch })).toEqual({
        imported: batch.length,
      });
    }
    // A password set by sign-up, so the export carries a real stored hash.
    const post = (path: string, body: object) =>
      fetch(`${url}/v1/projects/old/auth/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await post("signUp", { email: "bo@example.com", password: "a long enough password" });
    const token = runtime.auth.stores.outbox.lastToken("bo@example.com");
    expect((await post("confirmSignUp", { token })).ok).toBe(true);

    const exported = await admin.exportUsers("old");
    expect(exported).toHaveLength(1002);
    expect(exported.map((u) => u.uid)).toEqual(exported.map((u) => u.uid).sort());
    const ada = exported.find((u) => u.uid === "u0000");
    expect(ada).toMatchObject({ email: "ada@example.com", passwordHash: null, providers: [] });
    const bo = exported.find((u) => u.email === "bo@example.com")!;
    expect(bo.passwordHash).toMatch(/^scrypt\$/);

    const copy = exported.filter((u) => u.email !== null);
    expect(
      await admin.importUsers("new", { hashConfig: { algorithm: "WINKY" }, users: copy }),
    ).toEqual({ imported: 2 });
    expect((await signIn("new", "bo@example.com", "a long enough password")).status).toBe(200);
  });

  it("refuses a batch with a taken email as a whole, naming the user", async () => {
    const error = await admin
      .importUsers("new", {
        users: [
          { uid: "fresh", email: "fresh@example.com" },
          { uid: "x", email: "BO@example.com" },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({ status: 409, code: "already-exists" });
    expect((error as Error).message).toMatch(/users\[1\]\.email: 'BO@example.com'/);
    expect((await admin.exportUsers("new")).map((u) => u.uid)).not.toContain("fresh");
  });

  it("exports for the operator key only", async () => {
    const serviceKey = await runtime.createProject("other");
    const service = new AdminClient(url, serviceKey);
    await expect(service.exportUsers("other")).rejects.toMatchObject({
      status: 403,
      code: "permission-denied",
    });
    expect(await service.importUsers("other", { users: [{ uid: "a" }] })).toEqual({ imported: 1 });
  });
});
