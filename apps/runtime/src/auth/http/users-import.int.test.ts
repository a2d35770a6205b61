import { randomBytes } from "node:crypto";
import { useTestDatabase } from "@winky/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_KEY, createTestRuntime, type TestRuntime } from "../../testing/index.js";
import { firebaseScryptHash } from "../core/firebase-scrypt.js";

// A Firebase project's hash parameters, with a cheap memCost: the README's test vector
// (firebase-scrypt.test.ts) proves the algorithm, so hashes made here stand for Firebase's.
const CONFIG = { signerKey: randomBytes(64), saltSeparator: Buffer.from("Bw==", "base64") };
const HASH_CONFIG = {
  algorithm: "SCRYPT",
  signerKey: CONFIG.signerKey.toString("base64"),
  saltSeparator: "Bw==",
  rounds: 8,
  memCost: 10,
};

async function firebaseUser(uid: string, email: string, password: string) {
  const salt = randomBytes(12);
  const hash = await firebaseScryptHash(password, { ...CONFIG, rounds: 8, memCost: 10 }, salt);
  return {
    uid,
    email,
    emailVerified: true,
    passwordHash: hash.toString("base64"),
    salt: salt.toString("base64"),
  };
}

interface Exported {
  uid: string;
  email: string | null;
  passwordHash: string | null;
  customClaims: Record<string, unknown>;
  createdAt: string;
  providers: { providerId: string; subject: string; email: string | null }[];
}

describe("importing users from Firebase", () => {
  const database = useTestDatabase("runtime_users_import");
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let key: string;

  const operator = { authorization: `Bearer ${TEST_ADMIN_KEY}` };
  const importUsers = (body: unknown, project = "legacy", auth = `Bearer ${key}`) =>
    app.inject({
      method: "POST",
      url: `/v1/projects/${project}/admin/users:import`,
      headers: { authorization: auth },
      payload: body as object,
    });
  const exportPage = async (query = "", project = "legacy") => {
    const res = await app.inject({
      method: "GET",
      url: `/v1/projects/${project}/admin/users:export${query}`,
      headers: operator,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { users: Exported[]; nextPageToken?: string };
  };
  const uids = async () => (await exportPage()).users.map((u) => u.uid);
  const signIn = (email: string, password: string, project = "legacy") =>
    app.inject({
      method: "POST",
      url: `/v1/projects/${project}/auth/signIn`,
      payload: { email, password },
    });

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url, { usersInPostgres: true });
    app = runtime.app;
    key = await runtime.createProject("legacy");
    const res = await importUsers({
      hashConfig: HASH_CONFIG,
      users: [
        await firebaseUser("fb-ann", "Ann@Legacy.io", "ann's old password"),
        {
          ...(await firebaseUser("fb-bob", "bob@legacy.io", "bob's old password")),
          customClaims: { roles: ["admin"] },
          createdAt: "2024-01-02T03:04:05.000Z",
        },
        {
          uid: "fb-gail",
          email: "gail@gmail.com",
          emailVerified: true,
          providers: [{ providerId: "google", subject: "g-1", email: "gail@gmail.com" }],
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3 });
  });
  afterAll(() => runtime.close());

  it("signs in with the old password, rehashing it to our scrypt", async () => {
    expect((await exportPage()).users.map((u) => u.passwordHash?.split("$")[0] ?? null)).toEqual([
      "firebase-scrypt",
      "firebase-scrypt",
      null,
    ]);
    const res = await signIn("ann@legacy.io", "ann's old password");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ uid: "fb-ann", idToken: expect.any(String) });
    const ann = (await exportPage()).users.find((u) => u.uid === "fb-ann")!;
    expect(ann.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect((await signIn("ann@legacy.io", "ann's old password")).statusCode).toBe(200);
  });

  it("refuses a wrong password", async () => {
    const res = await signIn("bob@legacy.io", "not bob's password");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthenticated");
  });

  it("keeps claims, dates, and providers as identities", async () => {
    const { users } = await exportPage();
    expect(users.find((u) => u.uid === "fb-bob")).toMatchObject({
      customClaims: { roles: ["admin"] },
      createdAt: "2024-01-02T03:04:05.000Z",
    });
    expect(users.find((u) => u.uid === "fb-gail")!.providers).toEqual([
      { providerId: "google", subject: "g-1", email: "gail@gmail.com" },
    ]);
    const { rows } = await runtime.pool.query(
      `select uid from runtime.user_identities where project_id = 'legacy' and subject = 'g-1'`,
    );
    expect(rows).toEqual([{ uid: "fb-gail" }]);
  });

  it("writes nothing when one user collides, and names it", async () => {
    const before = await uids();
    const batch = (collider: object) => ({
      users: [{ uid: "new-1", email: "new1@legacy.io" }, collider],
    });
    const email = await importUsers(batch({ uid: "new-2", email: "BOB@legacy.io" }));
    expect(email.statusCode).toBe(409);
    expect(email.json().error).toMatchObject({
      code: "already-exists",
      message: expect.stringMatching(/^users\[1\]\.email: 'BOB@legacy.io' already has an account/),
      details: { index: 1, field: "email" },
    });
    const uid = await importUsers(batch({ uid: "fb-ann" }));
    expect(uid.json().error.message).toMatch(/^users\[1\]\.uid: uid 'fb-ann' already exists/);
    const google = { uid: "new-2", providers: [{ providerId: "google", subject: "g-1" }] };
    const identity = await importUsers(batch(google));
    expect(identity.json().error.message).toMatch(/^users\[1\]\.providers\[0\]: this 'google'/);
    const twice = await importUsers(batch({ uid: "new-1" }));
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain("users[1].uid: uid 'new-1' is also users[0]'s");
    expect(await uids()).toEqual(before);
    const { rows } = await runtime.pool.query(
      `select count(*)::int as n from runtime.events where subject like 'new-%'`,
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it("names a bad field by its path", async () => {
    const users = [0, 1, 2, 3].map((i) => ({ uid: `bad-${i}`, email: `b${i}@legacy.io` }));
    users[3]!.email = "not an email";
    const res = await importUsers({ users });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: "invalid-argument",
      message: expect.stringContaining("users[3].email: "),
    });
  });

  it("pages the export by uid, for the operator key only", async () => {
    const first = await exportPage("?limit=2&pageToken=");
    expect(first.users.map((u) => u.uid)).toEqual(["fb-ann", "fb-bob"]);
    const second = await exportPage(`?limit=2&pageToken=${first.nextPageToken!}`);
    expect(second).toEqual({ users: [expect.objectContaining({ uid: "fb-gail" })] });
    const asService = await app.inject({
      method: "GET",
      url: "/v1/projects/legacy/admin/users:export",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(asService.statusCode).toBe(403);
  });

  it("round-trips: the export imports into another project, where passwords still work", async () => {
    await runtime.createProject("copy");
    const { users } = await exportPage();
    const res = await importUsers(
      { hashConfig: { algorithm: "WINKY" }, users },
      "copy",
      operator.authorization,
    );
    expect(res.json()).toEqual({ imported: 3 });
    expect((await signIn("ann@legacy.io", "ann's old password", "copy")).statusCode).toBe(200);
    expect((await signIn("bob@legacy.io", "bob's old password", "copy")).statusCode).toBe(200);
    expect((await exportPage("", "copy")).users.map((u) => u.providers)).toEqual([
      [],
      [],
      [{ providerId: "google", subject: "g-1", email: "gail@gmail.com" }],
    ]);
  });

  it("is audited, without the body", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/v1/projects/legacy/admin/audit",
      headers: operator,
    });
    const entries = (res.json() as { entries: { action: string; details: unknown }[] }).entries;
    const imports = entries.filter((e) => e.action.includes("users::import"));
    expect(imports.length).toBeGreaterThan(0);
    expect(JSON.stringify(imports)).not.toContain("passwordHash");
  });
});
