import { beforeEach, describe, expect, it } from "vitest";
import type { AuthCore } from "./auth-core.js";
import { isAuthError } from "./errors.js";
import { createTestAuthCore, type MemoryAuthStores } from "./testing/memory-auth.js";
import type { AuthUser } from "./users.js";

const P = "demo";

describe("user admin", () => {
  let core: AuthCore;
  let stores: MemoryAuthStores;
  const user = (uid: string): AuthUser => ({
    projectId: P,
    uid,
    email: `${uid}@example.com`,
    emailVerified: true,
    passwordHash: "scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g",
    anonymous: false,
    disabled: false,
    customClaims: {},
    createdAt: new Date("2030-01-01T00:00:00.000Z"),
    lastSignInAt: null,
  });
  beforeEach(async () => {
    ({ core, stores } = createTestAuthCore());
    for (const uid of ["c", "a", "b"]) await stores.users.create(user(uid));
  });

  const refreshCode = async (token: string) => {
    try {
      await core.sessions.refresh(P, token);
      return "ok";
    } catch (e) {
      if (isAuthError(e)) return e.code;
      throw e;
    }
  };

  it("lists users by uid in pages, never showing password hashes", async () => {
    const first = await core.admin.list(P, { limit: 2 });
    expect(first.users.map((u) => u.uid)).toEqual(["a", "b"]);
    expect(first.nextPageToken).toBe("b");
    const second = await core.admin.list(P, { limit: 2, pageToken: first.nextPageToken });
    expect(second).toEqual({ users: [expect.objectContaining({ uid: "c" })] });
    expect(JSON.stringify(first)).not.toContain("scrypt");
    expect(first.users[0]).toMatchObject({ hasPassword: true });
    expect(first.users[0]).not.toHaveProperty("passwordHash");
  });

  it("gets one user, or null", async () => {
    expect(await core.admin.get(P, "a")).toMatchObject({ uid: "a", email: "a@example.com" });
    expect(await core.admin.get(P, "zzz")).toBeNull();
    expect(await core.admin.get("other", "a")).toBeNull();
  });

  it("disabling signs the user out everywhere; enabling does not sign them back in", async () => {
    const session = await core.sessions.start(user("a"), "password");
    expect(await core.admin.setDisabled(P, "a", true)).toMatchObject({ disabled: true });
    await core.admin.setDisabled(P, "a", false);
    expect(await refreshCode(session.refreshToken)).toBe("invalid-refresh-token");
    expect(await core.admin.setDisabled(P, "zzz", true)).toBeNull();
  });

  it("deleting removes the user and their sessions", async () => {
    const session = await core.sessions.start(user("b"), "password");
    expect(await core.admin.delete(P, "b")).toBe(true);
    expect(await core.admin.delete(P, "b")).toBe(false);
    expect(await refreshCode(session.refreshToken)).toBe("invalid-refresh-token");
  });

  it("sets valid custom claims and rejects reserved ones without storing anything", async () => {
    expect(await core.admin.setCustomClaims(P, "a", { role: "admin" })).toMatchObject({
      customClaims: { role: "admin" },
    });
    await expect(core.admin.setCustomClaims(P, "a", { firebase: {} })).rejects.toMatchObject({
      code: "invalid-claims",
    });
    expect((await stores.users.get(P, "a"))?.customClaims).toEqual({ role: "admin" });
  });
});
