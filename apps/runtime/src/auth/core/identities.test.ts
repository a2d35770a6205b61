import { beforeEach, describe, expect, it } from "vitest";
import { isAuthError } from "./errors.js";
import { IdentityAccounts } from "./identities.js";
import { MemoryIdentityStore } from "./testing/memory-oidc-stores.js";
import { MemoryUserStore } from "./testing/memory-user-store.js";
import type { AuthUser } from "./users.js";

const P = "demo";
const verified = (subject: string, email: string) => ({ subject, email, emailVerified: true });

describe("the accounts behind provider identities", () => {
  let users: MemoryUserStore;
  let identities: MemoryIdentityStore;
  let accounts: IdentityAccounts;
  beforeEach(() => {
    users = new MemoryUserStore();
    identities = new MemoryIdentityStore();
    accounts = new IdentityAccounts({ users, identities });
  });
  const existing = async (uid: string, email: string | null, emailVerified = true) => {
    const user: AuthUser = {
      projectId: P,
      uid,
      email,
      emailVerified,
      passwordHash: null,
      anonymous: email === null,
      disabled: false,
      customClaims: {},
      createdAt: new Date(0),
      lastSignInAt: null,
    };
    await users.create(user);
    return user;
  };
  const code = async (run: Promise<unknown>) => {
    try {
      await run;
      return "ok";
    } catch (e) {
      if (isAuthError(e)) return `${e.code}: ${e.message}`;
      throw e;
    }
  };

  describe("on sign-in", () => {
    it("creates one account per identity, with the verified email, and finds it again", async () => {
      const first = await accounts.signIn(P, "google", verified("g1", "ann@example.com"));
      expect(first).toMatchObject({
        email: "ann@example.com",
        emailVerified: true,
        anonymous: false,
      });
      expect((await accounts.signIn(P, "google", verified("g1", "ann@example.com"))).uid).toBe(
        first.uid,
      );
      expect(await identities.listForUser(P, first.uid)).toMatchObject([{ subject: "g1" }]);
    });

    it("never puts an unverified email on an account, nor looks it up", async () => {
      await existing("u1", "ann@example.com");
      const user = await accounts.signIn(P, "okta", {
        subject: "o1",
        email: "ann@example.com",
        emailVerified: false,
      });
      expect(user.uid).not.toBe("u1");
      expect(user.email).toBeNull();
      expect(await identities.get(P, "okta", "o1")).toMatchObject({
        email: "ann@example.com",
        emailVerified: false,
      });
    });

    it("links to the account with the same verified email", async () => {
      await existing("u1", "Ann@example.com");
      expect((await accounts.signIn(P, "google", verified("g1", "ann@EXAMPLE.com"))).uid).toBe(
        "u1",
      );
    });

    it("refuses when that account's email is not verified", async () => {
      await existing("u1", "ann@example.com", false);
      expect(await code(accounts.signIn(P, "google", verified("g1", "ann@example.com")))).toMatch(
        /^account-exists-unverified/,
      );
      expect(identities.all()).toEqual([]);
    });

    it("refuses a second identity of one provider for the account with that email", async () => {
      await existing("u1", "ann@example.com");
      await accounts.signIn(P, "google", verified("g1", "ann@example.com"));
      expect(await code(accounts.signIn(P, "google", verified("g2", "ann@example.com")))).toBe(
        "provider-already-linked: the account with this email already has another 'google' identity",
      );
    });

    it("makes one account when two first sign-ins of an identity race", async () => {
      const [a, b] = await Promise.all([
        accounts.signIn(P, "google", verified("g1", "ann@example.com")),
        accounts.signIn(P, "google", verified("g1", "ann@example.com")),
      ]);
      expect(a.uid).toBe(b.uid);
      expect(await users.list(P, { limit: 10 })).toHaveLength(1);
    });
  });

  describe("on linking", () => {
    it("upgrades an anonymous account, giving it the verified email when it is free", async () => {
      await existing("anon", null);
      const user = await accounts.link(P, "anon", "google", verified("g1", "ann@example.com"));
      expect(user).toMatchObject({
        uid: "anon",
        anonymous: false,
        email: "ann@example.com",
        emailVerified: true,
      });
    });

    it("leaves the email off when another account has it", async () => {
      await existing("u1", "ann@example.com");
      await existing("anon", null);
      const user = await accounts.link(P, "anon", "google", verified("g1", "ann@example.com"));
      expect(user).toMatchObject({ uid: "anon", anonymous: false, email: null });
    });

    it("is a no-op for an identity the user has, and refuses another's or a second of a provider", async () => {
      await existing("a", null);
      await existing("b", null);
      await accounts.link(P, "a", "google", verified("g1", "x@example.com"));
      expect(await code(accounts.link(P, "a", "google", verified("g1", "x@example.com")))).toBe(
        "ok",
      );
      expect(await code(accounts.link(P, "b", "google", verified("g1", "x@example.com")))).toBe(
        "identity-already-linked: this 'google' identity is already linked to another account",
      );
      expect(await code(accounts.link(P, "a", "google", verified("g2", "y@example.com")))).toBe(
        "provider-already-linked: this account already has a 'google' identity",
      );
      expect(
        await code(accounts.link(P, "gone", "google", verified("g3", "z@example.com"))),
      ).toMatch(/^invalid-token/);
    });
  });
});
