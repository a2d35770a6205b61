import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";

/** Where the studio suites save their screenshots (CI keeps them as artifacts). */
export const SCREENSHOTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../artifacts/screenshots",
);

/** A studio page in its own browser context, with every console error and page error kept. */
export interface StudioPage {
  page: Page;
  /** Console errors and uncaught exceptions so far: the basics want none. */
  errors: string[];
  close(): Promise<void>;
}

export async function openStudioPage(browser: Browser): Promise<StudioPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    // The location names the resource when the error is a failed load.
    if (message.type() === "error") {
      errors.push(`${page.url()}: console: ${message.text()} (${message.location().url})`);
    }
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  // No page needs the internet: every request stays on this machine (no CDN, no web fonts).
  page.on("request", (request) => {
    const { protocol, hostname } = new URL(request.url());
    if (protocol !== "http:" && protocol !== "https:") return;
    if (hostname === "127.0.0.1" || hostname === "localhost" || hostname.endsWith(".localhost")) {
      return;
    }
    errors.push(`${page.url()}: a request left the machine: ${request.url()}`);
  });
  return { page, errors, close: () => context.close() };
}

/** Signs in through `/sign-in` with an API token, as a person pasting one would. */
export async function signInWithToken(
  page: Page,
  studioUrl: string,
  email: string,
  token: string,
): Promise<void> {
  await page.goto(`${studioUrl}/sign-in`);
  // The token form is the second way in, folded away under its summary.
  const folded = page.locator("details:not([open])", { has: page.getByLabel("API token") });
  if ((await folded.count()) > 0) await folded.locator("summary").click();
  const form = page.locator("form", { has: page.getByLabel("API token") });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("API token").fill(token);
  await form.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** Saves a full-page screenshot as `<name>.png` under {@link SCREENSHOTS_DIR}. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The Lighthouse-style basics every main page keeps: a `<title>`, a label for every form
 * control a person fills in, a visible focus ring when tabbing, no console errors, and no
 * request that left the machine ({@link openStudioPage} records both).
 */
export async function expectPageBasics(studio: StudioPage): Promise<void> {
  const { page } = studio;
  expect((await page.title()).trim(), `${page.url()} has a <title>`).not.toBe("");
  const unlabelled = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: LabelledDocument }).document;
    return Array.from(doc.querySelectorAll("input, select, textarea"))
      .filter((el) => el.type !== "hidden" && el.type !== "submit" && el.type !== "button")
      .filter((el) => !(el.labels?.length || el.getAttribute("aria-label")))
      .filter((el) => !el.getAttribute("aria-labelledby"))
      .map((el) => el.outerHTML.slice(0, 120));
  });
  expect(unlabelled, `${page.url()}: form controls without a label`).toEqual([]);
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  await page.keyboard.press("Tab");
  const focus = await page.evaluate(() => {
    const g = globalThis as unknown as { document: LabelledDocument; getComputedStyle: Styles };
    const el = g.document.activeElement;
    if (!el || el === g.document.body) return null;
    const style = g.getComputedStyle(el);
    return {
      tag: el.tagName,
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      shadow: style.boxShadow,
    };
  });
  expect(focus, `${page.url()}: Tab focuses something`).not.toBeNull();
  const visible = focus!.outline.split(" ")[0] !== "none" || focus!.shadow !== "none";
  expect(visible, `${page.url()}: the focused ${focus!.tag} shows a focus ring`).toBe(true);
  expect(studio.errors, `${page.url()}: console errors`).toEqual([]);
}

// The few DOM shapes the checks above read in the page (the repo's TypeScript has no DOM lib).
interface LabelledElement {
  type: string;
  labels: { length: number } | null;
  tagName: string;
  outerHTML: string;
  getAttribute(name: string): string | null;
}
interface LabelledDocument {
  querySelectorAll(selector: string): ArrayLike<LabelledElement>;
  activeElement: LabelledElement | null;
  body: LabelledElement;
}
type Styles = (el: LabelledElement) => {
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
};
