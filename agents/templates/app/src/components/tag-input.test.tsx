import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { addTag, MAX_TAGS, TagInput } from "./tag-input";

function Harness({ initial = [] as string[] }) {
  const [tags, setTags] = useState(initial);
  return <TagInput label="Tags" value={tags} onChange={setTags} />;
}

describe("addTag", () => {
  it("trims, lower-cases and joins words with dashes", () => {
    expect(addTag([], "  Big Ideas ")).toEqual(["big-ideas"]);
  });

  it("ignores a tag that is already there, empty or too long", () => {
    expect(addTag(["work"], "Work")).toEqual(["work"]);
    expect(addTag(["work"], "   ")).toEqual(["work"]);
    expect(addTag([], "x".repeat(41))).toEqual([]);
  });

  it(`stops at ${MAX_TAGS} tags`, () => {
    const full = Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`);
    expect(addTag(full, "one-more")).toHaveLength(MAX_TAGS);
  });
});

describe("TagInput", () => {
  it("adds the typed tag on Enter and removes it with its button", () => {
    render(<Harness />);
    const input = screen.getByLabelText("Tags");
    fireEvent.change(input, { target: { value: "Urgent" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(screen.getByText("urgent")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Remove tag urgent" }));
    expect(screen.queryByText("urgent")).toBeNull();
  });
});
