import { calculateJwkThumbprint } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { SigningKeys } from "./signing-keys.js";
import { ManualClock } from "./testing/memory-auth.js";
import { MemorySigningKeyStore } from "./testing/memory-stores.js";

const PROJECT = "demo";

describe("signing keys", () => {
  let clock: ManualClock;
  let store: MemorySigningKeyStore;
  let keys: SigningKeys;
  beforeEach(() => {
    clock = new ManualClock();
    store = new MemorySigningKeyStore();
    keys = new SigningKeys({ store, clock });
  });

  const kidsInJwks = async () => (await keys.jwks(PROJECT)).keys.map((k) => k.kid);

  describe("before any token is issued", () => {
    it("has an empty JWKS", async () => {
      expect(await keys.jwks(PROJECT)).toEqual({ keys: [] });
    });

    it("creates one active ES256 key on first use, even for concurrent callers", async () => {
      const [a, b] = await Promise.all([keys.signingKey(PROJECT), keys.signingKey(PROJECT)]);
      expect(a.kid).toBe(b.kid);
      const stored = await store.list(PROJECT);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        status: "active",
        publicJwk: { alg: "ES256", crv: "P-256" },
      });
    });
  });

  it("names each key by its RFC 7638 thumbprint", async () => {
    const { kid } = await keys.signingKey(PROJECT);
    const [record] = await store.list(PROJECT);
    expect(kid).toBe(await calculateJwkThumbprint(record!.publicJwk));
  });

  it("keeps the private key in the store as a JWK and never publishes it", async () => {
    await keys.signingKey(PROJECT);
    const [record] = await store.list(PROJECT);
    expect(record?.privateJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const jwks = await keys.jwks(PROJECT);
    expect(jwks.keys).toHaveLength(1);
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x", "y"]);
      expect(JSON.stringify(key)).not.toContain(record!.privateJwk.d);
    }
  });

  it("keeps projects apart", async () => {
    const a = await keys.signingKey("alpha");
    expect(await keys.verificationKey("beta", a.kid)).toBeNull();
    expect(await keys.jwks("beta")).toEqual({ keys: [] });
  });

  describe("rotation", () => {
    it("publishes old and new keys until the old key's tokens have expired, then only the new", async () => {
      const first = (await keys.signingKey(PROJECT)).kid;
      clock.advanceSeconds(600);
      const second = await keys.rotate(PROJECT);
      expect((await keys.signingKey(PROJECT)).kid).toBe(second);
      expect(await kidsInJwks()).toEqual([first, second]);
      expect(await keys.verificationKey(PROJECT, first)).not.toBeNull();

      // A token signed just before rotation expires 3600 s later and passes for 5 s of skew.
      clock.advance(3604_999);
      expect(await kidsInJwks()).toEqual([first, second]);
      expect(await keys.retireExpired(PROJECT)).toEqual([]);

      clock.advance(1);
      expect(await kidsInJwks()).toEqual([second]);
      expect(await keys.verificationKey(PROJECT, first)).toBeNull();
      expect(await keys.retireExpired(PROJECT)).toEqual([first]);
      expect((await store.list(PROJECT)).map((k) => [k.kid, k.status])).toEqual([
        [first, "retired"],
        [second, "active"],
      ]);
    });

    it("records the retiring key's status and when it stopped signing", async () => {
      const first = (await keys.signingKey(PROJECT)).kid;
      await keys.rotate(PROJECT);
      const record = (await store.list(PROJECT)).find((k) => k.kid === first);
      expect(record).toMatchObject({ status: "retiring", statusChangedAt: clock.now() });
    });

    it("retires keys in order across several rotations", async () => {
      const k1 = (await keys.signingKey(PROJECT)).kid;
      const k2 = await keys.rotate(PROJECT);
      clock.advanceSeconds(1800);
      const k3 = await keys.rotate(PROJECT);
      expect(await kidsInJwks()).toEqual([k1, k2, k3]);
      clock.advanceSeconds(1805);
      expect(await kidsInJwks()).toEqual([k2, k3]);
      clock.advanceSeconds(1800);
      expect(await kidsInJwks()).toEqual([k3]);
    });

    it("follows a shorter configured token lifetime", async () => {
      keys = new SigningKeys({ store, clock, accessTokenTtlSeconds: 300, clockSkewSeconds: 0 });
      const first = (await keys.signingKey(PROJECT)).kid;
      await keys.rotate(PROJECT);
      clock.advanceSeconds(299);
      expect(await kidsInJwks()).toContain(first);
      clock.advanceSeconds(1);
      expect(await kidsInJwks()).not.toContain(first);
    });
  });

  describe("when two keys are active (a rotation stopped halfway, or two instances raced)", () => {
    it("signs with the newest and lets the older retire from the moment the newer appeared", async () => {
      const older = (await keys.signingKey(PROJECT)).kid;
      clock.advanceSeconds(10);
      const otherStore = new MemorySigningKeyStore();
      await new SigningKeys({ store: otherStore, clock }).signingKey(PROJECT);
      const [foreign] = await otherStore.list(PROJECT);
      await store.add(foreign!);
      expect((await keys.signingKey(PROJECT)).kid).toBe(foreign!.kid);
      expect(await kidsInJwks()).toEqual([older, foreign!.kid]);
      clock.advanceSeconds(3605);
      expect(await kidsInJwks()).toEqual([foreign!.kid]);
    });
  });
});
