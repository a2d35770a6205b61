import { beforeAll, describe, expect, it } from "vitest";
import { createAuthCore, isAuthError, normalizeEmail, type AuthCore } from "../core/index.js";
import {
  ManualClock,
  TEST_MAIL_SETTINGS,
  createTestPasswordHasher,
} from "../core/testing/index.js";
import { createPostgresAuthStores, type PostgresAuthStores } from "./auth-stores.js";
import { createProject, newEncryptionKey, useAuthDatabase } from "./testing.js";

const AUTH_TABLES = ["users", "signing_keys", "refresh_tokens", "action_tokens", "mail_outbox"];
const ip = "10.0.0.1";

describe("the auth core over createPostgresAuthStores", () => {
  const db = useAuthDatabase("auth_stores");
  let stores: PostgresAuthStores;
  let core: AuthCore;
  beforeAll(() => {
    const clock = new ManualClock();
    stores = createPostgresAuthStores(db.pool(), { encryptionKey: newEncryptionKey(), clock });
    core = createAuthCore({
      stores,
      clock,
      mail: TEST_MAIL_SETTINGS,
      hasher: createTestPasswordHasher(),
    });
  });

  /** Signs up, opens the mailed link and signs in: every table gets rows for the project. */
  const signUpAndIn = async (projectId: string, email: string) => {
    await core.emailPassword.signUp({ projectId, email, password: "correct horse", ip });
    const [entry] = (await stores.outbox.pending(100)).filter(
      (e) => e.message.to === normalizeEmail(email),
    );
    const token = /[?&]oobCode=([A-Za-z0-9_-]+)/.exec(entry?.message.text ?? "")?.[1];
    await stores.outbox.markSent(entry!.id);
    await core.emailPassword.confirmSignUp(projectId, token!);
    return core.emailPassword.signIn({ projectId, email, password: "correct horse", ip });
  };

  const rowsOf = async (projectId: string) => {
    const counts: Record<string, number> = {};
    for (const table of AUTH_TABLES) {
      const { rows } = await db
        .pool()
        .query(`select count(*)::int as n from runtime.${table} where project_id = $1`, [
          projectId,
        ]);
      counts[table] = rows[0].n;
    }
    return counts;
  };

  it("runs sign-up, confirmation, sign-in, refresh and reuse detection", async () => {
    await createProject(db.pool(), "flow");
    const session = await signUpAndIn("flow", "Ann@Example.com");
    expect(await core.accessTokens.verifyAccessToken("flow", session.idToken)).toMatchObject({
      sub: session.uid,
      email: "Ann@example.com",
      email_verified: true,
    });
    const next = await core.sessions.refresh("flow", session.refreshToken);
    expect(next.uid).toBe(session.uid);
    const reused = await core.sessions.refresh("flow", session.refreshToken).catch((e) => e);
    expect(isAuthError(reused) && reused.code).toBe("refresh-token-reused");
    await expect(core.sessions.refresh("flow", next.refreshToken)).rejects.toMatchObject({
      code: "invalid-refresh-token",
    });
  });

  it("deletes a project's users, keys, tokens and mails with the project, and no other's", async () => {
    for (const id of ["doomed", "kept"]) {
      await createProject(db.pool(), id);
      await signUpAndIn(id, `bob@${id}.example.com`);
      await core.recovery.requestPasswordReset(id, `bob@${id}.example.com`, ip);
    }
    const before = await rowsOf("doomed");
    for (const table of AUTH_TABLES) expect(before[table], table).toBeGreaterThan(0);
    await db.pool().query("delete from runtime.projects where id = 'doomed'");
    expect(Object.values(await rowsOf("doomed"))).toEqual([0, 0, 0, 0, 0]);
    expect(await rowsOf("kept")).toEqual(before);
  });
});
