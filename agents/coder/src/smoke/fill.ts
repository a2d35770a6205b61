import type { Field } from "@winky/planner";
import type { ModelInfo } from "../analyze.js";
import { TEXT_LIMITS } from "../fields/field-code.js";
import { ts } from "../naming.js";

/** What the smoke spec types into create forms: a value per field type, by label. */

/** The heading a created document shows, when its display field is text the step set. */
export function titleFor(model: ModelInfo, title: string | undefined): string | undefined {
  const d = model.display;
  if (!d || !["string", "text", "email", "url"].includes(d.type)) return undefined;
  const value = title ?? sampleText(d);
  return d.type === "text" ? value.slice(0, 120) : value;
}

export function sampleText(f: Field): string {
  if (f.type === "email") return "smoke@example.com";
  if (f.type === "url") return "https://example.com";
  return `Smoke ${f.label.toLowerCase()}`.slice(0, TEXT_LIMITS[f.type] ?? 200);
}

/** What a step says about the document it creates; the rest of the form gets sample values. */
export interface FillOptions {
  title?: string;
  tags?: string[];
  numbers?: Record<string, string>;
  upload?: boolean;
  /** Values the scenario fills by label (lower case); `undefined`: any valid one. */
  given?: ReadonlyMap<string, string | undefined>;
}

/** The statements filling one field of the create form, when it needs filling. */
export function fill(model: ModelInfo, f: Field, options: FillOptions): string[] {
  const field = `page.getByLabel(${ts(f.label)}, { exact: true })`;
  const isTitle = model.display === f;
  const named = options.given?.has(f.label.toLowerCase()) ?? false;
  const given = options.given?.get(f.label.toLowerCase());
  switch (f.type) {
    case "string":
    case "text":
    case "markdown":
    case "email":
    case "url":
      if (!f.required && !isTitle && !named) return [];
      return [
        `await ${field}.fill(${ts(given ?? (isTitle && options.title ? options.title : sampleText(f)))});`,
      ];
    case "number": {
      const value = given ?? options.numbers?.[f.name];
      return f.required || value || named ? [`await ${field}.fill(${ts(value ?? "1")});`] : [];
    }
    case "date":
      return f.required || named ? [`await ${field}.fill(${ts(given ?? "2030-01-02")});`] : [];
    case "datetime":
      return f.required || named
        ? [`await ${field}.fill(${ts(given ?? "2030-01-02T03:04")});`]
        : [];
    case "enum":
      return f.required || named
        ? [`await ${field}.selectOption(${ts(given ?? f.options?.[0] ?? "")});`]
        : [];
    case "reference":
      if (!f.required) return [];
      return [
        `await expect(${field}.locator("option")).not.toHaveCount(1);`,
        `await ${field}.selectOption({ index: 1 });`,
      ];
    case "tags": {
      const tags = options.tags?.length
        ? options.tags
        : given
          ? given.split(/[\s,]+/).filter(Boolean)
          : f.required || named
            ? ["smoke"]
            : [];
      return tags.flatMap((t) => [
        `await ${field}.fill(${ts(t)});`,
        `await ${field}.press("Enter");`,
      ]);
    }
    case "image":
    case "file":
      if (!f.required && !options.upload) return [];
      return [
        f.type === "image"
          ? `await ${field}.setInputFiles({ name: "smoke.png", mimeType: "image/png", buffer: PNG });`
          : `await ${field}.setInputFiles({ name: "smoke.pdf", mimeType: "application/pdf", buffer: PDF });`,
        `await expect(page.getByText("Uploading…")).toHaveCount(0);`,
      ];
    case "geopoint":
      return f.required
        ? [
            `await page.getByLabel(${ts(`${f.label} latitude`)}, { exact: true }).fill("48.85");`,
            `await page.getByLabel(${ts(`${f.label} longitude`)}, { exact: true }).fill("2.35");`,
          ]
        : [];
    default:
      return [];
  }
}
