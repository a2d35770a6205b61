import type { Field } from "@winky/planner";
import type { ModelInfo } from "../analyze.js";
import { MAX_PATH, MAX_TAGS, TEXT_LIMITS } from "../fields/field-code.js";
import { rulesString } from "../naming.js";

/** The condition a present field's value must meet (`v` is e.g. `data.title`). */
function typeCheck(f: Field, v: string): string {
  const max = TEXT_LIMITS[f.type];
  const required = f.required ? ` && ${v}.size() > 0` : "";
  switch (f.type) {
    case "string":
    case "text":
    case "markdown":
      return `${v} is string${required} && ${v}.size() <= ${max}`;
    case "email":
      return `${v} is string && ${v}.size() <= ${max} && ${v}.matches('[^@ ]+@[^@ ]+[.][^@ ]+')`;
    case "url":
      return `${v} is string && ${v}.size() <= ${max} && ${v}.matches('https?://[^ ]+')`;
    case "number":
      return `${v} is number`;
    case "boolean":
      return `${v} is bool`;
    case "date":
      return `${v} is string && ${v}.matches('[0-9]{4}-[0-9]{2}-[0-9]{2}')`;
    case "datetime":
      return `${v} is timestamp`;
    case "image":
    case "file":
      return `${v} is string && ${v}.size() > 0 && ${v}.size() <= ${MAX_PATH}`;
    case "tags":
      return `${v} is list${required} && ${v}.size() <= ${MAX_TAGS}`;
    case "enum":
      return `${v} in [${(f.options ?? []).map(rulesString).join(", ")}]`;
    case "reference":
      return `${v} is string && ${v}.size() > 0 && ${v}.size() <= 1500`;
    case "geopoint":
      return `${v} is latlng`;
    default:
      return "false";
  }
}

/** Every key a document of the model may have. */
export function allowedKeys(info: ModelInfo): string[] {
  return [
    ...info.fields.map((f) => f.name),
    ...(info.ownerField ? [info.ownerField] : []),
    "createdAt",
    "updatedAt",
  ];
}

/**
 * `function validNote(data) { … }`: the document after a write has only the model's keys, every
 * required one, and each field of the right type within its limits.
 */
export function validFunction(info: ModelInfo): string {
  const keys = allowedKeys(info);
  const required = [
    ...info.fields.filter((f) => f.required).map((f) => f.name),
    ...(info.ownerField ? [info.ownerField] : []),
    "createdAt",
    "updatedAt",
  ];
  const checks = [
    `data.keys().hasOnly([${keys.map(rulesString).join(", ")}])`,
    `data.keys().hasAll([${required.map(rulesString).join(", ")}])`,
    ...info.fields.map((f) => {
      const check = typeCheck(f, `data.${f.name}`);
      return f.required ? check : `(!(${rulesString(f.name)} in data) || (${check}))`;
    }),
    ...(info.ownerField ? [`data.${info.ownerField} is string`] : []),
    `data.createdAt is timestamp`,
    `data.updatedAt is timestamp`,
  ];
  return [`function valid${info.name}(data) {`, `  return ${checks.join("\n    && ")};`, `}`].join(
    "\n",
  );
}
