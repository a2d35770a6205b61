import { createWinkyClient, type WinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { createTestRuntime, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, refusal, startApi, type ApiHarness } from "./api.test-bed.js";
import { ApiTokenAuthenticator } from "./auth/api-token-authenticator.js";
import { RuntimeSessionAuthenticator } from "./auth/runtime-session-authenticator.js";

const PLATFORM = "winky-studio";

/**
 * People sign in to the platform through the runtime's own auth: an ID token of the platform
 * project, verified against its published keys, maps to the platform user with that verified
 * email and their role in the team they name.
 */
describe("signing in with the platform project's ID tokens", () => {
  const runtimeDb = useTestDatabase("api_session_runtime");
  const platformDb = useTestDatabase("api_session_platform");
  let runtime: TestRuntime;
  let runtimeUrl: string;
  let api: ApiHarness;

  const auth = async (path: string, body: object, project = PLATFORM) => {
    const res = await fetch(`${runtimeUrl}/v1/projects/${project}/auth/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  /** Signs `email` up in `project` and answers its ID token, email verified. */
  const signUp = async (email: string, project = PLATFORM) => {
    expect(await auth("signUp", { email, password: "a long enough password" }, project)).toEqual({
      status: "confirmation-sent",
    });
    const token = runtime.auth.stores.outbox.lastToken(email);
    return (await auth("confirmSignUp", { token }, project)).idToken as string;
  };
  const as = (idToken: string, team?: string): WinkyClient =>
    createWinkyClient({
      url: api.url,
      token: idToken,
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers as object), ...(team ? { "x-winky-team": team } : {}) },
        }),
    });

  beforeAll(async () => {
    runtime = await createTestRuntime(runtimeDb.url);
    runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    await runtime.createProject(PLATFORM);
    await runtime.createProject("some-app");
    await migrate(platformDb.url);
    api = await startApi(platformDb.url, {
      authenticators: (pool) => [
        new ApiTokenAuthenticator(pool),
        new RuntimeSessionAuthenticator({ pool, runtimeUrl, project: PLATFORM }),
      ],
    });
  });
  afterAll(async () => {
    await api?.close();
    await runtime?.close();
  });

  it("lets a team's owner in with their role, in the team they name", async () => {
    const acme = await createTeam(api.pool, "acme");
    const { rows } = await api.pool.query<{ email: string }>(
      "select email from users where id = $1",
      [acme.userId],
    );
    const idToken = await signUp(rows[0]!.email);
    const team = await as(idToken).teams.get.query();
    expect(team).toMatchObject({ id: acme.teamId, callerRole: "owner" });
    // A second team: now the header chooses, and a team of others is refused.
    const globex = await createTeam(api.pool, "globex");
    await api.pool.query(
      "insert into memberships (team_id, user_id, role) values ($1, $2, 'viewer')",
      [globex.teamId, acme.userId],
    );
    const ambiguous = await refusal(as(idToken).teams.get.query());
    expect(ambiguous.code).toBe("UNAUTHORIZED");
    expect(ambiguous.message).toMatch(/is in several teams \(acme-\d+, globex-\d+\): name one/);
    const slug = (await api.pool.query("select slug from teams where id = $1", [globex.teamId]))
      .rows[0].slug as string;
    expect(await as(idToken, slug).teams.get.query()).toMatchObject({ callerRole: "viewer" });
    const viewerApprove = await refusal(
      as(idToken, slug).runs.approve.mutate({ runId: crypto.randomUUID() }),
    );
    expect(viewerApprove.code).toBe("FORBIDDEN");
    const stranger = await refusal(as(idToken, "initech").teams.get.query());
    expect(stranger.message).toMatch(/is not a member of team 'initech'/);
  });

  it("refuses people in no team, other projects' tokens, and forged or altered tokens", async () => {
    const nobody = await signUp("nobody@example.com");
    expect((await refusal(as(nobody).teams.get.query())).message).toMatch(
      /^nobody@example.com is in no team yet/,
    );
    const elsewhere = await signUp("ada@example.com", "some-app");
    expect((await refusal(as(elsewhere).teams.get.query())).message).toMatch(
      /^the sign-in token is not valid \((ERR_JWKS_NO_MATCHING_KEY|ERR_JWT_CLAIM_VALIDATION_FAILED)\)/,
    );
    const [header, payload, signature] = nobody.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as object;
    const raised = Buffer.from(JSON.stringify({ ...claims, email: "owner@example.com" }));
    const altered = [header, raised.toString("base64url"), signature].join(".");
    const refused = await refusal(as(altered).teams.get.query());
    expect(refused.code).toBe("UNAUTHORIZED");
    expect(refused.message).toMatch(/^the sign-in token is not valid/);
    expect(refused.message).not.toContain(altered);
  });

  it("lets a person in no team see that and create a team they then own", async () => {
    const idToken = await signUp("founder@example.com");
    expect(await as(idToken).account.me.query()).toEqual({
      email: "founder@example.com",
      via: "sign-in",
      teams: [],
      currentTeam: null,
    });
    // Bad input names the field and leaves nothing behind.
    const bad = await refusal(
      as(idToken).account.createTeam.mutate({ slug: "No Spaces", name: "" }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/slug: use 2–63 lower-case letters/);
    expect(bad.message).toMatch(/name: must not be blank/);
    const team = await as(idToken).account.createTeam.mutate({
      slug: "founders",
      name: "Founders",
    });
    expect(team).toMatchObject({ slug: "founders", name: "Founders", role: "owner" });
    const taken = await refusal(
      as(idToken).account.createTeam.mutate({ slug: "founders", name: "Again" }),
    );
    expect(taken).toMatchObject({ code: "CONFLICT" });
    expect(taken.message).toMatch(/^slug: a team 'founders' already exists/);
    // Now in one team: every procedure acts there, as its owner; the audit says who made it.
    expect(await as(idToken).teams.get.query()).toMatchObject({
      slug: "founders",
      callerRole: "owner",
    });
    expect(await as(idToken).account.me.query()).toMatchObject({
      teams: [{ slug: "founders", role: "owner" }],
      currentTeam: "founders",
    });
    const audit = await as(idToken).audit.list.query({});
    expect(audit.items.map((a) => [a.action, a.actor.label])).toEqual([
      ["team.created", "founder@example.com"],
    ]);
  });

  it("keeps API tokens to their own team in account procedures", async () => {
    const acme = await createTeam(api.pool, "tokens");
    const client = createWinkyClient({ url: api.url, token: acme.token });
    const me = await client.account.me.query();
    expect(me).toMatchObject({ via: "token", teams: [{ id: acme.teamId, role: "owner" }] });
    expect(me.currentTeam).toBe(me.teams[0]!.slug);
    const refused = await refusal(
      client.account.createTeam.mutate({ slug: "via-token", name: "X" }),
    );
    expect(refused).toMatchObject({ code: "FORBIDDEN" });
    const anonymous = createWinkyClient({ url: api.url, token: "wk_nope" });
    expect((await refusal(anonymous.account.me.query())).code).toBe("UNAUTHORIZED");
  });
});
