import type { AppModel, ModelInfo } from "../analyze.js";
import { ts } from "../naming.js";
import { listOf, listUrl, loaded } from "./list-page-lines.js";

/**
 * Playwright statements for steps about a page rather than a document: opening a path,
 * filling a field by hand, the "Not allowed" page, the admin screen, notifications, the
 * cart's checkout — and steps left to a person. Stateless.
 */

/** "open /path": the page loads — a list (or its empty state), else the main heading. */
export function openLines(path: string, list: ModelInfo | undefined): string[] {
  return [
    `await page.goto(${ts(path)});`,
    list
      ? `await expect(${loaded(list)}).toBeVisible();`
      : `await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toBeVisible();`,
  ];
}

/** "fill "Label" with …" outside a create form: types into the labelled field. */
export function fillLine(label: string, value: string | undefined): string {
  return `await page.getByLabel(${ts(label)}, { exact: true }).fill(${ts(value ?? "Smoke")});`;
}

/** "access is denied": the page shows a "Not allowed" heading. */
export const DENIED_LINE = `await expect(page.getByRole("heading", { name: "Not allowed", exact: true })).toBeVisible();`;

/** "see the admin screen": it opens, under its own heading. */
export function adminLines(admin: NonNullable<AppModel["admin"]>): string[] {
  return [
    `await page.goto(${ts(admin.route)});`,
    `await expect(page.getByRole("heading", { name: ${ts(admin.title)}, exact: true })).toBeVisible();`,
  ];
}

/**
 * "see a notification" about `text` (or any). Triggers run after the write, in a sandbox:
 * the list is read again until it shows.
 */
export function notificationLines(text: string | undefined): string[] {
  const list = `page.getByRole("list", { name: "Notifications" })`;
  const item = text ? `${list}.getByText(${ts(text)})` : `${list}.getByRole("listitem")`;
  return [
    `await page.goto("/notifications");`,
    `await expect(async () => {`,
    `  await page.reload();`,
    `  await expect(${item}.first()).toBeVisible({ timeout: 2_000 });`,
    `}).toPass({ timeout: 60_000 });`,
  ];
}

/** "check out": from the cart's list page, and the order is confirmed. */
export function checkoutLines(cart: ModelInfo): string[] {
  return [
    `await page.goto(${listUrl(cart)});`,
    `await expect(${listOf(cart)}).toBeVisible();`,
    `await page.getByRole("button", { name: "Check out" }).click();`,
    `await expect(page.getByText(/Order placed/)).toBeVisible();`,
  ];
}

/** A step the writer cannot automate: noted on the test, so the report shows it was skipped. */
export function manualLine(step: string): string {
  return `test.info().annotations.push({ type: "not automated", description: ${ts(step)} });`;
}
