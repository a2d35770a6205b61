import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fileProblem, uploadPath } from "../lib/uploads";
import { ImageUpload } from "./image-upload";

describe("uploads", () => {
  it("go under the user's own folder, with a file name safe for a path", () => {
    expect(uploadPath("u1", "notes", "My Photo (1).PNG", 0)).toBe(
      "users/u1/notes/0-my-photo-1-.png",
    );
  });

  it("refuse files of another type or over the size limit", () => {
    expect(fileProblem({ size: 10, type: "text/html" }, ["image/*"], 1)).toMatch(/not accepted/);
    expect(fileProblem({ size: 2 * 1024 * 1024, type: "image/png" }, ["image/*"], 1)).toMatch(
      /larger than 1 MB/,
    );
    expect(fileProblem({ size: 10, type: "image/png" }, ["image/*"], 1)).toBeUndefined();
  });
});

describe("ImageUpload", () => {
  it("says why a picked file is refused, before uploading anything", () => {
    let changed = false;
    render(
      <ImageUpload
        label="Photo"
        value={null}
        onChange={() => (changed = true)}
        uid="u1"
        folder="x"
      />,
    );
    const input = screen.getByLabelText("Photo");
    const file = new File(["<script>"], "page.html", { type: "text/html" });
    fireEvent.change(input, { target: { files: [file] } });
    expect(screen.getByText(/This kind of file \(text\/html\) is not accepted/)).toBeTruthy();
    expect(changed).toBe(false);
  });
});
