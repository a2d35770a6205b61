import type { ModelInfo } from "../analyze.js";
import {
  converterOf,
  emptyValue,
  fromDataExpr,
  inputType,
  optionsConst,
  readType,
  toInputExpr,
  validateExpr,
  validatorOf,
  writeStatements,
} from "../fields/field-code.js";
import { indent, lines, ts } from "../naming.js";

/** `src/models/<name>.ts`: the type, the form's values, validation and converters. */
export function modelFile(info: ModelInfo): string {
  const { name, varName, fields, ownerField } = info;
  const converters = new Set(fields.map(converterOf));
  converters.add("asDate");
  if (ownerField) converters.add("asString");
  if (fields.some((f) => f.type === "datetime"))
    converters.add("fromDateTimeLocal").add("toDateTimeLocal");
  if (fields.some((f) => f.type === "geopoint")) converters.add("toGeoPoint");
  const validators = new Set(fields.flatMap((f) => validatorOf(name, f) ?? []));
  const validations = fields.flatMap((f) => {
    const check = validateExpr(name, f);
    return check ? [`${f.name}: ${check},`] : [];
  });
  const owner = ownerField ? `, uid: string` : "";
  return lines(
    `// Generated from the plan: the ${name} model, stored in "${pathDescription(info)}".`,
    `import { deleteField, serverTimestamp, type DocumentData } from "@winky/sdk";`,
    `import { ${[...converters].sort().join(", ")} } from "../lib/convert";`,
    `import { ${[...validators, "compact"].sort().join(", ")}, type ValidationErrors } from "../lib/validation";`,
    "",
    ...fields
      .filter((f) => f.type === "enum")
      .map(
        (f) =>
          `export const ${optionsConst(name, f)}: readonly string[] = [${(f.options ?? []).map(ts).join(", ")}];\n`,
      ),
    `/** A ${info.label} as the app reads it. */`,
    `export interface ${name} {`,
    `  id: string;`,
    ...fields.map((f) => `  ${f.name}: ${readType(f)};`),
    ownerField ? `  /** The uid of the user who created it. */\n  ${ownerField}: string;` : null,
    `  createdAt: Date | null;`,
    `  updatedAt: Date | null;`,
    `}`,
    "",
    `/** What the ${info.label} form edits. */`,
    `export interface ${name}Input {`,
    ...fields.map((f) => `  ${f.name}: ${inputType(f)};`),
    `}`,
    "",
    `export function empty${name}(): ${name}Input {`,
    `  return {`,
    ...fields.map((f) => `    ${f.name}: ${emptyValue(f)},`),
    `  };`,
    `}`,
    "",
    `/** A message per invalid field, naming it; \`{}\` when the ${info.label} is valid. */`,
    `export function validate${name}(input: ${name}Input): ValidationErrors<${name}Input> {`,
    `  return compact<${name}Input>({`,
    indent(validations.join("\n"), 2),
    `  });`,
    `}`,
    "",
    `/** Reads a stored document leniently: missing or mistyped fields read as empty. */`,
    `export function ${varName}FromData(id: string, data: DocumentData): ${name} {`,
    `  return {`,
    `    id,`,
    ...fields.map((f) => `    ${f.name}: ${fromDataExpr(f)},`),
    ownerField ? `    ${ownerField}: asString(data.${ownerField}),` : null,
    `    createdAt: asDate(data.createdAt),`,
    `    updatedAt: asDate(data.updatedAt),`,
    `  };`,
    `}`,
    "",
    `export function ${varName}ToInput(item: ${name}): ${name}Input {`,
    `  return {`,
    ...fields.map((f) => `    ${f.name}: ${toInputExpr(f)},`),
    `  };`,
    `}`,
    "",
    `/** The form's values as stored fields; empty optional fields are listed in \`cleared\`. */`,
    `export function ${varName}Fields(input: ${name}Input): { set: DocumentData; cleared: string[] } {`,
    `  const set: DocumentData = {};`,
    `  const cleared: string[] = [];`,
    indent(fields.flatMap(writeStatements).join("\n"), 1),
    `  return { set, cleared };`,
    `}`,
    "",
    `/** A new ${info.label}: its fields${ownerField ? ", its owner" : ""} and the server's timestamps. */`,
    `export function ${varName}CreateData(input: ${name}Input${owner}): DocumentData {`,
    `  return {`,
    `    ...${varName}Fields(input).set,`,
    ownerField ? `    ${ownerField}: uid,` : null,
    `    createdAt: serverTimestamp(),`,
    `    updatedAt: serverTimestamp(),`,
    `  };`,
    `}`,
    "",
    `/** An update: the fields, the cleared ones deleted, a new updatedAt. */`,
    `export function ${varName}UpdateData(input: ${name}Input): DocumentData {`,
    `  const { set, cleared } = ${varName}Fields(input);`,
    `  return {`,
    `    ...set,`,
    `    ...Object.fromEntries(cleared.map((field) => [field, deleteField()])),`,
    `    updatedAt: serverTimestamp(),`,
    `  };`,
    `}`,
    "",
  );
}

/** `notes`, or `rooms/{roomId}/messages` for a subcollection. */
export function pathDescription(info: ModelInfo): string {
  return [
    ...info.ancestors.map((a) => `${a.model.collection}/{${a.varName}Id}`),
    info.model.collection,
  ].join("/");
}
