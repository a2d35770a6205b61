import { useTestDatabase } from "@winky/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../testing/index.js";

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /profiles/{uid} {
      allow read, write: if request.auth != null && request.auth.uid == uid;
    }
    match /admin-only/{id} {
      allow write: if request.auth.token.role == 'admin';
    }
  }
}`;

describe("end-user auth against the documents API", () => {
  const database = useTestDatabase("runtime_auth_flow");
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let key: string;

  const post = (path: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: `/v1/projects/auth-app${path}`,
      payload: payload as object,
      headers,
    });
  const writeProfile = (uid: string, idToken?: string) =>
    post(
      "/documents:commit",
      { writes: [{ update: { name: `profiles/${uid}`, fields: { name: { stringValue: uid } } } }] },
      idToken ? { authorization: `Bearer ${idToken}` } : {},
    );
  const signUp = async (email: string, password: string) => {
    const res = await post("/auth/signUp", { email, password });
    expect(res.json()).toEqual({ status: "confirmation-sent" });
    const confirmed = await post("/auth/confirmSignUp", {
      token: runtime.auth.stores.outbox.lastToken(email),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return confirmed.json() as { uid: string; idToken: string; refreshToken: string };
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    app = runtime.app;
    key = await runtime.createProject("auth-app");
    await app.inject({
      method: "PUT",
      url: "/v1/projects/auth-app/admin/rules/firestore",
      headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
      payload: RULES,
    });
  });
  afterAll(() => runtime.close());

  it("signs up by mailed link, then the rules see the user's uid", async () => {
    const ada = await signUp("ada@example.com", "correct horse battery");
    const mine = await writeProfile(ada.uid, ada.idToken);
    expect(mine.statusCode, mine.body).toBe(200);
    const other = await writeProfile("someone-else", ada.idToken);
    expect(other.json().error.code).toBe("permission-denied");
    expect((await writeProfile(ada.uid)).json().error.code).toBe("permission-denied");
  });

  it("signs in, refreshes with rotation, and refuses a reused refresh token", async () => {
    await signUp("bob@example.com", "another good password");
    const session = (
      await post("/auth/signIn", { email: "bob@example.com", password: "another good password" })
    ).json();
    const next = await post("/auth/token", { refreshToken: session.refreshToken });
    expect(next.statusCode).toBe(200);
    const reused = await post("/auth/token", { refreshToken: session.refreshToken });
    expect(reused.statusCode).toBe(401);
    const afterReuse = await post("/auth/token", { refreshToken: next.json().refreshToken });
    expect(afterReuse.statusCode).toBe(401); // the whole family was revoked
  });

  it("shows queued auth mails in the dev mailbox, to the project's admins only", async () => {
    await post("/auth/signUp", {
      email: "mailbox@example.com",
      password: "a long enough password",
    });
    const res = await app.inject({
      method: "GET",
      url: "/v1/projects/auth-app/admin/mailbox?limit=5",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const newest = res.json().messages[0];
    expect(newest).toMatchObject({ to: "mailbox@example.com", kind: "sign-up" });
    expect(newest.text).toMatch(/oobCode=[A-Za-z0-9_-]+/);
    const anonymous = await app.inject({
      method: "GET",
      url: "/v1/projects/auth-app/admin/mailbox",
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it("answers an unknown email and a wrong password identically", async () => {
    const unknown = await post("/auth/signIn", {
      email: "nobody@example.com",
      password: "whatever password",
    });
    const wrong = await post("/auth/signIn", {
      email: "ada@example.com",
      password: "not the password",
    });
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it("rejects a forged or malformed access token", async () => {
    const forged = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"sub":"ada"}').toString("base64url")}.x`;
    const res = await writeProfile("ada", forged);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthenticated");
  });

  it("publishes the project's public keys, without private parts", async () => {
    const jwks = (
      await app.inject({ method: "GET", url: "/v1/projects/auth-app/auth/jwks" })
    ).json();
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const k of jwks.keys) expect(k.d).toBeUndefined();
  });

  it("refuses anonymous sign-in until the project enables it", async () => {
    const res = await post("/auth/signInAnonymously", {});
    expect(res.json().error.code).toBe("failed-precondition");
  });

  it("names a bad body", async () => {
    const res = await post("/auth/signIn", { email: "a@b.c" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("password");
  });

  describe("user administration", () => {
    const admin = (
      method: "GET" | "PATCH" | "PUT" | "DELETE" | "POST",
      path: string,
      payload?: unknown,
    ) =>
      app.inject({
        method,
        url: `/v1/projects/auth-app/admin${path}`,
        headers: { authorization: `Bearer ${key}` },
        ...(payload ? { payload: payload as object } : {}),
      });

    it("sets custom claims that rules see after the next refresh", async () => {
      const carol = await signUp("carol@example.com", "carol's long password");
      const write = (token: string) =>
        post(
          "/documents:commit",
          { writes: [{ update: { name: "admin-only/x", fields: {} } }] },
          { authorization: `Bearer ${token}` },
        );
      expect((await write(carol.idToken)).statusCode).toBe(403);
      const set = await admin("PUT", `/users/${carol.uid}/claims`, { claims: { role: "admin" } });
      expect(set.json().user.customClaims).toEqual({ role: "admin" });
      const refreshed = (await post("/auth/token", { refreshToken: carol.refreshToken })).json();
      expect((await write(refreshed.idToken)).statusCode).toBe(200);
      const reserved = await admin("PUT", `/users/${carol.uid}/claims`, {
        claims: { sub: "someone" },
      });
      expect(reserved.statusCode).toBe(400);
    });

    it("disables a user, which ends their sessions, and lists and deletes users", async () => {
      const dave = await signUp("dave@example.com", "dave's long password");
      expect(
        (await admin("PATCH", `/users/${dave.uid}`, { disabled: true })).json().user.disabled,
      ).toBe(true);
      expect((await post("/auth/token", { refreshToken: dave.refreshToken })).statusCode).toBe(401);
      const signIn = await post("/auth/signIn", {
        email: "dave@example.com",
        password: "dave's long password",
      });
      expect(signIn.json().error.details.reason).toBe("user-disabled");
      const list = (await admin("GET", "/users?limit=100")).json();
      expect(list.users.map((u: { email: string }) => u.email)).toContain("dave@example.com");
      expect(JSON.stringify(list)).not.toContain("scrypt$");
      expect((await admin("DELETE", `/users/${dave.uid}`)).statusCode).toBe(204);
      expect((await admin("GET", `/users/${dave.uid}`)).json().error.code).toBe("not-found");
    });

    it("rotates signing keys without logging anyone out", async () => {
      const erin = await signUp("erin@example.com", "erin's long password");
      const before = (
        await app.inject({ method: "GET", url: "/v1/projects/auth-app/auth/jwks" })
      ).json().keys.length;
      const rotated = await admin("POST", "/signing-keys:rotate");
      expect(rotated.json().kid).toEqual(expect.any(String));
      const after = (
        await app.inject({ method: "GET", url: "/v1/projects/auth-app/auth/jwks" })
      ).json().keys.length;
      expect(after).toBe(before + 1);
      expect((await writeProfile(erin.uid, erin.idToken)).statusCode).toBe(200);
      runtime.auth.clock.advance(2 * 3600 * 1000);
      expect((await writeProfile(erin.uid, erin.idToken)).json().error.code).toBe(
        "unauthenticated",
      );
    });
  });
});
