import type { ModelInfo } from "../analyze.js";
import { ts } from "../naming.js";
import { documentUrl } from "./document-page-lines.js";

/**
 * Playwright statements about a model's list (on its list page, or on its parent's page):
 * where it is, when it has loaded, searching and tag-filtering it, and what it shows.
 * Stateless: the scenario writer decides which page to be on and what was created.
 */

/** The first letter in upper case: a list's accessible name is its model's plural so written. */
export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The model's list page URL, as a TypeScript string literal. */
export function listUrl(model: ModelInfo): string {
  return ts(model.routes.list.pattern);
}

/** Where a model's documents are listed: its parent's page (the last created), else its list page. */
export function whereListed(model: ModelInfo): string {
  const parent = model.ancestors.at(-1);
  return parent ? documentUrl(parent) : listUrl(model);
}

/** The locator of the model's list on `page` (or another tab). */
export function listOf(model: ModelInfo, page = "page"): string {
  return `${page}.getByRole("list", { name: ${ts(cap(model.plural))} })`;
}

/** A list page once loaded: the list, or its empty state. */
export function loaded(model: ModelInfo, page = "page"): string {
  return `${listOf(model, page)}.or(${page}.getByText(${ts(`No ${model.plural} yet.`)}, { exact: true }))`;
}

/** The list on the page at `url` shows the document titled `title`, or any row when untitled. */
export function listedLines(model: ModelInfo, url: string, title: string | undefined): string[] {
  return [
    `await page.goto(${url});`,
    title
      ? `await expect(${listOf(model)}.getByText(${ts(title)}).first()).toBeVisible();`
      : `await expect(${listOf(model)}.getByRole("listitem").first()).toBeVisible();`,
  ];
}

/** "see no …": the list (or its empty state) at `url` has loaded, without the text. */
export function absentLines(model: ModelInfo, url: string, title: string | undefined): string[] {
  return [
    `await page.goto(${url});`,
    `await expect(${loaded(model)}).toBeVisible();`,
    title
      ? `await expect(page.getByText(${ts(title)})).toHaveCount(0);`
      : `await expect(${listOf(model)}).toHaveCount(0);`,
  ];
}

/** "search for …": the list page's search box finds the text. */
export function searchLines(model: ModelInfo, text: string): string[] {
  return [
    `await page.goto(${listUrl(model)});`,
    `await page.getByLabel(${ts(`Search ${model.plural}`)}).fill(${ts(text)});`,
    `await expect(page.getByText(${ts(text)}).first()).toBeVisible();`,
  ];
}

/** "filter by the … tag": the tag's chip is pressed, rows still show, and no error alert. */
export function filterTagLines(model: ModelInfo, tag: string): string[] {
  const chip = `page.getByRole("button", { name: ${ts(`#${tag}`)} })`;
  return [
    `await page.goto(${listUrl(model)});`,
    `await ${chip}.click();`,
    `await expect(${chip}).toHaveAttribute("aria-pressed", "true");`,
    `await expect(${listOf(model)}.getByRole("listitem").first()).toBeVisible();`,
    `await expect(page.getByRole("alert")).toHaveCount(0);`,
  ];
}

/** After a tag filter: the tagged document is listed, and every row listed has the tag. */
export function filteredLines(model: ModelInfo, tag: string, title: string | undefined): string[] {
  const list = listOf(model);
  return [
    ...(title
      ? [`await expect(${list}.getByText(${ts(title)}, { exact: true })).toBeVisible();`]
      : []),
    `await expect(${list}.locator(":scope > li").filter({ hasNotText: ${ts(`#${tag}`)} })).toHaveCount(0);`,
  ];
}
