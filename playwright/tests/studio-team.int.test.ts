import { createWinkyClient, isWinkyApiError } from "@winky/api-client";
import type { BootstrappedTeam } from "@winky/orchestrator/api";
import { addViewer } from "@winky/studio/testing";
import { describeWithChromium, useTestDatabase } from "@winky/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootstrapAcme, startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  signInWithToken,
  type StudioPage,
} from "./studio-page.js";

/** The team, API tokens and audit log pages, against a real API, in Chromium. */
describeWithChromium("the studio's team, tokens and audit pages, in Chromium", () => {
  const database = useTestDatabase("pw_studio_team");
  let stack: StudioStack;
  let team: BootstrappedTeam;
  let viewerToken: string;
  const api = (token: string) => createWinkyClient({ url: `${stack.orchestratorUrl}/trpc`, token });

  beforeAll(async () => {
    stack = await startStudioStack(database.url);
    team = await bootstrapAcme(stack.pool);
    viewerToken = await addViewer(stack.pool, team.teamId, "vic@example.com");
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function signedIn(email: string, token: string, path: string): Promise<StudioPage> {
    const studio = await openStudioPage(stack.browser);
    await signInWithToken(studio.page, stack.studio.url, email, token);
    await studio.page.goto(`${stack.studio.url}${path}`);
    return studio;
  }

  const status = (page: Page, text: string) =>
    page.getByRole("status").filter({ hasText: text }).waitFor();

  it("lets an owner add a member, change their role and remove one after confirming", async () => {
    const studio = await signedIn("ada@example.com", team.token, "/team");
    const { page } = studio;
    await page.getByRole("heading", { name: "Acme", level: 1 }).waitFor();
    await expectPageBasics(studio);

    for (const email of ["grace@example.com", "tim@example.com"]) {
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByRole("button", { name: "Add member" }).click();
      await status(page, `${email} joined the team as member.`);
    }
    await page.getByLabel("Role of grace@example.com", { exact: true }).selectOption("admin");
    await page.getByRole("button", { name: "Save the role of grace@example.com" }).click();
    await status(page, "grace@example.com is now admin.");
    const members = await api(team.token).teams.members.query();
    expect(members.map((m) => [m.email, m.role])).toContainEqual(["grace@example.com", "admin"]);

    await page.getByRole("button", { name: "Remove tim@example.com" }).click();
    const confirm = page.getByRole("group", { name: "Confirm removal" });
    expect(await confirm.textContent()).toContain("Their personal API tokens stop working");
    // Cancel has the focus, so a stray Enter never removes anyone.
    await page.keyboard.press("Enter");
    await confirm.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Remove tim@example.com" }).click();
    await page.getByRole("button", { name: "Yes, remove tim@example.com" }).click();
    await page
      .getByRole("cell", { name: "tim@example.com", exact: true })
      .waitFor({ state: "detached" });
    const after = await api(team.token).teams.members.query();
    expect(after.map((m) => m.email)).not.toContain("tim@example.com");
    // The only owner can be neither demoted nor removed: the controls say so up front.
    expect(await page.getByLabel("Role of ada@example.com", { exact: true }).isDisabled()).toBe(
      true,
    );
    expect(await page.textContent("main")).toContain("The team's only owner cannot be removed");
    await saveScreenshot(page, "team");
    await studio.close();
  });

  it("shows a refused change's message at its field and saves none of the form", async () => {
    const studio = await signedIn("ada@example.com", team.token, "/team");
    const { page } = studio;
    const apiSays = await api(team.token)
      .teams.updateSettings.mutate({ regressionCron: "* * * * *" })
      .then(
        () => null,
        (e: unknown) => (e as Error).message,
      );
    expect(apiSays).toMatch(/^regressionCron: /);

    await page.getByLabel("Team name").fill("Acme Renamed");
    await page.getByLabel("Regression schedule (cron)").fill("* * * * *");
    await page.getByRole("button", { name: "Save settings" }).click();
    const cronProblem = page.locator("#regression-cron-problem");
    await cronProblem.waitFor();
    expect(await cronProblem.textContent()).toBe(apiSays!.replace(/^regressionCron: /, ""));
    const cron = page.getByLabel("Regression schedule (cron)");
    expect(await cron.getAttribute("aria-invalid")).toBe("true");
    expect(await cron.inputValue()).toBe("* * * * *");
    expect((await api(team.token).teams.get.query()).name).toBe("Acme");

    await page.getByLabel("Email", { exact: true }).fill("grace@example.com");
    await page.getByRole("button", { name: "Add member" }).click();
    await page.locator("#new-member-email-problem").waitFor();
    expect(await page.textContent("#new-member-email-problem")).toBe(
      "grace@example.com is already a member",
    );
    await saveScreenshot(page, "team-refused");

    await page.getByLabel("Regression schedule (cron)").fill("0 4 * * *");
    await page.getByLabel("Time zone").fill("Europe/Paris");
    await page.getByRole("button", { name: "Save settings" }).click();
    await status(page, "Saved: name, regression schedule, time zone.");
    expect(await api(team.token).teams.get.query()).toMatchObject({
      name: "Acme Renamed",
      regressionCron: "0 4 * * *",
      regressionTimeZone: "Europe/Paris",
    });
    await studio.close();
  });

  it("shows a viewer every control disabled, with the reason in words", async () => {
    const studio = await signedIn("vic@example.com", viewerToken, "/team");
    const { page } = studio;
    await page.getByRole("heading", { name: "Acme Renamed", level: 1 }).waitFor();
    expect(await page.getByRole("button", { name: "Save settings" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Add member" }).isDisabled()).toBe(true);
    expect(await page.getByLabel("Role of grace@example.com", { exact: true }).isDisabled()).toBe(
      true,
    );
    expect(await page.getByRole("button", { name: "Remove grace@example.com" }).isDisabled()).toBe(
      true,
    );
    expect(await page.textContent("main")).toContain(
      "Viewers can see the team but not change it: an admin or owner can.",
    );
    await saveScreenshot(page, "team-viewer");
    await expectPageBasics(studio);

    await page.goto(`${stack.studio.url}/tokens`);
    await page.getByRole("heading", { name: "API tokens", level: 1 }).waitFor();
    expect(await page.getByRole("button", { name: "Create token" }).isDisabled()).toBe(true);
    expect(await page.textContent("main")).toContain("Viewers cannot make API tokens");
    await page
      .getByRole("alert")
      .filter({ hasText: "this needs the member role or higher; the caller acts as viewer" })
      .waitFor();
    await expectPageBasics(studio);

    await page.goto(`${stack.studio.url}/audit`);
    await page
      .getByRole("alert")
      .filter({ hasText: "this needs the admin role or higher; the caller acts as viewer" })
      .waitFor();
    await saveScreenshot(page, "audit-viewer");
    await expectPageBasics(studio);
    await studio.close();
  });

  it("shows a new token once; it works against the API until revoked", async () => {
    const studio = await signedIn("ada@example.com", team.token, "/tokens");
    const { page } = studio;
    await page.getByLabel("Name", { exact: true }).fill("ci bot");
    await page.getByLabel("Team — belongs to no one, for CI and bots").check();
    await page.getByLabel("Role", { exact: true }).selectOption("member");
    await page.getByLabel("Expires").selectOption("30");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = page.getByLabel("New token value");
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^wk_/);
    expect(await secret.getAttribute("readonly")).not.toBeNull();
    expect(await page.textContent("main")).toContain("you will not see it again");
    await saveScreenshot(page, "tokens-created");
    await expectPageBasics(studio);

    expect((await api(token).teams.get.query()).callerRole).toBe("member");
    await page.getByRole("button", { name: /I have copied it/ }).click();
    await page.reload();
    await page.getByRole("cell", { name: /^ci bot/ }).waitFor();
    expect(await page.content()).not.toContain(token);

    await page.getByRole("button", { name: "Revoke ci bot" }).click();
    await page.getByRole("button", { name: "Yes, revoke it" }).click();
    await page
      .getByRole("row", { name: /ci bot/ })
      .getByText("revoked", { exact: true })
      .waitFor();
    const refused = await api(token)
      .teams.get.query()
      .catch((e: unknown) => e);
    expect(isWinkyApiError(refused) && refused.code).toBe("UNAUTHORIZED");
    await saveScreenshot(page, "tokens");
    await studio.close();
  });

  it("lists those actions in the audit log, filtered by the URL, older pages by cursor", async () => {
    const studio = await signedIn("ada@example.com", team.token, "/audit");
    const { page } = studio;
    await page.getByRole("heading", { name: "Audit log", level: 1 }).waitFor();
    const actionsShown = async () =>
      (await page.locator("tbody tr td:nth-child(2)").allTextContents()).map((t) => t.trim());
    expect(await actionsShown()).toEqual(
      expect.arrayContaining([
        "member.added",
        "member.role_changed",
        "member.removed",
        "team.settings_updated",
        "token.created",
        "token.revoked",
      ]),
    );
    await expectPageBasics(studio);
    await saveScreenshot(page, "audit");

    await page.getByLabel("Action").fill("token.");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/\/audit\?action=token\.$/);
    expect(await actionsShown()).toEqual(["token.revoked", "token.created"]);

    await page.goto(`${stack.studio.url}/audit?actor=GRACE@example&targetType=user`);
    expect(await page.getByLabel("Actor").inputValue()).toBe("GRACE@example");
    expect(await actionsShown()).toEqual([]);
    await page.goto(`${stack.studio.url}/audit?targetType=user`);
    expect(await actionsShown()).toEqual([
      "member.removed",
      "member.role_changed",
      "member.added",
      "member.added",
    ]);

    await page.goto(`${stack.studio.url}/audit?from=2026-03-02&to=2026-03-01`);
    expect(await page.textContent("#filter-to-problem")).toBe("must be after from");
    await page.goto(`${stack.studio.url}/audit?from=2999-01-01`);
    expect(await page.textContent("main")).toContain("No entries match these filters.");

    await stack.pool.query(
      `insert into audit_log (team_id, actor_kind, action, target_type, target_id, data)
       select $1, 'system', 'app.seeded', 'app', 'seed-' || n, '{}' from generate_series(1, 55) n`,
      [team.teamId],
    );
    await page.goto(`${stack.studio.url}/audit?action=app.`);
    expect(await actionsShown()).toHaveLength(50);
    await page.getByRole("link", { name: "Older →" }).click();
    await page.waitForURL(/\/audit\?action=app\.&cursor=\d+$/);
    expect(await actionsShown()).toEqual(Array(5).fill("app.seeded"));
    expect(await page.getByRole("link", { name: "Older →" }).count()).toBe(0);
    await studio.close();
  });
});
