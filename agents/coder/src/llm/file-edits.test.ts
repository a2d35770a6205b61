import { describe, expect, it } from "vitest";
import { createFile, editPathProblem, readFileTool, replaceInFile } from "./file-edits.js";

describe("the edits a model may make", () => {
  it("replace exactly one occurrence, or say why not", () => {
    const files = { "a.ts": "const x = 1;\nconst x = 1;\nconst y = 2;\n" };
    expect(replaceInFile(files, "a.ts", "const x = 1;", "z")).toMatch(/occurs more than once/);
    expect(replaceInFile(files, "a.ts", "", "z")).toMatch(/search is empty/);
    expect(replaceInFile(files, "b.ts", "x", "z")).toMatch(/there is no b\.ts/);
    expect(replaceInFile(files, "a.ts", "const y = 2;", "const y = 3;")).toBe(
      "ok: replaced 1 occurrence in a.ts",
    );
    expect(files["a.ts"]).toBe("const x = 1;\nconst x = 1;\nconst y = 3;\n");
  });

  it("create only new files, inside the app, not built or hidden ones", () => {
    const files: Record<string, string> = { "a.ts": "" };
    for (const [path, problem] of [
      ["/etc/passwd", /relative path/],
      ["src/../../x", /\.\. segments/],
      ["src\\x.ts", /separators/],
      [".env", /hidden/],
      ["src/.git/config", /hidden/],
      ["node_modules/x/index.js", /built, not written/],
      ["dist/index.html", /built, not written/],
      ["a.ts", /exists/],
    ] as const) {
      expect(createFile(files, path, "x"), path).toMatch(problem);
    }
    expect(createFile(files, "src/new.ts", "x".repeat(200_001))).toMatch(/at most 200000/);
    expect(createFile(files, "src/new.ts", "export {};\n")).toBe("ok: created src/new.ts");
    expect(Object.keys(files)).toEqual(["a.ts", "src/new.ts"]);
    expect(editPathProblem("src/ok.tsx")).toBeUndefined();
    expect(readFileTool(files, "missing.ts")).toMatch(/^error: there is no missing\.ts/);
  });
});
