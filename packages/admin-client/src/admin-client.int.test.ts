import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FsBlobStore } from "@winky/blob-store";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminApiError } from "./admin-error.js";
import { AdminClient } from "./admin-client.js";

const site = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([p, text]) => [p, new TextEncoder().encode(text)]));

describe("the admin client against a real runtime", () => {
  const database = useTestDatabase("admin_client");
  let runtime: TestRuntime;
  let dir: string;
  let url: string;
  let admin: AdminClient;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-admin-client-"));
    runtime = await createTestRuntime(database.url, { blobs: new FsBlobStore(dir) });
    url = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    admin = new AdminClient(url, TEST_ADMIN_KEY);
  });
  afterAll(async () => {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates a project once and keeps it after", async () => {
    expect(await admin.ensureProject("shop")).toEqual({ created: true });
    expect(await admin.ensureProject("shop")).toEqual({ created: false });
    expect(await admin.getProject("nope")).toBeUndefined();
  });

  it("deploys rules, and answers bad ones with the runtime's diagnostics", async () => {
    const rules = `rules_version = '2';
service cloud.firestore { match /databases/{db}/documents { match /{d=**} { allow read: if false; } } }`;
    await admin.deployRules("shop", "firestore", rules);
    const refused = await admin.deployRules("shop", "firestore", "service x {").catch((e) => e);
    expect(refused).toBeInstanceOf(AdminApiError);
    expect(refused).toMatchObject({ status: 400, code: "invalid-argument" });
    expect(refused.message).toMatch(/^deploying firestore rules to 'shop': /);
  });

  it("changes settings, and refuses a bad one naming the field", async () => {
    await admin.updateConfig("shop", { strictIndexes: true });
    const refused = await admin.updateConfig("shop", { strictIndexes: "yes" }).catch((e) => e);
    expect(refused).toMatchObject({ status: 400, code: "invalid-argument" });
    expect(refused.message).toContain("strictIndexes");
  });

  it("sets the project's auth mail page and name, and refuses a bad one naming the field", async () => {
    const actionUrl = "https://shop.example.test/auth/action";
    await admin.updateConfig("shop", { auth: { mail: { actionUrl, appName: "Shop" } } });
    const signUp = await runtime.app.inject({
      method: "POST",
      url: "/v1/projects/shop/auth/signUp",
      payload: { email: "ada@example.com", password: "a long enough password" },
    });
    expect(signUp.statusCode, signUp.body).toBe(200);
    const mail = runtime.auth.stores.outbox.to("ada@example.com").at(-1);
    expect(mail?.subject).toBe("Confirm your Shop account");
    expect(mail?.text).toContain(`${actionUrl}?mode=confirmSignUp&oobCode=`);
    const refused = await admin
      .updateConfig("shop", { auth: { mail: { actionUrl: "javascript:alert(1)" } } })
      .catch((e) => e);
    expect(refused).toMatchObject({ status: 400, code: "invalid-argument" });
    expect(refused.message).toContain("auth.mail.actionUrl: must be an http or https URL");
    await admin.updateConfig("shop", { auth: { mail: {} } });
    // The dev mailbox holds that mail, newest first; an unknown project is refused by name.
    const [latest] = await admin.mailbox("shop", 1);
    expect(latest).toMatchObject({
      to: "ada@example.com",
      kind: "sign-up",
      subject: mail?.subject,
    });
    expect(latest?.text).toContain("mode=confirmSignUp&oobCode=");
    const unknown = await admin.mailbox("nope").catch((e) => e);
    expect(unknown).toMatchObject({ status: 404 });
    expect(unknown.message).toMatch(/^reading the mailbox of 'nope': /);
  });

  it("deploys indexes", async () => {
    const indexes = {
      indexes: [
        {
          collectionGroup: "orders",
          queryScope: "COLLECTION",
          fields: [
            { fieldPath: "ownerId", order: "ASCENDING" },
            { fieldPath: "createdAt", order: "DESCENDING" },
          ],
        },
      ],
      fieldOverrides: [],
    };
    expect(await admin.deployIndexes("shop", indexes)).toEqual([]);
  });

  it("deploys a site, uploading only what the store lacks, and serves it", async () => {
    const first = await admin.deploySite(
      "shop",
      site({ "/index.html": "<h1>v1</h1>", "/assets/app-abc123de.js": "console.log(1)" }),
    );
    expect(first).toMatchObject({ version: 1, uploaded: 2, files: 2 });
    const second = await admin.deploySite(
      "shop",
      site({ "/index.html": "<h1>v2</h1>", "/assets/app-abc123de.js": "console.log(1)" }),
    );
    expect(second).toMatchObject({ version: 2, uploaded: 1, files: 2 });
    const page = await fetch(`${url}/v1/projects/shop/hosting/products/42`);
    expect(await page.text()).toBe("<h1>v2</h1>");
  });

  it("refuses with the key of another project", async () => {
    await admin.ensureProject("other");
    const key = await runtime.createProject("third");
    const scoped = new AdminClient(url, key);
    const refused = await scoped.deployIndexes("other", { indexes: [] }).catch((e) => e);
    expect(refused).toBeInstanceOf(AdminApiError);
    expect(refused.status).toBe(403);
  });
});
