import { describe, expect, it } from "vitest";
import { compileGlob, globProblem, matchesGlob } from "./glob.js";

const matches = (pattern: string, path: string) => matchesGlob(compileGlob(pattern), path);

describe("globs", () => {
  it.each([
    ["**", "/"],
    ["**", "/a/b/c.js"],
    ["/assets/**", "/assets/index-abc.js"],
    ["assets/**", "/assets/deep/x.css"],
    ["**/*.js", "/main.js"],
    ["**/*.js", "/a/b/main.js"],
    ["/*.html", "/index.html"],
    ["/a/**/b", "/a/b"],
    ["/a/**/b", "/a/x/y/b"],
    ["**/*.{png,jpg}", "/img/cat.jpg"],
    ["/file?.txt", "/file1.txt"],
    ["/docs/*", "/docs/"],
  ])("%s matches %s", (pattern, path) => expect(matches(pattern, path)).toBe(true));

  it.each([
    ["/*.html", "/a/index.html"],
    ["/assets/**", "/asset/x.js"],
    ["**/*.js", "/main.json"],
    ["**/*.{png,jpg}", "/img/cat.gif"],
    ["/file?.txt", "/file10.txt"],
    ["/a/*/b", "/a/x/y/b"],
    ["/index.html", "/index.htm"],
  ])("%s does not match %s", (pattern, path) => expect(matches(pattern, path)).toBe(false));

  it("stays fast on patterns that make backtracking regular expressions explode", () => {
    const started = performance.now();
    const pattern = `/${"*a".repeat(40)}b`;
    expect(matches(pattern, `/${"a".repeat(1000)}`)).toBe(false);
    expect(matches(`/${"**/".repeat(20)}x`, `/${"a/".repeat(300)}y`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each([
    ["", /empty/],
    ["/", /empty/],
    ["/{a,{b,c}}", /nested/],
    ["/{a,b", /without a \}/],
    ["/a}", /without a \{/],
    ["/a\\b", /backslash/],
    ["/{a,b,c,d,e,f}/{a,b,c,d,e,f}", /at most 32 alternatives/],
    [`/${"a".repeat(300)}`, /at most 256/],
  ])("refuses %j", (pattern, problem) => {
    expect(globProblem(pattern)).toMatch(problem);
    expect(() => compileGlob(pattern)).toThrow(problem);
  });
});
