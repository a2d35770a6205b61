import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthCore, s256, type AuthCore } from "../core/index.js";
import {
  ManualClock,
  TEST_MAIL_SETTINGS,
  createTestPasswordHasher,
} from "../core/testing/index.js";
import {
  startTestOidcProvider,
  type TestOidcProvider,
} from "../http/testing/oidc-test-provider.js";
import { createPostgresAuthStores } from "./auth-stores.js";
import { createProject, newEncryptionKey, useAuthDatabase } from "./testing.js";

const P = "oidc-pg";
const CALLBACK = "http://127.0.0.1:9/v1/projects/oidc-pg/auth/oidc/acme/callback";
const APP = "https://app.example.test/done";
const SECRET = "pg-client-secret-0123456789";
const VERIFIER = "v".repeat(43);

describe("OpenID Connect sign-in over the Postgres stores", () => {
  const db = useAuthDatabase("auth_oidc");
  let idp: TestOidcProvider;
  let core: AuthCore;
  const count = async (table: string) =>
    (
      await db
        .pool()
        .query(`select count(*)::int as n from runtime.${table} where project_id = $1`, [P])
    ).rows[0].n as number;

  beforeAll(async () => {
    idp = await startTestOidcProvider({
      clients: [{ clientId: "pg-client", clientSecret: SECRET, redirectUris: [CALLBACK] }],
      accounts: { nina: { email: "nina@example.com", emailVerified: true } },
    });
    const clock = new ManualClock();
    const stores = createPostgresAuthStores(db.pool(), {
      encryptionKey: newEncryptionKey(),
      clock,
    });
    core = createAuthCore({
      stores,
      clock,
      mail: TEST_MAIL_SETTINGS,
      hasher: createTestPasswordHasher(),
      oidc: { allowLoopbackHttpIssuer: true, idpClock: clock.wallClockAdvanced() },
    });
    await createProject(db.pool(), P);
    await core.providers.put(P, "acme", {
      issuer: idp.issuer,
      clientId: "pg-client",
      clientSecret: SECRET,
      redirectUris: [APP],
    });
  });
  afterAll(() => idp?.close());

  it("keeps the client secret and the PKCE verifier encrypted, states and codes hashed", async () => {
    const { authorizationUrl } = await core.oidc.startRedirect({
      projectId: P,
      providerId: "acme",
      redirectUri: APP,
      callbackUrl: CALLBACK,
      appChallenge: s256(VERIFIER),
      ip: "10.0.0.1",
    });
    const state = new URL(authorizationUrl).searchParams.get("state")!;
    const back = new URL(await idp.authorize(authorizationUrl, { login: "nina" }));
    const { redirectTo } = await core.oidc.callback({
      projectId: P,
      providerId: "acme",
      state: back.searchParams.get("state")!,
      code: back.searchParams.get("code")!,
      iss: back.searchParams.get("iss")!,
    });
    const code = new URLSearchParams(new URL(redirectTo).hash.slice(1)).get("code")!;
    const session = await core.oidc.exchange({ projectId: P, code, codeVerifier: VERIFIER });
    const dump = JSON.stringify(
      (
        await db.pool().query(
          `select (select json_agg(p) from runtime.auth_providers p) as providers,
                    (select json_agg(f) from runtime.oidc_flows f) as flows`,
        )
      ).rows,
    );
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(state);
    expect(dump).not.toContain(code);
    expect(dump).toContain("v1:");
    const again = await core.oidc.signInWithIdToken({
      projectId: P,
      providerId: "acme",
      idToken: await idp.idToken("pg-client", "nina"),
      ip: "10.0.0.1",
    });
    expect(again.uid).toBe(session.uid);
  });

  it("deletes a user's identities with the user, and everything with the project", async () => {
    expect(await count("user_identities")).toBe(1);
    const { uid } = (await core.admin.list(P)).users[0]!;
    await core.admin.delete(P, uid);
    expect(await count("user_identities")).toBe(0);
    await db.pool().query("delete from runtime.projects where id = $1", [P]);
    for (const table of ["auth_providers", "oidc_flows", "user_identities"]) {
      expect(await count(table), table).toBe(0);
    }
  });
});
