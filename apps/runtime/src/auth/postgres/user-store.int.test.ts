import { beforeAll, describe, expect, it } from "vitest";
import { emailKey, type AuthUser } from "../core/index.js";
import { PostgresUserStore } from "./user-store.js";
import { createProject, useAuthDatabase } from "./testing.js";

const T0 = new Date("2030-01-01T00:00:00.000Z");

function user(projectId: string, uid: string, email: string | null): AuthUser {
  return {
    projectId,
    uid,
    email,
    emailVerified: false,
    passwordHash: null,
    anonymous: false,
    disabled: false,
    customClaims: {},
    createdAt: T0,
    lastSignInAt: null,
  };
}

describe("PostgresUserStore", () => {
  const db = useAuthDatabase("auth_users");
  let store: PostgresUserStore;
  beforeAll(async () => {
    store = new PostgresUserStore(db.pool());
    for (const id of ["alpha", "beta", "gamma", "delta"]) await createProject(db.pool(), id);
  });

  describe("email uniqueness", () => {
    it("is case-insensitive within a project", async () => {
      expect(await store.create(user("alpha", "u1", "Ann@example.com"))).toBe(true);
      expect(await store.create(user("alpha", "u2", "aNN@EXAMPLE.COM"))).toBe(false);
      expect(await store.get("alpha", "u2")).toBeNull();
    });

    it("lets the same address have an account in each of two projects", async () => {
      expect(await store.create(user("beta", "u1", "ann@example.com"))).toBe(true);
      expect(await store.create(user("gamma", "u1", "ann@example.com"))).toBe(true);
      expect((await store.findByEmail("gamma", "ANN@example.com"))?.projectId).toBe("gamma");
    });

    it("folds non-ASCII letters as the core's emailKey does, whatever the database locale", async () => {
      const upper = "ÉLODIE.ÄRGER@example.com";
      expect(emailKey(upper)).toBe("élodie.ärger@example.com");
      expect(await store.create(user("delta", "e1", upper))).toBe(true);
      expect(await store.create(user("delta", "e2", "élodie.ärger@example.com"))).toBe(false);
      expect((await store.findByEmail("delta", "Élodie.ärger@example.com"))?.uid).toBe("e1");
    });

    it("lets exactly one of ten concurrent sign-ups with one address in", async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.create(user("beta", `race-${i}`, `Race${i % 2 ? "R" : "r"}@example.com`)),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("refuses to move a user to a taken address, without naming the address", async () => {
      await store.create(user("gamma", "u2", "bob@example.com"));
      const error = await store.update("gamma", "u2", { email: "ANN@example.com" }).catch((e) => e);
      expect(error).toBeInstanceOf(Error);
      expect(String(error.message)).toContain("another user of project gamma has this email");
      expect(String(error.message)).not.toMatch(/ann@/i);
      expect((await store.get("gamma", "u2"))?.email).toBe("bob@example.com");
    });
  });

  it("throws on a duplicate uid instead of answering as for a taken email", async () => {
    await store.create(user("alpha", "dup", null));
    await expect(store.create(user("alpha", "dup", "other@example.com"))).rejects.toMatchObject({
      code: "23505",
      constraint: "users_project_id_uid_pk",
    });
  });

  it("refuses a user of a project that does not exist", async () => {
    await expect(store.create(user("no-such-project", "u1", null))).rejects.toMatchObject({
      code: "23503",
    });
  });

  it("keeps every field through a round trip, including null email and nested claims", async () => {
    const full: AuthUser = {
      ...user("alpha", "full", null),
      anonymous: true,
      passwordHash: "scrypt$32768$8$1$salt$hash",
      customClaims: { role: "admin", nested: { list: [1, "two", null], flag: false } },
      lastSignInAt: new Date("2030-01-02T03:04:05.678Z"),
    };
    await store.create(full);
    expect(await store.get("alpha", "full")).toEqual(full);
    const patched = await store.update("alpha", "full", { email: "full@example.com" });
    expect(await store.update("alpha", "full", {})).toEqual(patched);
    expect(await store.update("alpha", "full", { email: null })).toMatchObject({ email: null });
  });

  it("pages by uid in byte order, not the column's collation", async () => {
    // Give uid a natural-language collation (as a database created with en_US would): pages
    // must still follow byte order, as the memory store's do.
    await db
      .pool()
      .query(`alter table runtime.users alter column uid type text collate "en-US-x-icu"`);
    for (const uid of ["b", "B", "a", "_", "Z"]) await createUser("delta", `order-${uid}`);
    const page = await store.list("delta", { limit: 10, after: "order-" });
    expect(page.map((u) => u.uid)).toEqual(["order-B", "order-Z", "order-_", "order-a", "order-b"]);
    const rest = await store.list("delta", { limit: 2, after: "order-Z" });
    expect(rest.map((u) => u.uid)).toEqual(["order-_", "order-a"]);
  });

  const createUser = (projectId: string, uid: string) => store.create(user(projectId, uid, null));

  describe("events", () => {
    it("appends a user's creation and deletion to the event log, with no secret in them", async () => {
      await createProject(db.pool(), "epsilon");
      const events = async () =>
        (
          await db
            .pool()
            .query<{ kind: string; subject: string; data: { user: Record<string, unknown> } }>(
              "select kind, subject, data from runtime.events where project_id = 'epsilon' order by id",
            )
        ).rows;
      const ann = { ...user("epsilon", "ev1", "ev@example.com"), passwordHash: "scrypt$secret" };
      expect(await store.create(ann)).toBe(true);
      expect(await store.create(user("epsilon", "ev2", "EV@example.com"))).toBe(false); // taken
      expect(await store.delete("epsilon", "ev1")).toBe(true);
      expect(await store.delete("epsilon", "ev1")).toBe(false);
      const log = await events();
      expect(log.map((e) => [e.kind, e.subject])).toEqual([
        ["auth.user.created", "ev1"],
        ["auth.user.deleted", "ev1"],
      ]);
      expect(log[0]!.data.user).toEqual({
        uid: "ev1",
        email: "ev@example.com",
        emailVerified: false,
        anonymous: false,
        createdAt: "2030-01-01T00:00:00.000Z",
      });
      expect(JSON.stringify(log)).not.toContain("scrypt");
    });
  });
});
