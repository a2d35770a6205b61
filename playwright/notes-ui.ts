// What a person does in the generated notes app, through its UI only: labels, roles and the
// visible text of the coder's screens (agents/templates/app and the coder's generated screens).
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { DeployedApp } from "./deployed-app.test-bed.js";

export const PASSWORD = "correct horse battery staple";

export interface NoteDraft {
  title: string;
  /** Typed into the Body textarea as is (markdown). */
  body: string;
  tags: string[];
  image?: { name: string; mimeType: string; buffer: Buffer };
}

export const main = (page: Page): Locator => page.getByRole("main");
const banner = (page: Page): Locator => page.getByRole("banner");

/** A fresh address per call, so reruns against one database never collide. */
export function newEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/**
 * Signs up from the home page: the banner's "Sign up", the form, "Check your mail", then the
 * mailed confirmation link, which confirms the account and signs the user in. The deploy set
 * the project's mail settings: the link opens the app's own `/auth/action`, and the mail names
 * the app.
 */
export async function signUp(page: Page, app: DeployedApp, email: string): Promise<void> {
  await page.goto(app.siteUrl);
  await banner(page).getByRole("link", { name: "Sign up" }).click();
  await main(page).getByRole("heading", { name: "Create an account" }).waitFor();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password", { exact: true }).fill(PASSWORD);
  await main(page).getByRole("button", { name: "Sign up" }).click();
  await main(page).getByRole("heading", { name: "Check your mail" }).waitFor();

  const mail = await app.mailedLink(email, "sign-up");
  expect(mail.subject).toBe("Confirm your Notes account");
  expect(mail.url.href.startsWith(new URL("auth/action?", app.siteUrl).href)).toBe(true);
  await page.goto(mail.url.href);
  await main(page).getByText("Your account is confirmed. You are signed in.").waitFor();
  await main(page).getByRole("link", { name: "Continue" }).click();
  await banner(page).getByText(email).waitFor();
  await banner(page).getByRole("button", { name: "Sign out" }).waitFor();
}

/** From anywhere: the banner's "Notes", then waits for the list (or its empty state). */
export async function openNotes(page: Page): Promise<void> {
  // The brand link is "Notes" too (the app's title): the one in the navigation.
  await banner(page)
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Notes", exact: true })
    .click();
  await listSettled(page);
}

/** Waits until the note list has loaded: its items, or "No notes yet.". */
export async function listSettled(page: Page): Promise<void> {
  await main(page).getByRole("heading", { name: "Notes", level: 1 }).waitFor();
  await main(page)
    .getByRole("list", { name: "Notes" })
    .or(main(page).getByText("No notes yet."))
    .waitFor();
}

/**
 * Creates a note from the list's "New note": title, markdown body, tags (each typed and
 * entered), an image picked in the file input (waits for its upload), "Create note". Resolves
 * the note's page URL, where the app lands after saving.
 */
export async function createNote(page: Page, note: NoteDraft): Promise<string> {
  await main(page).getByRole("link", { name: "New note" }).click();
  await main(page).getByRole("heading", { name: "New note" }).waitFor();
  await page.getByLabel("Title", { exact: true }).fill(note.title);
  await page.getByLabel("Body", { exact: true }).fill(note.body);
  const tagInput = page.getByLabel("Tags", { exact: true });
  for (const tag of note.tags) {
    await tagInput.fill(tag);
    await tagInput.press("Enter");
    await main(page).getByRole("list", { name: "Tags added" }).getByText(tag).waitFor();
  }
  if (note.image) {
    await page.getByLabel("Image", { exact: true }).setInputFiles(note.image);
    await main(page).getByRole("img", { name: "Image preview" }).waitFor();
    // The "Remove image" button appears once the upload finished and the form holds its path.
    await main(page)
      .getByRole("button", { name: "Remove image" })
      .or(main(page).getByRole("alert"))
      .waitFor();
    const failure = main(page).getByRole("alert");
    if (await failure.isVisible()) {
      throw new Error(`the image upload failed: ${await failure.textContent()}`);
    }
  }
  await main(page).getByRole("button", { name: "Create note" }).click();
  await page.waitForURL(
    (url) => /^\/notes\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"),
  );
  await main(page).getByRole("heading", { name: note.title, level: 1 }).waitFor();
  return page.url();
}

/** The titles the note list shows, once it has loaded. */
export async function listedTitles(page: Page): Promise<string[]> {
  await listSettled(page);
  const list = main(page).getByRole("list", { name: "Notes" });
  if ((await list.count()) === 0) return [];
  // Each item's one link is its title (its tags are plain list items).
  return (await list.getByRole("link").allTextContents()).map((t) => t.trim());
}

/** The natural size of the loaded `img` (0 × 0 until it has decoded), after it completes. */
export async function naturalSize(image: Locator): Promise<{ width: number; height: number }> {
  // Runs in the page; the tests' tsconfig has no DOM types, hence the structural one.
  return image.evaluate(async (element) => {
    const img = element as unknown as {
      complete: boolean;
      naturalWidth: number;
      naturalHeight: number;
      addEventListener(type: string, listener: () => void, options: { once: boolean }): void;
    };
    if (!img.complete) {
      await new Promise<void>((resolve) => {
        img.addEventListener("load", resolve, { once: true });
        img.addEventListener("error", resolve, { once: true });
      });
    }
    return { width: img.naturalWidth, height: img.naturalHeight };
  });
}
