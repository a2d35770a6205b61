import { describeWithDocker, useTestDatabase } from "@winky/testing";
import { probeBubblewrap } from "@winky/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_KEY } from "../testing/index.js";
import {
  bubblewrapSandbox,
  createFunctionsTestBed,
  dockerSandbox,
  type FunctionsTestBed,
  type SandboxFactory,
} from "./functions.test-bed.js";

const PROJECT = "users-app";
const OTHER = "users-other";

// Adds `data.role` to the user's roles, keeping their other claims; answers what it saw.
const GRANT = `export default async (data, context) => {
  const before = await context.users.get(data.uid);
  if (!before) return { found: false };
  const roles = [...(before.customClaims.roles ?? []), data.role];
  const after = await context.users.setCustomClaims(data.uid, { ...before.customClaims, roles });
  return { before, after };
};`;
// Both lookups, as the function sees them.
const LOOKUP = `export default async (data, context) => ({
  byUid: await context.users.get(data.uid),
  byEmail: await context.users.getByEmail(data.email),
});`;
// Sets claims and answers the error the function got, if any.
const SET_CLAIMS = `export default async (data, context) => {
  try {
    return { user: await context.users.setCustomClaims(data.uid, data.claims) };
  } catch (e) {
    return { error: e.message };
  }
};`;

interface Session {
  uid: string;
  idToken: string;
  refreshToken: string;
}

/** The claims an ID token carries (the runtime verified it; the test only reads it). */
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;

/**
 * `context.users` end to end on one sandbox: through the host API socket, scoped to the
 * function's project, with claims checked as the admin API checks them.
 */
function describeUsers(label: string, makeSandbox: SandboxFactory) {
  describe(`context.users (${label})`, () => {
    const database = useTestDatabase(`runtime_fn_users_${label}`);
    let bed: FunctionsTestBed;
    let ada: Session;
    let bob: Session;
    let carol: Session;

    const auth = (project: string) => async (path: string, payload: unknown) =>
      bed.runtime.app.inject({
        method: "POST",
        url: `/v1/projects/${project}/auth/${path}`,
        payload: payload as object,
      });
    const signUp = async (project: string, email: string): Promise<Session> => {
      const post = auth(project);
      await post("signUp", { email, password: "correct horse battery" });
      const token = bed.runtime.auth.stores.outbox.lastToken(email);
      const res = await post("confirmSignUp", { token });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const call = async (name: string, data: unknown, bearer = ada.idToken) => {
      const res = await bed.api("POST", `/functions/${name}:call`, { data }, bearer);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().result;
    };
    const claimsInAdminApi = async (uid: string) =>
      (await bed.api("GET", `/admin/users/${uid}`)).json().user.customClaims;

    beforeAll(async () => {
      bed = await createFunctionsTestBed(database.url, PROJECT, makeSandbox);
      await bed.runtime.createProject(OTHER);
      ada = await signUp(PROJECT, "ada@example.com");
      bob = await signUp(PROJECT, "bob@example.com");
      carol = await signUp(OTHER, "carol@example.com");
      await bed.deploy("grant", GRANT, { kind: "callable" });
      await bed.deploy("lookup", LOOKUP, { kind: "callable" });
      await bed.deploy("setClaims", SET_CLAIMS, { kind: "callable" });
    }, 600_000);
    afterAll(async () => {
      await bed?.close();
    });

    it("sets another user's claims, which reach their ID token at its next refresh", async () => {
      const set = await bed.api("PUT", `/admin/users/${bob.uid}/claims`, {
        claims: { tier: "gold" },
      });
      expect(set.statusCode, set.body).toBe(200);
      const result = await call("grant", { uid: bob.uid, role: "editor" });
      expect(result).toEqual({
        before: {
          uid: bob.uid,
          email: "bob@example.com",
          emailVerified: true,
          disabled: false,
          customClaims: { tier: "gold" },
        },
        after: expect.objectContaining({
          uid: bob.uid,
          customClaims: { tier: "gold", roles: ["editor"] },
        }),
      });
      expect(await claimsInAdminApi(bob.uid)).toEqual({ tier: "gold", roles: ["editor"] });
      expect(claimsOf(bob.idToken).roles).toBeUndefined();
      const refreshed = await auth(PROJECT)("token", { refreshToken: bob.refreshToken });
      expect(refreshed.statusCode, refreshed.body).toBe(200);
      expect(claimsOf(refreshed.json().idToken)).toMatchObject({
        sub: bob.uid,
        tier: "gold",
        roles: ["editor"],
      });
    });

    it("finds users by uid and by email in any case, and answers null for nobody", async () => {
      const found = await call("lookup", { uid: ada.uid, email: "ADA@Example.COM" });
      expect(found.byUid).toMatchObject({ uid: ada.uid, email: "ada@example.com" });
      expect(found.byEmail).toEqual(found.byUid);
      const none = await call("lookup", { uid: "nobody", email: "nobody@example.com" });
      expect(none).toEqual({ byUid: null, byEmail: null });
    });

    it("does not find, nor change, another project's user", async () => {
      const seen = await call("lookup", { uid: carol.uid, email: "carol@example.com" });
      expect(seen).toEqual({ byUid: null, byEmail: null });
      expect(await call("grant", { uid: carol.uid, role: "admin" })).toEqual({ found: false });
      const set = await call("setClaims", { uid: carol.uid, claims: { roles: ["admin"] } });
      expect(set).toEqual({ error: `not-found: no user '${carol.uid}'` });
      const other = await bed.runtime.app.inject({
        method: "GET",
        url: `/v1/projects/${OTHER}/admin/users/${carol.uid}`,
        headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
      });
      expect(other.json().user.customClaims).toEqual({});
    });

    it.each([
      ["a reserved claim name", { sub: "someone-else" }, /reserved claim name\(s\) 'sub'/],
      ["claims over 1000 bytes", { note: "x".repeat(1000) }, /at most 1000 bytes as JSON, got/],
      ["claims that are not an object", ["admin"], /custom claims must be a JSON object/],
    ])("refuses %s, telling the function why", async (_what, claims, reason) => {
      const before = await claimsInAdminApi(bob.uid);
      const result = await call("setClaims", { uid: bob.uid, claims });
      expect(result.error).toMatch(/^invalid-argument: custom claims/);
      expect(result.error).toMatch(reason);
      expect(await claimsInAdminApi(bob.uid)).toEqual(before);
    });

    it("clears a user's claims with null", async () => {
      const result = await call("setClaims", { uid: ada.uid, claims: { roles: ["admin"] } });
      expect(result.user.customClaims).toEqual({ roles: ["admin"] });
      const cleared = await call("setClaims", { uid: ada.uid, claims: null });
      expect(cleared.user.customClaims).toEqual({});
      expect(await claimsInAdminApi(ada.uid)).toEqual({});
    });
  });
}

describeWithDocker("context.users in Docker", () => describeUsers("docker", dockerSandbox));

// Where bubblewrap works too, the same suite through its socket.
const bubblewrap = await probeBubblewrap();
if (!bubblewrap.available) console.warn(`SKIPPED (bubblewrap: ${bubblewrap.detail}): users`);
describe.skipIf(!bubblewrap.available)("context.users in bubblewrap", () =>
  describeUsers("bwrap", bubblewrapSandbox),
);
