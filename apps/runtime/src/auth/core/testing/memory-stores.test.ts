// The memory stores pass the same conformance suites the Postgres stores will, plus the few
// behaviours only the memory implementations have.
import { describe, expect, it } from "vitest";
import { buildLinkMail } from "../mail.js";
import { TEST_MAIL_SETTINGS } from "./memory-auth.js";
import {
  MemoryActionTokenStore,
  MemoryOutbox,
  MemoryRefreshTokenStore,
  MemorySigningKeyStore,
} from "./memory-stores.js";
import { MemoryUserStore } from "./memory-user-store.js";
import { describeSigningKeyStore, describeUserStore } from "./store-conformance.js";
import { describeActionTokenStore, describeRefreshTokenStore } from "./token-store-conformance.js";
import {
  MemoryAuthProviderStore,
  MemoryIdentityStore,
  MemoryOidcFlowStore,
} from "./memory-oidc-stores.js";
import {
  describeAuthProviderStore,
  describeIdentityStore,
  describeOidcFlowStore,
} from "./oidc-store-conformance.js";

describeUserStore("MemoryUserStore", () => new MemoryUserStore());
describeSigningKeyStore("MemorySigningKeyStore", () => new MemorySigningKeyStore());
describeRefreshTokenStore("MemoryRefreshTokenStore", () => new MemoryRefreshTokenStore());
describeActionTokenStore("MemoryActionTokenStore", () => new MemoryActionTokenStore());
describeAuthProviderStore("MemoryAuthProviderStore", () => new MemoryAuthProviderStore());
describeIdentityStore("MemoryIdentityStore", () => new MemoryIdentityStore());
describeOidcFlowStore("MemoryOidcFlowStore", () => new MemoryOidcFlowStore());

describe("MemoryUserStore", () => {
  it("hands out copies, as a database would", async () => {
    const store = new MemoryUserStore();
    const user = {
      projectId: "p",
      uid: "u1",
      email: "ann@example.com",
      emailVerified: false,
      passwordHash: null,
      anonymous: false,
      disabled: false,
      customClaims: { role: "admin" },
      createdAt: new Date(0),
      lastSignInAt: null,
    };
    await store.create(user);
    user.customClaims.role = "changed";
    const read = await store.get("p", "u1");
    read!.disabled = true;
    expect(await store.get("p", "u1")).toMatchObject({
      disabled: false,
      customClaims: { role: "admin" },
    });
  });

  it("refuses to move a user onto another user's email", async () => {
    const store = new MemoryUserStore();
    const base = { projectId: "p", emailVerified: false, passwordHash: null, anonymous: false };
    const rest = { disabled: false, customClaims: {}, createdAt: new Date(0), lastSignInAt: null };
    await store.create({ ...base, ...rest, uid: "u1", email: "ann@example.com" });
    await store.create({ ...base, ...rest, uid: "u2", email: "bob@example.com" });
    await expect(store.update("p", "u2", { email: "ANN@example.com" })).rejects.toThrow(
      /duplicate/,
    );
  });
});

describe("MemoryOutbox", () => {
  it("finds the newest link token mailed to an address", async () => {
    const outbox = new MemoryOutbox();
    for (const token of ["A".repeat(43), "B".repeat(43)]) {
      const input = { projectId: "p", to: "ann@example.com", token, validForMs: 3_600_000 };
      await outbox.enqueue(buildLinkMail(TEST_MAIL_SETTINGS, "password-reset", input));
    }
    expect(outbox.lastToken("ann@example.com")).toBe("B".repeat(43));
    expect(() => outbox.lastToken("bob@example.com")).toThrow(
      /no link was mailed to bob@example.com/,
    );
  });
});
