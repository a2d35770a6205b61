import type { ModelInfo } from "../analyze.js";
import { sampleValue } from "../fields/field-code.js";
import { lines, ts } from "../naming.js";

/** The model whose form gets a component test: one without network-bound fields. */
export function formTestModel(models: readonly ModelInfo[]): ModelInfo | undefined {
  return models.find(
    (m) =>
      !m.serverWritten &&
      m.fields.length > 0 &&
      !m.fields.some(
        (f) => f.type === "reference" || (f.required && (f.type === "image" || f.type === "file")),
      ),
  );
}

/** `src/screens/<models>/<model>-form.test.tsx`: the form refuses invalid input and saves valid. */
export function formTestFile(info: ModelInfo): string {
  const { name } = info;
  const required = info.fields.find((f) => f.required && f.type !== "boolean");
  const sample = info.fields.map((f) =>
    f.type === "image" || f.type === "file"
      ? `${f.name}: null,`
      : `${f.name}: ${sampleValue(f, info.model.collection)},`,
  );
  const message =
    required?.type === "tags"
      ? `${required.label} needs at least one tag.`
      : `${required?.label} is required.`;
  return lines(
    `import { fireEvent, render, screen, waitFor } from "@testing-library/react";`,
    `import { describe, expect, it, vi } from "vitest";`,
    `import { ${required ? `empty${name}, ` : ""}type ${name}Input } from "../../models/${info.file}";`,
    `import { ${name}Form } from "./${info.file}-form";`,
    "",
    `const valid: ${name}Input = {`,
    ...sample.map((s) => `  ${s}`),
    `};`,
    "",
    `describe(${ts(`${name}Form`)}, () => {`,
    required
      ? lines(
          `  it("says what is missing instead of saving", () => {`,
          `    const onSubmit = vi.fn(async () => undefined);`,
          `    render(<${name}Form initial={empty${name}()} submitLabel="Save" uid="user-1" onSubmit={onSubmit} />);`,
          `    fireEvent.click(screen.getByRole("button", { name: "Save" }));`,
          `    expect(screen.getByText(${ts(message)})).toBeTruthy();`,
          `    expect(onSubmit).not.toHaveBeenCalled();`,
          `  });`,
          "",
        )
      : null,
    `  it("saves valid values", async () => {`,
    `    const onSubmit = vi.fn(async () => undefined);`,
    `    render(<${name}Form initial={valid} submitLabel="Save" uid="user-1" onSubmit={onSubmit} />);`,
    `    fireEvent.click(screen.getByRole("button", { name: "Save" }));`,
    `    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(valid));`,
    `  });`,
    `});`,
    "",
  );
}
