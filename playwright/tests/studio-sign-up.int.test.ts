import { AdminClient } from "@winky/admin-client";
import { ApiTokenAuthenticator, RuntimeSessionAuthenticator } from "@winky/orchestrator/api";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { describeWithChromium, eventually, useTestDatabase } from "@winky/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  type StudioPage,
} from "./studio-page.js";

const PLATFORM = "winky-studio";
const PASSWORD = "correct horse battery staple";

/**
 * A new person's first minutes: sign up in the platform's own runtime project, confirm through
 * the mailed link (read in the dev mailbox, as `winky dev` shows it), make a team, sign out and
 * in again with the password, work in a second team, and keep working when the ID token expires.
 */
describeWithChromium("signing up to the studio through the runtime's own auth", () => {
  const runtimeDb = useTestDatabase("pw_sign_up_runtime");
  const platformDb = useTestDatabase("pw_sign_up_platform");
  let runtime: TestRuntime;
  let stack: StudioStack;
  let studio: StudioPage;
  let page: Page;
  const at = (path: string) => `${stack.studio.url}${path}`;
  const main = () => page.locator("main");

  beforeAll(async () => {
    runtime = await createTestRuntime(runtimeDb.url);
    const runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    stack = await startStudioStack(platformDb.url, {
      runtimeUrl,
      authenticators: (pool) => [
        new ApiTokenAuthenticator(pool),
        new RuntimeSessionAuthenticator({ pool, runtimeUrl, project: PLATFORM }),
      ],
      studioEnv: { WINKY_ADMIN_KEY: TEST_ADMIN_KEY, WINKY_DEV_MAILBOX: "1" },
    });
    // The studio makes the platform project itself at start, its mails pointing back to it.
    const admin = new AdminClient(runtimeUrl, TEST_ADMIN_KEY);
    await eventually(async () => expect(await admin.getProject(PLATFORM)).toBeDefined());
    studio = await openStudioPage(stack.browser);
    page = studio.page;
  });

  afterAll(async () => {
    await studio?.close();
    await stack?.close();
    await runtime?.close();
  });

  it("signs up, confirms by the mailed link and lands on making a team", async () => {
    await page.goto(at("/sign-up"));
    await expectPageBasics(studio);
    await saveScreenshot(page, "sign-up");
    // A password the runtime refuses: its words, next to the field, the email kept.
    await main().getByLabel("Email").fill("founder@example.com");
    await main().getByLabel("Password").fill("short");
    await main()
      .getByLabel("Password")
      .evaluate((el) => el.removeAttribute("minlength"));
    await main().getByRole("button", { name: "Create account" }).click();
    await main().locator("#field-password-problem").waitFor();
    expect(await main().getByLabel("Email").inputValue()).toBe("founder@example.com");

    await main().getByLabel("Password").fill(PASSWORD);
    await main().getByRole("button", { name: "Create account" }).click();
    await main().getByRole("status").getByText("Check the inbox of founder@example.com").waitFor();

    await main().getByRole("link", { name: "dev mailbox" }).click();
    await main().getByText("Confirm your Winky Studio account").first().waitFor();
    await saveScreenshot(page, "dev-mailbox");
    await main().getByRole("link", { name: "Open the link in this mail" }).first().click();
    await page.waitForURL(/\/auth\/action\?mode=confirmSignUp/);
    await main().getByRole("button", { name: "Confirm my account" }).click();
    await page.waitForURL(at("/welcome"));
    await main().getByRole("heading", { name: "Welcome, founder@example.com" }).waitFor();
    await expectPageBasics(studio);
    await saveScreenshot(page, "welcome");
  });

  it("makes a team, refusing a bad short name at its field", async () => {
    await main().getByLabel("Team name").fill("Founders");
    await main().getByLabel("Short name").fill("Not OK");
    await main().getByRole("button", { name: "Create team" }).click();
    expect(await main().locator("#field-slug-problem").textContent()).toContain(
      "lower-case letters, digits and dashes",
    );
    expect(await main().getByLabel("Team name").inputValue()).toBe("Founders");
    await main().getByLabel("Short name").fill("founders");
    await main().getByRole("button", { name: "Create team" }).click();
    await page.waitForURL(at("/new"));
    await page.getByText("Team Founders").waitFor();
    const { rows } = await stack.pool.query(
      `select t.slug, m.role from teams t join memberships m on m.team_id = t.id
         join users u on u.id = m.user_id where u.email = 'founder@example.com'`,
    );
    expect(rows).toEqual([{ slug: "founders", role: "owner" }]);
  });

  it("signs out, refuses a wrong password in words, and signs in with the right one", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(at("/sign-in"));
    await expectPageBasics(studio);
    await saveScreenshot(page, "sign-in");
    const form = main().locator("form").first();
    await form.getByLabel("Email").fill("founder@example.com");
    await form.getByLabel("Password").fill("not the password");
    await form.getByRole("button", { name: "Sign in" }).click();
    await form.getByRole("alert").waitFor();
    expect(await form.getByRole("alert").textContent()).toMatch(/email or password/i);
    await form.getByLabel("Password").fill(PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(at("/"));
    await page.getByText("Team Founders").waitFor();
  });

  it("switches between the person's teams", async () => {
    await page.goto(at("/welcome"));
    await main().getByLabel("Team name").fill("Side project");
    await main().getByLabel("Short name").fill("side-project");
    await main().getByRole("button", { name: "Create team" }).click();
    await page.waitForURL(at("/new"));
    const switcher = page.getByLabel("Team", { exact: true });
    expect(await switcher.inputValue()).toBe("side-project");
    await switcher.selectOption("founders");
    await page.getByRole("button", { name: "Switch" }).click();
    await page.waitForURL(at("/"));
    expect(await page.getByLabel("Team", { exact: true }).inputValue()).toBe("founders");
  });

  it("saves a form in the team its page showed, though another tab switched team since", async () => {
    await page.goto(at("/team"));
    await main().getByLabel("Team name").fill("Founders Inc");
    const other = await page.context().newPage();
    await other.goto(at("/"));
    await other.getByLabel("Team", { exact: true }).selectOption("side-project");
    await other.getByRole("button", { name: "Switch" }).click();
    // The switch is done once the cookie names the other team.
    await expect
      .poll(
        async () =>
          decode(
            (await page.context().cookies()).find((c) => c.name === "winky_studio_session")!.value,
          ).team,
      )
      .toBe("side-project");
    await other.close();
    await main().getByRole("button", { name: "Save settings" }).click();
    await main().getByRole("status").waitFor();
    const { rows } = await stack.pool.query("select slug, name from teams order by slug");
    expect(rows).toEqual([
      { slug: "founders", name: "Founders Inc" },
      { slug: "side-project", name: "Side project" },
    ]);
  });

  it("renews an expiring ID token before the page uses it, rotating the refresh token", async () => {
    const context = page.context();
    const cookie = (await context.cookies()).find((c) => c.name === "winky_studio_session")!;
    const session = decode(cookie.value);
    // As if the hour were up: the next request must renew before the API sees the token.
    await context.addCookies([{ ...cookie, value: encode({ ...session, expiresAt: Date.now() }) }]);
    await page.goto(at("/runs"));
    await main().getByRole("heading", { name: "Runs", level: 1 }).waitFor();
    expect(await main().getByRole("alert").count()).toBe(0);
    const renewed = decode(
      (await context.cookies()).find((c) => c.name === "winky_studio_session")!.value,
    );
    expect(renewed.refreshToken).not.toBe(session.refreshToken);
    expect(renewed.expiresAt).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(renewed.team).toBe("side-project");
    expect(studio.errors).toEqual([]);
  });
});

type CookieSession = { refreshToken: string; expiresAt: number; team: string | null };
const decode = (value: string): CookieSession =>
  JSON.parse(Buffer.from(value.slice(3), "base64url").toString()) as CookieSession;
const encode = (session: object) =>
  `v1.${Buffer.from(JSON.stringify(session)).toString("base64url")}`;
