import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { IdentityStore, UserIdentity } from "../identities.js";
import type { OidcFlowRecord, OidcFlowStore } from "../oidc/flows.js";
import type { AuthProviderStore, OidcProviderRecord } from "../oidc/provider-config.js";

const T0 = new Date("2030-01-01T00:00:00.000Z");
const LATER = new Date("2030-01-01T00:01:00.000Z");
/** A distinct project per test, so implementations can share one database across tests. */
const newProject = () => `p-${randomUUID().slice(0, 8)}`;
const newHash = () => randomUUID().replaceAll("-", "").padEnd(64, "0");

function provider(projectId: string, providerId: string): OidcProviderRecord {
  return {
    projectId,
    providerId,
    issuer: "https://issuer.example.com",
    clientId: "client-1",
    clientSecret: "s3cret-value",
    scopes: ["openid", "email"],
    redirectUris: ["https://app.example.com/auth", "com.example.app:/auth"],
    callbackUrl: null,
    enabled: true,
    createdAt: T0,
    updatedAt: T0,
  };
}

/** The behaviour every {@link AuthProviderStore} must have. */
export function describeAuthProviderStore(
  name: string,
  init: () => AuthProviderStore | Promise<AuthProviderStore>,
): void {
  describe(`AuthProviderStore: ${name}`, () => {
    let store: AuthProviderStore;
    let projectId: string;
    beforeEach(async () => {
      store = await init();
      projectId = newProject();
    });

    it("stores a provider with every field, secret included, and lists a project's by id", async () => {
      const okta = provider(projectId, "okta");
      const google = { ...provider(projectId, "google"), callbackUrl: "https://api.example/cb" };
      await store.put(okta);
      await store.put(google);
      await store.put(provider(newProject(), "other"));
      expect(await store.get(projectId, "okta")).toEqual(okta);
      expect(await store.list(projectId)).toEqual([google, okta]);
      expect(await store.get(projectId, "missing")).toBeNull();
    });

    it("replaces a provider on a second put", async () => {
      await store.put(provider(projectId, "okta"));
      const changed = {
        ...provider(projectId, "okta"),
        clientSecret: "rotated",
        enabled: false,
        updatedAt: LATER,
      };
      await store.put(changed);
      expect(await store.list(projectId)).toEqual([changed]);
    });

    it("deletes a provider once", async () => {
      await store.put(provider(projectId, "okta"));
      expect(await store.delete(projectId, "okta")).toBe(true);
      expect(await store.delete(projectId, "okta")).toBe(false);
      expect(await store.get(projectId, "okta")).toBeNull();
    });
  });
}

function identity(projectId: string, overrides: Partial<UserIdentity>): UserIdentity {
  return {
    projectId,
    providerId: "google",
    subject: `sub-${randomUUID()}`,
    uid: "u1",
    email: "Ann@example.com",
    emailVerified: true,
    createdAt: T0,
    lastSignInAt: T0,
    ...overrides,
  };
}

/**
 * The behaviour every {@link IdentityStore} must have. The store may require the user to exist
 * (Postgres has a foreign key): implementations under test create users `u1`, `u2` as needed.
 */
export function describeIdentityStore(
  name: string,
  init: () => IdentityStore | Promise<IdentityStore>,
): void {
  describe(`IdentityStore: ${name}`, () => {
    let store: IdentityStore;
    let projectId: string;
    beforeEach(async () => {
      store = await init();
      projectId = newProject();
    });

    it("creates an identity and finds it by subject and by user", async () => {
      const google = identity(projectId, { providerId: "google" });
      const okta = identity(projectId, { providerId: "okta", email: null, emailVerified: false });
      expect(await store.create(okta)).toBe(true);
      expect(await store.create(google)).toBe(true);
      expect(await store.get(projectId, "google", google.subject)).toEqual(google);
      expect(await store.get(newProject(), "google", google.subject)).toBeNull();
      expect(await store.listForUser(projectId, "u1")).toEqual([google, okta]);
      expect(await store.listForUser(projectId, "u2")).toEqual([]);
    });

    it("refuses a subject already linked in the project, writing nothing", async () => {
      const first = identity(projectId, { uid: "u1" });
      await store.create(first);
      expect(await store.create({ ...first, uid: "u2" })).toBe(false);
      expect(await store.listForUser(projectId, "u2")).toEqual([]);
      const elsewhere = newProject();
      expect(await store.create({ ...first, projectId: elsewhere })).toBe(true);
    });

    it("refuses a second identity of one provider for one user", async () => {
      await store.create(identity(projectId, { uid: "u1" }));
      const second = identity(projectId, { uid: "u1" });
      expect(await store.create(second)).toBe(false);
      expect(await store.get(projectId, "google", second.subject)).toBeNull();
    });

    it("records a sign-in and ignores unknown identities", async () => {
      const google = identity(projectId, {});
      await store.create(google);
      const update = { email: null, emailVerified: false, lastSignInAt: LATER };
      await store.touch(projectId, "google", google.subject, update);
      await store.touch(projectId, "google", "nobody", update);
      expect(await store.get(projectId, "google", google.subject)).toEqual({
        ...google,
        ...update,
      });
    });

    it("deletes every identity of one user, idempotently", async () => {
      await store.create(identity(projectId, { uid: "u1", providerId: "google" }));
      await store.create(identity(projectId, { uid: "u1", providerId: "okta" }));
      const kept = identity(projectId, { uid: "u2" });
      await store.create(kept);
      await store.deleteForUser(projectId, "u1");
      await store.deleteForUser(projectId, "u1");
      expect(await store.listForUser(projectId, "u1")).toEqual([]);
      expect(await store.listForUser(projectId, "u2")).toEqual([kept]);
    });
  });
}

function flow(projectId: string, overrides: Partial<OidcFlowRecord> = {}): OidcFlowRecord {
  return {
    stateHash: newHash(),
    projectId,
    providerId: "google",
    nonce: "n".repeat(43),
    codeVerifier: "v".repeat(43),
    redirectUri: "https://app.example.com/auth",
    callbackUrl: "https://api.example.com/v1/projects/p/auth/oidc/google/callback",
    appChallenge: "c".repeat(43),
    linkUid: null,
    createdAt: T0,
    expiresAt: new Date("2030-01-01T00:10:00.000Z"),
    callbackAt: null,
    resultCodeHash: null,
    resultExpiresAt: null,
    identity: null,
    exchangedAt: null,
    ...overrides,
  };
}

/** The behaviour every {@link OidcFlowStore} must have. */
export function describeOidcFlowStore(
  name: string,
  init: () => OidcFlowStore | Promise<OidcFlowStore>,
): void {
  describe(`OidcFlowStore: ${name}`, () => {
    let store: OidcFlowStore;
    let projectId: string;
    beforeEach(async () => {
      store = await init();
      projectId = newProject();
    });

    it("claims a state once, with every field, even when two callbacks race", async () => {
      const record = flow(projectId, { linkUid: "u1", appChallenge: null });
      await store.insert(record);
      const claims = await Promise.all([
        store.claimState(record.stateHash, LATER),
        store.claimState(record.stateHash, LATER),
      ]);
      expect(claims.filter((c) => c !== null)).toEqual([{ ...record, callbackAt: LATER }]);
      expect(await store.claimState(newHash(), LATER)).toBeNull();
    });

    it("saves the callback's result and lets it be exchanged once", async () => {
      const record = flow(projectId);
      await store.insert(record);
      await store.claimState(record.stateHash, LATER);
      const identity = { subject: "sub-1", email: "ann@example.com", emailVerified: true };
      const result = { resultCodeHash: newHash(), resultExpiresAt: LATER, identity };
      await store.saveResult(record.stateHash, result);
      const exchanges = await Promise.all([
        store.claimResult(result.resultCodeHash, LATER),
        store.claimResult(result.resultCodeHash, LATER),
      ]);
      expect(exchanges.filter((e) => e !== null)).toEqual([
        { ...record, ...result, callbackAt: LATER, exchangedAt: LATER },
      ]);
      expect(await store.claimResult(newHash(), LATER)).toBeNull();
    });
  });
}
