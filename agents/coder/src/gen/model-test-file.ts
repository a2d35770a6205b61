import type { Field } from "@winky/planner";
import type { ModelInfo } from "../analyze.js";
import { sampleValue, TEXT_LIMITS } from "../fields/field-code.js";
import { indent, lines, ts } from "../naming.js";

/** What `validate<Model>` says about a required field left empty. */
function requiredMessage(f: Field): string | undefined {
  if (f.type === "boolean") return undefined;
  if (f.type === "tags") return `${f.label} needs at least one tag.`;
  return `${f.label} is required.`;
}

/** `src/models/<name>.test.ts`: validation and converters of one model. */
export function modelTestFile(info: ModelInfo): string {
  const { name, varName, fields, ownerField, model } = info;
  const sample = fields.map((f) => `${f.name}: ${sampleValue(f, model.collection)},`);
  const required = Object.fromEntries(
    fields.flatMap((f) =>
      f.required && requiredMessage(f) ? [[f.name, requiredMessage(f)!]] : [],
    ),
  );
  const longText = fields.find((f) => f.type === "string" || f.type === "text");
  const email = fields.find((f) => f.type === "email");
  const choice = fields.find((f) => f.type === "enum");
  const clearable = fields.find((f) => !f.required && !["boolean", "tags"].includes(f.type));
  const created = ownerField
    ? `${varName}CreateData(input, "user-1")`
    : `${varName}CreateData(input)`;
  const cases: string[] = [
    `it("accepts a complete ${info.label}", () => {\n  expect(validate${name}(sample())).toEqual({});\n});`,
    `it("names every required field left empty", () => {\n  expect(validate${name}(empty${name}())).toEqual(${JSON.stringify(required)});\n});`,
  ];
  if (longText) {
    const max = TEXT_LIMITS[longText.type]!;
    cases.push(
      `it("refuses ${longText.label.toLowerCase()} over ${max} characters", () => {\n` +
        `  const errors = validate${name}({ ...sample(), ${longText.name}: "x".repeat(${max + 1}) });\n` +
        `  expect(errors.${longText.name}).toBe(${ts(`${longText.label} must be at most ${max} characters.`)});\n});`,
    );
  }
  if (email) {
    cases.push(
      `it("refuses an address without @ as ${email.label.toLowerCase()}", () => {\n` +
        `  const errors = validate${name}({ ...sample(), ${email.name}: "not-an-address" });\n` +
        `  expect(errors.${email.name}).toBe(${ts(`${email.label} must be a valid email address.`)});\n});`,
    );
  }
  if (choice) {
    const message = `${choice.label} must be one of: ${(choice.options ?? []).join(", ")}.`;
    cases.push(
      `it("refuses ${choice.label.toLowerCase()} outside its options", () => {\n` +
        `  const errors = validate${name}({ ...sample(), ${choice.name}: "something else" });\n` +
        `  expect(errors.${choice.name}).toBe(${ts(message)});\n});`,
    );
  }
  const converters: string[] = [
    lines(
      `it("read back what they write", () => {`,
      `  const input = sample();`,
      `  const data = ${created};`,
      ownerField ? `  expect(data.${ownerField}).toBe("user-1");` : null,
      `  expect(data.createdAt).toBeInstanceOf(FieldValue);`,
      `  const stored = { ...data, createdAt: Timestamp.fromMillis(0), updatedAt: Timestamp.fromMillis(0) };`,
      `  const item = ${varName}FromData("doc-1", stored);`,
      `  expect(item.id).toBe("doc-1");`,
      `  expect(item.createdAt).toEqual(new Date(0));`,
      `  expect(${varName}ToInput(item)).toEqual(input);`,
      `});`,
    ),
    lines(
      `it("read a document with missing fields as an empty form", () => {`,
      `  expect(${varName}ToInput(${varName}FromData("doc-1", {}))).toEqual(empty${name}());`,
      `});`,
    ),
  ];
  if (clearable) {
    converters.push(
      lines(
        `it("delete an optional field cleared in an update", () => {`,
        `  const data = ${varName}UpdateData({ ...sample(), ${clearable.name}: empty${name}().${clearable.name} });`,
        `  expect(data.${clearable.name}).toBeInstanceOf(FieldValue);`,
        `  expect(data.updatedAt).toBeInstanceOf(FieldValue);`,
        `});`,
      ),
    );
  }
  return lines(
    `import { FieldValue, Timestamp } from "@winky/sdk";`,
    `import { describe, expect, it } from "vitest";`,
    `import {`,
    `  empty${name},`,
    `  ${varName}CreateData,`,
    `  ${varName}FromData,`,
    `  ${varName}ToInput,`,
    clearable ? `  ${varName}UpdateData,` : null,
    `  validate${name},`,
    `  type ${name}Input,`,
    `} from "./${info.file}";`,
    "",
    `function sample(): ${name}Input {`,
    `  return {`,
    indent(sample.join("\n"), 2),
    `  };`,
    `}`,
    "",
    `describe(${ts(name)}, () => {`,
    `  describe("validate${name}", () => {`,
    indent(cases.join("\n\n"), 2),
    `  });`,
    "",
    `  describe("converters", () => {`,
    indent(converters.join("\n\n"), 2),
    `  });`,
    `});`,
    "",
  );
}
