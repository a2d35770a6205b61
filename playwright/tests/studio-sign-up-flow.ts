import type { Page } from "playwright-core";

/** The password every suite's people sign up with. */
export const TEST_PASSWORD = "correct horse battery staple";

/**
 * A new person's way in, as the studio shows it under `winky dev`: create an account, open the
 * confirmation link from the dev mailbox, confirm, and create a team (which opens `/new`).
 */
export async function signUpThroughStudio(
  page: Page,
  studioUrl: string,
  email: string,
  teamName: string,
  teamSlug: string,
): Promise<void> {
  const main = page.locator("main");
  await page.goto(`${studioUrl}/sign-up`);
  await main.getByLabel("Email").fill(email);
  await main.getByLabel("Password").fill(TEST_PASSWORD);
  await main.getByRole("button", { name: "Create account" }).click();
  await main.getByRole("status").getByText(`Check the inbox of ${email}`).waitFor();
  await main.getByRole("link", { name: "dev mailbox" }).click();
  const mail = main.locator("li", { hasText: `To ${email}` }).first();
  await mail.getByRole("link", { name: "Open the link in this mail" }).click();
  await main.getByRole("button", { name: "Confirm my account" }).click();
  await page.waitForURL(`${studioUrl}/welcome`);
  await main.getByLabel("Team name").fill(teamName);
  await main.getByLabel("Short name").fill(teamSlug);
  await main.getByRole("button", { name: "Create team" }).click();
  await page.waitForURL(`${studioUrl}/new`);
}
