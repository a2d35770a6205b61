import { describeWithChromium, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RULES, startConsoleStack, type ConsoleStack } from "./console-stack.test-bed.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  signInWithToken,
  type StudioPage,
} from "./studio-page.js";

describeWithChromium("the runtime console's rules playground, in Chromium", () => {
  const database = useTestDatabase("pw_console_rules");
  const runtimeDb = useTestDatabase("pw_console_rules_runtime");
  let consoleStack: ConsoleStack;
  let stack: ConsoleStack["stack"];
  let team: ConsoleStack["team"];
  let appId: string;

  beforeAll(async () => {
    consoleStack = await startConsoleStack(database.url, runtimeDb.url);
    ({ stack, team, appId } = consoleStack);
  }, 300_000);

  afterAll(async () => {
    await consoleStack?.close();
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
});
