import { describe, expect, it } from "vitest";
import { fileNameClashes } from "./export-files.js";

describe("fileNameClashes", () => {
  it("accepts names a folder can hold", () => {
    expect(fileNameClashes(["a/b.png", "a/c.png", "b", "c/d/e.txt"])).toEqual([]);
  });

  it("names a file that is also a folder, names differing in case, and folder markers", () => {
    expect(fileNameClashes(["a", "a/b", "A.txt", "a.txt", "x/"])).toEqual([
      "'a' is a file and a folder of 'a/b'",
      "'A.txt' and 'a.txt' differ only in case",
      "'x/' names a folder, not a file",
    ]);
  });
});
