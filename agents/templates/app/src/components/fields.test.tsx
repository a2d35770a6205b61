import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NumberField, SelectField, TextField } from "./fields";

describe("form fields", () => {
  it("label their control, so it can be found by its label", () => {
    render(<TextField label="Title" value="Hello" onChange={() => undefined} />);
    expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe("Hello");
  });

  describe("when the value is invalid", () => {
    it("mark the control invalid and point it at the message", () => {
      render(
        <TextField label="Title" value="" onChange={() => undefined} error="Title is required." />,
      );
      const input = screen.getByLabelText("Title");
      expect(input.getAttribute("aria-invalid")).toBe("true");
      const message = document.getElementById(input.getAttribute("aria-describedby") ?? "");
      expect(message?.textContent).toBe("Title is required.");
    });
  });

  it("report an empty number as null", () => {
    let last: number | null = 0;
    render(<NumberField label="Price" value={3} onChange={(v) => (last = v)} />);
    const input = screen.getByLabelText("Price") as HTMLInputElement;
    fireEvent.change(input, { target: { value: "" } });
    expect(last).toBeNull();
  });

  it("offer a placeholder before the options of a select", () => {
    render(
      <SelectField
        label="Status"
        value=""
        options={[{ value: "open", label: "Open" }]}
        onChange={() => undefined}
      />,
    );
    const options = screen.getAllByRole("option").map((o) => o.textContent);
    expect(options).toEqual(["Choose…", "Open"]);
  });
});
