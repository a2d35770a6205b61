import type { Field } from "@winky/planner";
import type { AppModel, ModelInfo } from "../analyze.js";
import { ts } from "../naming.js";
import { referenceActionLabel } from "../gen/screens/common.js";

/**
 * Playwright statements about one document: opening its create form, submitting it, reading
 * it back on its own page, editing and deleting it. Stateless: the scenario writer decides
 * which documents exist and passes the parent or referenced document to start from.
 */

/** The URL the spec saved when it created a document of `model` (`urls[…]` in the test). */
export function documentUrl(model: { name: string }): string {
  return `urls[${ts(model.name)}]!`;
}

/** A heading reads `title`: a document's page is headed by its display field. */
export function headingLine(title: string): string {
  return `await expect(page.getByRole("heading", { name: ${ts(title)}, exact: true })).toBeVisible();`;
}

/** The image field shows; read back through the storage rules, the page downloads it. */
export function imageLine(image: Field): string {
  return `await expect(page.getByRole("img", { name: ${ts(image.label)} })).toBeVisible();`;
}

/**
 * Opens the create form: from the parent's page, else from the page of a document it refers
 * to (`via`), else at its own route.
 */
export function openFormLines(
  app: AppModel,
  model: ModelInfo,
  parent: ModelInfo | undefined,
  via: Field | undefined,
): string[] {
  if (parent)
    return [
      `await page.goto(${documentUrl(parent)});`,
      `await page.getByRole("link", { name: ${ts(`New ${model.label}`)} }).click();`,
    ];
  if (via)
    return [
      `await page.goto(${documentUrl({ name: via.references! })});`,
      `await page.getByRole("link", { name: ${ts(referenceActionLabel(app, model))} }).click();`,
    ];
  return [`await page.goto(${ts(model.routes.create.pattern)});`];
}

/** Presses "Create …" and waits until the app has left the form for the new document. */
export function submitFormLines(model: ModelInfo): string[] {
  return [
    `await page.getByRole("button", { name: ${ts(`Create ${model.label}`)} }).click();`,
    `await page.waitForURL((url) => !url.pathname.endsWith("/new"));`,
  ];
}

/** On the new document's page: its heading and image show, and its URL is kept for later. */
export function createdLines(
  model: ModelInfo,
  title: string | undefined,
  image: Field | undefined,
): string[] {
  return [
    ...(title ? [headingLine(title)] : []),
    ...(image ? [imageLine(image)] : []),
    `urls[${ts(model.name)}] = page.url();`,
  ];
}

/** "on its page": the document's own page, with its heading and (if uploaded) its image. */
export function detailLines(
  model: ModelInfo,
  title: string | undefined,
  uploaded: boolean,
): string[] {
  const image = uploaded ? model.fields.find((f) => f.type === "image") : undefined;
  return [
    `await page.goto(${documentUrl(model)});`,
    ...(title ? [headingLine(title)] : []),
    ...(image ? [imageLine(image)] : []),
  ];
}

/**
 * Edits the document: a text display field gets the new title (or a stock one) and the page
 * shows it, cut as the heading cuts it; any other document is saved as it is.
 */
export function editLines(model: ModelInfo, title: string | undefined): string[] {
  const open = [
    `await page.goto(${documentUrl(model)});`,
    `await page.getByRole("link", { name: "Edit", exact: true }).click();`,
  ];
  const save = `await page.getByRole("button", { name: ${ts(`Save ${model.label}`)} }).click();`;
  const display = model.display;
  if (!display || !["string", "text", "markdown"].includes(display.type)) return [...open, save];
  const next = title ?? "Edited by the smoke test";
  return [
    ...open,
    `await page.getByLabel(${ts(display.label)}, { exact: true }).fill(${ts(next)});`,
    save,
    headingLine(next.slice(0, 120)),
  ];
}

/** Deletes the document from its page, accepting the confirm dialog, and sees it leave. */
export function deleteLines(model: ModelInfo): string[] {
  return [
    `await page.goto(${documentUrl(model)});`,
    `page.once("dialog", (dialog) => void dialog.accept());`,
    `await page.getByRole("button", { name: "Delete" }).click();`,
    `await expect(page).not.toHaveURL(${documentUrl(model)});`,
  ];
}
