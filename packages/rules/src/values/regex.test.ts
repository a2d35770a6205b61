import { describe, expect, it } from "vitest";
import { RulesEvalError } from "./errors.js";
import { regexMatches, regexReplace, regexSplit } from "./regex.js";

describe("RE2 translation", () => {
  it("accepts RE2 spellings JS lacks", () => {
    expect(regexMatches("ab", "(?P<x>a)b")).toBe(true);
    expect(regexMatches("ab", "\\Aab\\z")).toBe(true);
    expect(regexMatches("AB", "(?i)ab")).toBe(true);
    expect(regexMatches("a_b", "a\\_b")).toBe(true);
    expect(regexMatches("a<b", "a\\<b")).toBe(true);
    expect(regexMatches("é", "\\pL")).toBe(true);
    expect(regexMatches("1", "\\PL")).toBe(true);
    expect(regexMatches("α", "\\p{Greek}")).toBe(true);
    expect(regexMatches("a", "\\p{Greek}")).toBe(false);
    expect(regexMatches("a", "\\p{^Greek}")).toBe(true);
    expect(regexMatches("A", "\\x{41}")).toBe(true);
    expect(regexMatches("A", "[\\x{41}-\\x{42}]")).toBe(true);
    expect(regexMatches("x9", "[[:alpha:]][[:digit:]]")).toBe(true);
    expect(regexMatches("a{", "a{")).toBe(true);
    expect(regexMatches("aa", "a{2}")).toBe(true);
    expect(regexMatches("]", "[]]")).toBe(true);
    expect(regexMatches("a-b", "a[\\-]b")).toBe(true);
    expect(regexMatches("a.b", "\\Qa.b\\E")).toBe(true);
    expect(regexMatches("axb", "\\Qa.b\\E")).toBe(false);
  });

  it("lets `.` match everything but a newline, as RE2 does", () => {
    expect(regexMatches("\r", ".")).toBe(true);
    expect(regexMatches("\n", ".")).toBe(false);
    expect(regexMatches("\n", "(?s).")).toBe(true);
  });

  it("anchors whole-string matching even with (?m)", () => {
    expect(regexMatches("a\nb", "(?m)a$")).toBe(false);
    expect(regexMatches("a\nb", "(?m)a\\nb")).toBe(true);
  });

  it("rejects what RE2 cannot express", () => {
    expect(() => regexMatches("aa", "(a)\\1")).toThrow(
      new RulesEvalError(
        "Invalid regular expression '(a)\\1': a backreference is not supported (RE2 syntax).",
      ),
    );
    expect(() => regexMatches("a", "(?=a)a")).toThrow(RulesEvalError);
    expect(() => regexMatches("a", "(?!b)a")).toThrow(RulesEvalError);
    expect(() => regexMatches("a", "(?<=a)a")).toThrow(RulesEvalError);
    expect(() => regexMatches("a", "(?<!a)a")).toThrow(RulesEvalError);
    expect(() => regexMatches("a", "(?P=x)")).toThrow(RulesEvalError);
    expect(() => regexMatches("a", "a(?i)b")).toThrow(RulesEvalError);
  });

  it("turns JS syntax errors into rules errors", () => {
    expect(() => regexMatches("a", "(")).toThrow(RulesEvalError);
    expect(() => regexMatches("a", "[a")).toThrow(RulesEvalError);
    expect(() => regexMatches("a", "a**")).toThrow(RulesEvalError);
  });

  it("serves repeated patterns from the cache, correctly", () => {
    for (let i = 0; i < 600; i++) expect(regexMatches(`x${i}`, `x${i % 300}`)).toBe(i < 300);
    expect(regexReplace("aXbX", "X", "-")).toBe("a-b-");
    expect(regexReplace("aXbX", "X", "-")).toBe("a-b-");
    expect(regexSplit("a,b", ",")).toEqual(["a", "b"]);
    expect(regexSplit("c,d", ",")).toEqual(["c", "d"]);
  });

  it("splits around surrogate pairs without breaking them", () => {
    expect(regexSplit("😀😀", "")).toEqual(["😀", "😀"]);
  });
});
