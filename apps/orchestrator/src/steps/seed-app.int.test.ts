import { AdminClient } from "@winky/admin-client";
import { generateApp } from "@winky/coder";
import { planOffline } from "@winky/planner";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployApp } from "./deploy-app.js";

/** Seeds as a production deploy writes them, read back through the runtime's API. */
describe("seeding an app's project", () => {
  const database = useTestDatabase("orchestrator_seed_app");
  let runtime: TestRuntime;
  let url: string;
  let admin: AdminClient;
  const { plan } = planOffline("E-commerce prototype: products, cart, checkout, admin panel");
  const project = "seeded-shop";
  const generated = generateApp(plan, { project }).files;
  // This runtime runs no functions: deploy the app without its checkout callable.
  const files = {
    ...generated,
    "winky.json": JSON.stringify({ ...JSON.parse(generated["winky.json"]!), functions: [] }),
  };
  const deploy = (progress: string[]) =>
    deployApp({
      admin,
      project,
      plan,
      files,
      siteUrl: (p) => `http://${p}.localhost/`,
      seed: true,
      progress: async (message) => void progress.push(message),
    });
  const get = (path: string, key?: string) =>
    fetch(`${url}/v1/projects/${project}/documents/${path}`, {
      ...(key ? { headers: { authorization: `Bearer ${key}` } } : {}),
    });

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    url = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    admin = new AdminClient(url, TEST_ADMIN_KEY);
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it("writes the seeds on the first deploy, readable as the rules allow", async () => {
    const progress: string[] = [];
    await deploy(progress);
    expect(progress).toEqual([
      "seeded 3 sample documents; not seeded: CartItem: private to each user; Order: private to each user",
    ]);
    // Products are public-read: a visitor who is not signed in sees the sample catalogue.
    const mug = await get("products/seed-1");
    expect(mug.status).toBe(200);
    expect(await mug.json()).toMatchObject({
      fields: { name: { stringValue: "Ceramic mug" }, price: { integerValue: "18" } },
    });
    // The marker is nobody's to read but the operator's.
    expect((await get("_winky/seed")).status).toBe(403);
    expect((await get("_winky/seed", TEST_ADMIN_KEY)).status).toBe(200);
  });

  it("writes nothing on a later deploy: a deleted seed stays deleted", async () => {
    await admin.commitDocuments(project, [
      { delete: `projects/${project}/databases/(default)/documents/products/seed-2` },
    ]);
    const progress: string[] = [];
    await deploy(progress);
    expect(progress[0]).toMatch(/^no new seed documents/);
    expect((await get("products/seed-2")).status).toBe(404);
    expect((await get("products/seed-3")).status).toBe(200);
  });
});
