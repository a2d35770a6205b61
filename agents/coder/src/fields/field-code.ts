import type { Field } from "@winky/planner";
import { constantCase, ts } from "../naming.js";

/** Limits the forms, the model validation and the rules all enforce. */
export const TEXT_LIMITS: Record<string, number> = {
  string: 200,
  text: 5000,
  markdown: 20000,
  email: 254,
  url: 2000,
};
export const MAX_TAGS = 20;
export const MAX_PATH = 1024;

const STRINGISH = new Set([
  "string",
  "text",
  "markdown",
  "email",
  "url",
  "enum",
  "reference",
  "date",
]);

/** The TypeScript type of the value the app reads. */
export function readType(f: Field): string {
  switch (f.type) {
    case "number":
      return "number | null";
    case "boolean":
      return "boolean";
    case "datetime":
      return "Date | null";
    case "image":
    case "file":
      return "string | null";
    case "tags":
      return "string[]";
    case "geopoint":
      return "{ latitude: number; longitude: number } | null";
    default:
      return "string";
  }
}

/** The TypeScript type of the value a form edits. */
export function inputType(f: Field): string {
  if (f.type === "datetime") return "string";
  if (f.type === "geopoint") return "{ latitude: number | null; longitude: number | null }";
  return readType(f);
}

/** An empty form value. */
export function emptyValue(f: Field): string {
  switch (f.type) {
    case "number":
      return "null";
    case "boolean":
      return "false";
    case "image":
    case "file":
      return "null";
    case "tags":
      return "[]";
    case "geopoint":
      return "{ latitude: null, longitude: null }";
    default:
      return '""';
  }
}

/** Reads a stored field leniently (`src` is the document data). */
export function fromDataExpr(f: Field, src = "data"): string {
  const v = `${src}.${f.name}`;
  switch (f.type) {
    case "number":
      return `asNumber(${v})`;
    case "boolean":
      return `asBoolean(${v})`;
    case "datetime":
      return `asDate(${v})`;
    case "image":
    case "file":
      return `asOptionalString(${v})`;
    case "tags":
      return `asStringList(${v})`;
    case "geopoint":
      return `asGeo(${v})`;
    default:
      return `asString(${v})`;
  }
}

/** The converters `fromDataExpr` uses, to import from lib/convert. */
export function converterOf(f: Field): string {
  return fromDataExpr(f).split("(")[0]!;
}

/** A read value as the form's value (`src` is the read item). */
export function toInputExpr(f: Field, src = "item"): string {
  const v = `${src}.${f.name}`;
  if (f.type === "datetime") return `toDateTimeLocal(${v})`;
  if (f.type === "tags") return `[...${v}]`;
  if (f.type === "geopoint") return `{ ...(${v} ?? { latitude: null, longitude: null }) }`;
  return v;
}

/** Statements putting the field into `set`, or its name into `cleared` when empty. */
export function writeStatements(f: Field): string[] {
  const v = `input.${f.name}`;
  const key = f.name;
  if (STRINGISH.has(f.type)) {
    return [
      `const ${key} = ${v}.trim();`,
      `if (${key} !== "") set.${key} = ${key};`,
      `else cleared.push(${ts(key)});`,
    ];
  }
  switch (f.type) {
    case "number":
      return [`if (${v} !== null) set.${key} = ${v};`, `else cleared.push(${ts(key)});`];
    case "boolean":
      return [`set.${key} = ${v};`];
    case "tags":
      return [`set.${key} = [...${v}];`];
    case "datetime":
      return [
        `if (${v} !== "") set.${key} = fromDateTimeLocal(${v});`,
        `else cleared.push(${ts(key)});`,
      ];
    case "image":
    case "file":
      return [`if (${v}) set.${key} = ${v};`, `else cleared.push(${ts(key)});`];
    case "geopoint":
      return [
        `if (${v}.latitude !== null && ${v}.longitude !== null) set.${key} = toGeoPoint(${v});`,
        `else cleared.push(${ts(key)});`,
      ];
    default:
      return [];
  }
}

/** The name of an enum field's options constant: `NOTE_STATUS_OPTIONS`. */
export function optionsConst(modelName: string, f: Field): string {
  return `${constantCase(modelName)}_${constantCase(f.name)}_OPTIONS`;
}

/** The validation call for the field, or undefined when any value is valid (booleans). */
export function validateExpr(modelName: string, f: Field): string | undefined {
  const v = `input.${f.name}`;
  const rule = `{ label: ${ts(f.label)}, required: ${f.required} }`;
  const ruleMax = (max: number) =>
    `{ label: ${ts(f.label)}, required: ${f.required}, max: ${max} }`;
  switch (f.type) {
    case "string":
    case "text":
    case "markdown":
      return `checkText(${v}, ${ruleMax(TEXT_LIMITS[f.type]!)})`;
    case "email":
      return `checkEmail(${v}, ${rule})`;
    case "url":
      return `checkUrl(${v}, ${rule})`;
    case "number":
      return `checkNumber(${v}, ${rule})`;
    case "date":
      return `checkDate(${v}, ${rule})`;
    case "datetime":
      return `checkDateTime(${v}, ${rule})`;
    case "enum":
      return `checkOption(${v}, ${optionsConst(modelName, f)}, ${rule})`;
    case "tags":
      return `checkTags(${v}, ${rule})`;
    case "image":
    case "file":
    case "reference":
      return `checkPresent(${v}, ${rule})`;
    case "geopoint":
      return `checkGeo(${v}, ${rule})`;
    default:
      return undefined;
  }
}

/** The validator `validateExpr` calls, to import from lib/validation. */
export function validatorOf(modelName: string, f: Field): string | undefined {
  return validateExpr(modelName, f)?.split("(")[0];
}

/** A valid form value, for tests. `collection` places sample uploads. */
export function sampleValue(f: Field, collection: string): string {
  switch (f.type) {
    case "string":
      return ts(`Sample ${f.label.toLowerCase()}`.slice(0, TEXT_LIMITS.string));
    case "text":
      return ts(`Some ${f.label.toLowerCase()}.`);
    case "markdown":
      return ts("Some **bold** text.");
    case "email":
      return ts("ada@example.com");
    case "url":
      return ts("https://example.com/page");
    case "number":
      return "3";
    case "boolean":
      return "true";
    case "date":
      return ts("2030-01-02");
    case "datetime":
      return ts("2030-01-02T03:04");
    case "enum":
      return ts(f.options?.[0] ?? "");
    case "tags":
      return '["alpha", "beta"]';
    case "image":
      return ts(`users/user-1/${collection}/0-photo.png`);
    case "file":
      return ts(`users/user-1/${collection}/0-file.pdf`);
    case "reference":
      return ts("ref-1");
    case "geopoint":
      return "{ latitude: 48.85, longitude: 2.35 }";
    default:
      return '""';
  }
}
