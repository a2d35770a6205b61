import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import { createWinkyClient } from "@winky/api-client";
import { FsBlobStore } from "@winky/blob-store";
import { migrate } from "@winky/db";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, refusal, seedRun, startApi, type ApiHarness } from "./api.test-bed.js";

const page = (html: string) => new Map([["/index.html", new TextEncoder().encode(html)]]);

describe("rolling an app back on a real runtime", () => {
  const platform = useTestDatabase("api_rollback_platform");
  const runtimeDb = useTestDatabase("api_rollback_runtime");
  let runtime: TestRuntime;
  let runtimeUrl: string;
  let dir: string;
  let api: ApiHarness;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-api-rollback-"));
    runtime = await createTestRuntime(runtimeDb.url, { blobs: new FsBlobStore(dir) });
    runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    await migrate(platform.url);
    api = await startApi(platform.url, { hosting: new AdminClient(runtimeUrl, TEST_ADMIN_KEY) });
  });
  afterAll(async () => {
    await api?.close();
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves the earlier version again, and names a version the runtime does not have", async () => {
    const admin = new AdminClient(runtimeUrl, TEST_ADMIN_KEY);
    await admin.ensureProject("shop");
    const team = await createTeam(api.pool, "rollback");
    const { appId } = await seedRun(api.pool, team.teamId, { appSlug: "shop" });
    const record = async (version: number, at = new Date()) => {
      const { rows } = await api.pool.query<{ id: string }>(
        `insert into deployments (app_id, team_id, kind, project, version, url, created_at)
         values ($1, $2, 'deploy', 'shop', $3, $4, $5) returning id`,
        [appId, team.teamId, version, `${runtimeUrl}/v1/projects/shop/hosting/`, at],
      );
      return rows[0]!.id;
    };
    const v1 = await record((await admin.deploySite("shop", page("<h1>v1</h1>"))).version);
    await record((await admin.deploySite("shop", page("<h1>v2</h1>"))).version);
    const served = async () => (await fetch(`${runtimeUrl}/v1/projects/shop/hosting/`)).text();
    expect(await served()).toBe("<h1>v2</h1>");

    const owner = createWinkyClient({ url: api.url, token: team.token });
    const rollback = await owner.apps.rollback.mutate({ appId, deploymentId: v1 });
    expect(rollback).toMatchObject({ kind: "rollback", version: 1 });
    expect(await served()).toBe("<h1>v1</h1>");

    // A history row naming a version the runtime never had (recorded long ago).
    const phantom = await record(9, new Date(Date.now() - 86_400_000));
    const e = await refusal(owner.apps.rollback.mutate({ appId, deploymentId: phantom }));
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(e.message).toMatch(/^the runtime refused: releasing version 9 of 'shop': /);
    expect(await served()).toBe("<h1>v1</h1>");
  });
});
