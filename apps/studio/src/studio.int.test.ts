import type { AddressInfo } from "node:net";
import { createWinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { buildApp } from "@winky/orchestrator";
import { bootstrapTeam, type BootstrappedTeam } from "@winky/orchestrator/api";
import { useTestDatabase } from "@winky/testing";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFreshNextBuild } from "./next-build.test-bed.js";
import {
  addViewer,
  FAILURE,
  seedFailedRun,
  seedWaitingRun,
  unusedRunControl,
} from "./studio-seed.test-bed.js";
import { freePort, startStudio, type RunningStudio } from "./studio.test-bed.js";

describe("the studio against a real orchestrator API", () => {
  const database = useTestDatabase("studio");
  let pool: pg.Pool;
  let orchestrator: FastifyInstance;
  let orchestratorUrl: string;
  let studio: RunningStudio;
  let team: BootstrappedTeam;
  let emptyTeam: BootstrappedTeam;
  /** A run of a third team, which the others may not see. */
  let strangersRunId: string;
  let failedRunId: string;

  beforeAll(async () => {
    const build = await ensureFreshNextBuild();
    console.info(build.built ? `next build took ${build.ms} ms` : "reused the fresh .next build");
    await migrate(database.url);
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    orchestrator = buildApp({
      pingDatabase: () => pool.query("select 1"),
      pingRedis: async () => "PONG",
      logLevel: "silent",
      api: { pool, runs: unusedRunControl },
    });
    await orchestrator.listen({ host: "127.0.0.1", port: 0 });
    orchestratorUrl = `http://127.0.0.1:${(orchestrator.server.address() as AddressInfo).port}`;
    team = await bootstrapTeam(pool, {
      slug: "acme",
      name: "Acme",
      ownerEmail: "ada@example.com",
      ownerName: "Ada",
    });
    emptyTeam = await bootstrapTeam(pool, {
      slug: "globex",
      name: "Globex",
      ownerEmail: "gus@example.com",
      ownerName: "Gus",
    });
    const stranger = await bootstrapTeam(pool, {
      slug: "initech",
      name: "Initech",
      ownerEmail: "ivy@example.com",
      ownerName: "Ivy",
    });
    failedRunId = await seedFailedRun(pool, team.teamId, "team-notes");
    strangersRunId = await seedFailedRun(pool, stranger.teamId, "initech-notes");
    studio = await startStudio({
      ORCHESTRATOR_URL: orchestratorUrl,
      // Nothing listens there: the dashboard shows the runtime down.
      RUNTIME_URL: `http://127.0.0.1:${await freePort()}`,
    });
  });

  afterAll(async () => {
    await studio?.stop();
    orchestrator?.server.closeAllConnections();
    await orchestrator?.close();
    await pool?.end();
  });

  const get = (path: string, cookie?: string) =>
    fetch(`${studio.url}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

  async function signIn(email: string, token: string) {
    return fetch(`${studio.url}/api/sign-in`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({ email, token }),
    });
  }

  /** The `name=value` part of each Set-Cookie, for sending back. */
  const cookiesOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .join("; ");

  it("answers /healthz", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", service: "studio" });
  });

  it("shows on the dashboard which services answer", async () => {
    const html = await (await get("/")).text();
    expect(html).toMatch(/<title>Overview · Winky Studio<\/title>/);
    expect(html).toMatch(/aria-label="Orchestrator".*?Up/s);
    expect(html).toMatch(/aria-label="Runtime".*?Down.*?connection refused/s);
  });

  it("sends a signed-out browser from /runs to /sign-in", async () => {
    for (const path of ["/runs", `/runs/${failedRunId}`]) {
      const res = await get(path);
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get("location")!, studio.url).pathname).toBe("/sign-in");
    }
  });

  it("has a labelled email and token form on /sign-in", async () => {
    const html = await (await get("/sign-in")).text();
    expect(html).toMatch(/<title>Sign in · Winky Studio<\/title>/);
    expect(html).toMatch(/<label for="email">Email<\/label>/);
    expect(html).toMatch(/<label for="token">API token<\/label>/);
  });

  describe("when the token is refused", () => {
    it("goes back to the form with the API's message next to the token field", async () => {
      const bad = "wk_this_token_was_never_issued";
      const expected = await createWinkyClient({ url: `${orchestratorUrl}/trpc`, token: bad })
        .teams.get.query()
        .then(
          () => "",
          (e: Error) => e.message,
        );
      expect(expected).not.toBe("");
      const res = await signIn("ada@example.com", bad);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/sign-in");
      expect(res.headers.getSetCookie().join()).not.toContain("winky_studio_session=v1");
      const html = await (await get("/sign-in", cookiesOf(res))).text();
      expect(html).toContain(`id="token-problem"`);
      expect(html).toContain(escapeHtml(expected));
      expect(html).toContain('value="ada@example.com"');
      expect(html).not.toContain(bad);
    });
  });

  describe("when signed in with a good token", () => {
    let session: string;

    beforeAll(async () => {
      const res = await signIn("ada@example.com", team.token);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/runs");
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith("winky_studio_session="));
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      session = cookie!.split(";")[0]!;
    });

    it("lists the team's runs with their status in words", async () => {
      const html = await (await get("/runs", session)).text();
      expect(html).toMatch(/<title>Runs · Winky Studio<\/title>/);
      expect(html).toContain("team-notes");
      expect(html).toContain("a notes app with tags");
      expect(html).toMatch(/class="badge badge-danger">Failed</);
      expect(html).toContain(`href="/runs/${failedRunId}"`);
    });

    it("shows a failed run's error in words, and its events", async () => {
      const html = await (await get(`/runs/${failedRunId}`, session)).text();
      expect(html).toMatch(/<title>Run [0-9a-f]{8} · Winky Studio<\/title>/);
      expect(html).toContain(FAILURE.code);
      expect(html).toContain(FAILURE.message);
      expect(html).toContain("run.failed");
    });

    it("never puts the token in a page", async () => {
      for (const path of ["/", "/runs", `/runs/${failedRunId}`, "/sign-in"]) {
        expect(await (await get(path, session)).text()).not.toContain(team.token);
      }
    });

    it("relays the run's events as Server-Sent Events, with the token kept server-side", async () => {
      const res = await get(`/api/runs/${failedRunId}/events?after=0`, session);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const body = await res.text();
      expect(body).toContain('id: 1\ndata: {"seq":1,"type":"run.failed"');
      expect(body).not.toMatch(/^id: 0$/m);
      expect(body).toContain("event: end");
    });

    it("shows the API's message for a run of another team", async () => {
      const html = await (await get(`/runs/${strangersRunId}`, session)).text();
      expect(html).toContain(`run ${strangersRunId} belongs to another team`);
    });

    describe("on a run waiting for approval", () => {
      let waitingRunId: string;
      let viewerSession: string;

      beforeAll(async () => {
        waitingRunId = await seedWaitingRun(pool, team.teamId);
        const viewerToken = await addViewer(pool, team.teamId, "vic@example.com");
        viewerSession = cookiesOf(await signIn("vic@example.com", viewerToken)).split("; ")[0]!;
      });

      it("offers Approve and Reject, with a required reason, to a member", async () => {
        const html = await (await get(`/runs/${waitingRunId}`, session)).text();
        expect(html).toMatch(/Waiting for approval of its (<!-- -->)?release/);
        expect(html).toMatch(/<button type="submit" class="button">Approve<\/button>/);
        expect(html).toMatch(/<label for="reason">Reason for rejecting<\/label>/);
        expect(html).toMatch(/<textarea id="reason" name="reason" rows="2" required=""/);
      });

      it("shows them disabled to a viewer, saying why", async () => {
        const html = await (await get(`/runs/${waitingRunId}`, viewerSession)).text();
        expect(html).toMatch(
          /<button type="submit" class="button" disabled="" title="Viewers cannot approve or reject runs: a member, admin or owner can.">Approve/,
        );
      });
    });

    it("signs out by clearing the cookie", async () => {
      const res = await fetch(`${studio.url}/api/sign-out`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: session },
      });
      expect(res.status).toBe(303);
      expect(res.headers.getSetCookie()[0]).toMatch(/^winky_studio_session=; Path=\/; Max-Age=0/);
    });
  });

  it("says how to start a run when the team has none", async () => {
    const res = await signIn("gus@example.com", emptyTeam.token);
    const html = await (await get("/runs", cookiesOf(res))).text();
    expect(html).toContain("No runs yet — start one with <code>winky new</code> or the API.");
  });

  it("refuses a sign-in posted from another site", async () => {
    const res = await fetch(`${studio.url}/api/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "https://evil.example" },
      body: new URLSearchParams({ email: "ada@example.com", token: team.token }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("logs no token", () => {
    expect(studio.output()).not.toContain(team.token);
    expect(studio.output()).not.toContain(emptyTeam.token);
  });
});

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
