import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import { FsBlobStore } from "@winky/blob-store";
import { bootstrapTeam, type BootstrappedTeam } from "@winky/orchestrator/api";
import {
  createTestFunctions,
  createTestRuntime,
  TEST_ADMIN_KEY,
  type TestFunctions,
  type TestRuntime,
} from "@winky/runtime/testing";
import type { JsonValue, Sandbox } from "@winky/sandbox";
import { addViewer } from "@winky/studio/testing";
import {
  describeWithChromium,
  testRedisUrl,
  uniqueRedisPrefix,
  useTestDatabase,
} from "@winky/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  signInWithToken,
  type StudioPage,
} from "./studio-page.js";

const PROJECT = "console-notes";
/** Line 5 grants public reads; line 6 checks the writer owns the note. */
const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /notes/{noteId} {
      allow read: if resource.data.public == true;
      allow create: if request.auth != null && request.resource.data.owner == request.auth.uid;
    }
  }
}
`;

/** A 1×1 PNG, for the storage preview. */
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** Answers each invocation with its event and logs one line (a real sandbox needs an image). */
const echoSandbox: Sandbox = {
  prepare: async () => undefined,
  invoke: async (_fn, invocation) => {
    const { event } = invocation as { event: JsonValue };
    const line = `greeting ${JSON.stringify(event)}`;
    return {
      ok: true,
      result: event,
      durationMs: 2,
      coldStart: false,
      logs: [{ stream: "stdout", line, at: Date.now() }],
    };
  },
  drain: async () => undefined,
  stats: () => ({ started: 0, live: 0, running: 0, queued: 0 }),
  close: async () => undefined,
};

/** The runtime console in Chromium: the rules playground, documents, users, files, logs, events. */
describeWithChromium("the studio's runtime console, in Chromium", () => {
  const database = useTestDatabase("pw_studio_console");
  const runtimeDb = useTestDatabase("pw_studio_console_runtime");
  let runtime: TestRuntime;
  let functions: TestFunctions;
  let dir: string;
  let admin: AdminClient;
  let stack: StudioStack;
  let team: BootstrappedTeam;
  let appId: string;
  let runtimeUrl: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-pw-console-"));
    functions = await createTestFunctions({
      sandbox: async () => echoSandbox,
      redisUrl: testRedisUrl(),
      prefix: uniqueRedisPrefix("pw-console"),
    });
    runtime = await createTestRuntime(runtimeDb.url, {
      ...functions.runtimeOptions,
      blobs: new FsBlobStore(dir),
    });
    runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    admin = new AdminClient(runtimeUrl, TEST_ADMIN_KEY);
    await runtime.createProject(PROJECT);
    await admin.deployRules(PROJECT, "firestore", RULES);
    await admin.setDocument(PROJECT, "notes/n1", { title: "First", public: true });
    stack = await startStudioStack(database.url, { runtime: admin, runtimeUrl });
    team = await bootstrapTeam(stack.pool, {
      slug: "acme",
      name: "Acme",
      ownerEmail: "ada@example.com",
      ownerName: "Ada",
    });
    const { rows } = await stack.pool.query<{ id: string }>(
      "insert into apps (team_id, slug, name) values ($1, $2, 'Console notes') returning id",
      [team.teamId, PROJECT],
    );
    appId = rows[0]!.id;
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
    await functions?.close();
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Fills the playground's form and evaluates; answers the verdict shown. */
  async function evaluate(
    studio: StudioPage,
    request: { method: string; path: string; uid?: string; resource?: string; data?: string },
  ): Promise<string> {
    const form = studio.page.getByRole("form", { name: "Request to evaluate" });
    await form.getByLabel("Method").selectOption(request.method);
    await form.getByLabel("Path").fill(request.path);
    if (request.uid) {
      await form.getByLabel("Signed in as the user below").check();
      await form.getByLabel("User id (uid)").fill(request.uid);
    } else {
      await form.getByLabel("Signed out").check();
    }
    await form.getByLabel("Stored data, resource.data (JSON)").fill(request.resource ?? "");
    await form.getByLabel("Request data, request.resource.data (JSON)").fill(request.data ?? "");
    await form.getByRole("button", { name: "Evaluate" }).click();
    const verdict = studio.page.locator(".verdict");
    await verdict.waitFor();
    await studio.page.getByRole("button", { name: "Evaluate" }).waitFor();
    return (await verdict.textContent()) ?? "";
  }

  it("shows a denial with its trace highlighted in the rules, then an allowed read", async () => {
    const studio = await openStudioPage(stack.browser);
    await signInWithToken(studio.page, stack.studio.url, "ada@example.com", team.token);
    await studio.page.goto(`${stack.studio.url}/apps/${appId}`);
    await studio.page.getByRole("link", { name: "Runtime console" }).click();
    await studio.page.getByRole("heading", { name: "Rules playground" }).waitFor();
    expect(studio.page.url()).toMatch(new RegExp(`/apps/${appId}/console/rules$`));
    // Before any request: the deployed source, nothing highlighted.
    expect(await studio.page.locator(".rules-line").count()).toBe(
      RULES.trimEnd().split("\n").length,
    );
    await expectPageBasics(studio);

    const denied = await evaluate(studio, {
      method: "create",
      path: "notes/n2",
      uid: "alice",
      data: '{"owner": "bob"}',
    });
    expect(denied).toBe("DENIED");
    // The form keeps the request, so the next one starts from it.
    const form = studio.page.getByRole("form", { name: "Request to evaluate" });
    expect(await form.getByLabel("Method").inputValue()).toBe("create");
    expect(await form.getByLabel("Path").inputValue()).toBe("notes/n2");
    const line6 = studio.page.locator('.rules-line[data-line="6"]');
    expect(await line6.getAttribute("data-outcome")).toBe("false");
    expect(await line6.locator("mark").textContent()).toBe(
      "request.resource.data.owner == request.auth.uid",
    );
    const trace = await studio.page.locator(".rules-trace").textContent();
    expect(trace).toContain("Line 6");
    expect(trace).toContain("request.resource.data.owner == request.auth.uid was false");
    await saveScreenshot(studio.page, "console-rules-denied");

    const allowed = await evaluate(studio, {
      method: "get",
      path: "notes/n1",
      resource: '{"public": true}',
    });
    expect(allowed).toBe("ALLOWED");
    expect(
      await studio.page.locator('.rules-line[data-line="5"]').getAttribute("data-outcome"),
    ).toBe("allowed");
    expect(await studio.page.locator(".rules-source mark").count()).toBe(0);
    await saveScreenshot(studio.page, "console-rules-allowed");
    await expectPageBasics(studio);
    await studio.close();
  });

  it("refuses bad JSON and a bad path next to their fields", async () => {
    const studio = await openStudioPage(stack.browser);
    await signInWithToken(studio.page, stack.studio.url, "ada@example.com", team.token);
    await studio.page.goto(`${stack.studio.url}/apps/${appId}/console/rules`);
    const form = studio.page.getByRole("form", { name: "Request to evaluate" });
    await form.getByLabel("Path").fill("notes/n1");
    await form.getByLabel("Stored data, resource.data (JSON)").fill("{public: true}");
    await form.getByRole("button", { name: "Evaluate" }).click();
    const jsonProblem = studio.page.locator("#field-resource-problem");
    await jsonProblem.waitFor();
    expect(await jsonProblem.textContent()).toMatch(/^Stored data is not valid JSON/);
    expect(await form.getByLabel("Stored data, resource.data (JSON)").inputValue()).toBe(
      "{public: true}",
    );
    await form.getByLabel("Stored data, resource.data (JSON)").fill("");
    await form.getByLabel("Path").fill("notes");
    await form.getByRole("button", { name: "Evaluate" }).click();
    const pathProblem = studio.page.locator("#field-path-problem");
    await pathProblem.waitFor();
    expect(await pathProblem.textContent()).toMatch(/^path: get names a document/);
    await saveScreenshot(studio.page, "console-rules-bad-input");
    await studio.close();
  });

  it("lists a collection's documents and saves one as JSON", async () => {
    const studio = await openStudioPage(stack.browser);
    await signInWithToken(studio.page, stack.studio.url, "ada@example.com", team.token);
    await studio.page.goto(`${stack.studio.url}/apps/${appId}/console/rules`);
    await studio.page.getByRole("link", { name: "Documents" }).click();
    await studio.page.getByLabel("Collection path").fill("notes");
    await studio.page.getByRole("button", { name: "Show documents" }).click();
    await studio.page.getByRole("rowheader", { name: "notes/n1" }).waitFor();
    await expectPageBasics(studio);
    await studio.page.getByLabel("Document path").fill("notes/n9");
    await studio.page.getByLabel("Data (JSON)").fill('{"title": "Ninth"}');
    await studio.page.getByRole("button", { name: "Save document" }).click();
    await studio.page.getByRole("status").filter({ hasText: "Saved notes/n9." }).waitFor();
    await studio.page.getByRole("rowheader", { name: "notes/n9" }).waitFor();
    expect(await admin.getDocument(PROJECT, "notes/n9")).toMatchObject({
      data: { title: "Ninth" },
    });
    await saveScreenshot(studio.page, "console-documents");
    await studio.close();
  });

  it("disables a user of the app, and refuses a viewer's document write in words", async () => {
    const post = (path: string, body: object) =>
      fetch(`${runtimeUrl}/v1/projects/${PROJECT}/auth/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await post("signUp", { email: "una@example.com", password: "a long enough password" });
    const token = runtime.auth.stores.outbox.lastToken("una@example.com");
    expect((await post("confirmSignUp", { token })).ok).toBe(true);
    const [una] = (await admin.listUsers(PROJECT, { limit: 10 })).users;

    const studio = await openStudioPage(stack.browser);
    await signInWithToken(studio.page, stack.studio.url, "ada@example.com", team.token);
    await studio.page.goto(`${stack.studio.url}/apps/${appId}/console/users`);
    const row = studio.page.getByRole("row", { name: /una@example.com/ });
    await row.getByText("active").waitFor();
    await expectPageBasics(studio);
    await row.getByRole("button", { name: `Disable ${una!.uid}` }).click();
    await row.getByRole("button", { name: "Disable", exact: true }).click();
    await row.getByText("disabled", { exact: true }).waitFor();
    // The control now offers the way back.
    await row.getByRole("button", { name: `Enable ${una!.uid}` }).waitFor();
    expect((await admin.listUsers(PROJECT, { limit: 10 })).users[0]).toMatchObject({
      disabled: true,
    });
    await saveScreenshot(studio.page, "console-users");
    await studio.close();

    const viewer = await openStudioPage(stack.browser);
    const viewerToken = await addViewer(stack.pool, team.teamId, "vic@example.com");
    await signInWithToken(viewer.page, stack.studio.url, "vic@example.com", viewerToken);
    await viewer.page.goto(`${stack.studio.url}/apps/${appId}/console/documents?collection=notes`);
    await viewer.page.getByLabel("Document path").fill("notes/v1");
    await viewer.page.getByRole("button", { name: "Save document" }).click();
    const refusal = viewer.page.getByRole("alert").filter({ hasText: "member role" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("FORBIDDEN");
    expect(await admin.getDocument(PROJECT, "notes/v1")).toBeUndefined();
    await viewer.close();
  });

  it("previews an image file, shows a function's log and replays events", async () => {
    const upload = await fetch(
      `${runtimeUrl}/v1/projects/${PROJECT}/storage/o?name=images/pixel.png`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "image/png" },
        body: PIXEL,
      },
    );
    expect(upload.ok).toBe(true);
    await admin.deployFunction(PROJECT, "greet", {
      source: "export default (e) => e;",
      trigger: { kind: "callable" },
    });
    const call = await fetch(`${runtimeUrl}/v1/projects/${PROJECT}/functions/greet:call`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ data: { to: "ada" } }),
    });
    expect(call.ok).toBe(true);

    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
    await page.goto(`${stack.studio.url}/apps/${appId}/console/storage`);
    await page.getByRole("link", { name: /images\// }).click();
    const preview = page.getByRole("img", { name: "Preview of images/pixel.png" });
    await preview.waitFor();
    expect(
      await preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(1);
    await expectPageBasics(studio);
    await saveScreenshot(page, "console-storage");

    await page.getByRole("link", { name: "Function logs" }).click();
    await page.getByRole("link", { name: "greet" }).click();
    await page.getByText('greeting {"to":"ada"}').waitFor();
    await saveScreenshot(page, "console-functions");

    await page.goto(
      `${stack.studio.url}/apps/${appId}/console/events?kind=document.created&prefix=notes/n1`,
    );
    await page.getByRole("rowheader", { name: "notes/n1" }).waitFor();
    await expectPageBasics(studio);
    await page.getByRole("button", { name: "Replay these events" }).click();
    await page.getByRole("button", { name: "Replay", exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /^Replayed 1 event\(s\) as replay / })
      .waitFor();
    await saveScreenshot(page, "console-events");
    await studio.close();
  });
});
