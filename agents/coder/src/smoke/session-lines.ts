import type { AppModel, ModelInfo } from "../analyze.js";
import { ts } from "../naming.js";
import { loaded } from "./list-page-lines.js";

/**
 * Playwright statements for the browser session: signing in and out, a second account,
 * granting roles, and a second tab of the same session for realtime checks. Stateless: the
 * scenario writer tracks who is signed in, with which roles, and whether the tab is open.
 */

export const SIGN_OUT = `await signOut(page);`;
export const SIGN_IN = `await signIn(page, email);`;
/** A second, new account, signed up like the first through the mailed link. */
export const SIGN_UP_ANOTHER = `await signUp(page, request);`;

/** Grants the signed-in account roles; the helper signs out and in so the token carries them. */
export function grantRolesLine(roles: string[]): string {
  return `await grantRoles(page, request, email, ${JSON.stringify(roles)});`;
}

/** The realtime model a second tab watches: one with a parent first, else any. */
export function liveModel(app: AppModel): ModelInfo | undefined {
  return (
    app.models.find((m) => m.model.realtime && m.ancestors.length > 0) ??
    app.models.find((m) => m.model.realtime)
  );
}

/**
 * The same session in a second tab, on the live model's parent (or list) page at `url`.
 * The tab loads before the write: what shows there later came live, never by a reload.
 */
export function secondPageLines(live: ModelInfo, url: string): string[] {
  return [
    `const other = await page.context().newPage();`,
    `await other.goto(${url});`,
    `await expect(${loaded(live, "other")}).toBeVisible();`,
    `await page.goto(${url});`,
  ];
}

/** "see it appear in the other": the second tab shows the text without a reload. */
export function seenInOtherLine(text: string): string {
  return `await expect(other.getByText(${ts(text)}).first()).toBeVisible();`;
}
