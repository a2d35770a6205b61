import { describe, expect, it } from "vitest";
import { isInvalidPathError } from "./errors.js";
import { formatFieldPath, parseFieldPath } from "./field-path.js";

describe("field paths", () => {
  it.each([
    ["a", ["a"]],
    ["a.b.c", ["a", "b", "c"]],
    ["a.b.`c.d`", ["a", "b", "c.d"]],
    ["`a.b`", ["a.b"]],
    ["`first name`.x", ["first name", "x"]],
    ["`a\\`b`", ["a`b"]],
    ["`a\\\\b`", ["a\\b"]],
    ["`名前`", ["名前"]],
    ["`1st`", ["1st"]],
    ["_id9", ["_id9"]],
  ])("%s parses to %j and formats back the same", (text, segments) => {
    expect(parseFieldPath(text)).toEqual(segments);
    expect(formatFieldPath(segments)).toBe(text);
  });

  it("accepts unquoted segments that are not identifiers, and formats them quoted", () => {
    expect(parseFieldPath("first-name.名前.1st")).toEqual(["first-name", "名前", "1st"]);
    expect(formatFieldPath(["first-name", "名前", "1st"])).toBe("`first-name`.`名前`.`1st`");
  });

  it("round-trips awkward segments through format and parse", () => {
    const awkward = ["`", "\\", ".", "..", "a.b`c\\d", " ", "😀", "__name__", "a\nb", "`x`"];
    for (const segment of awkward) {
      expect(parseFieldPath(formatFieldPath([segment, "z"]))).toEqual([segment, "z"]);
    }
  });

  it.each([
    ["", "it is empty"],
    ["a..b", "segment 2 is empty"],
    [".a", "segment 1 is empty"],
    ["a.", "it ends with '.'"],
    ["``", "segment 1 is empty"],
    ["`abc", "a backtick-quoted segment is not closed"],
    ["`a\\", "unknown escape at offset 2"],
    ["`a\\n`", "unknown escape at offset 2"],
    ["`a`b", "expected '.' after the quoted segment"],
    ["a`b`", 'segment "a`b`" must be backtick-quoted'],
    ["a\\b", 'segment "a\\\\b" must be backtick-quoted'],
    ["a.b\u0000c", "segment 2 contains U+0000, which this runtime does not support in names"],
    ["`\u0000`", "segment 1 contains U+0000, which this runtime does not support in names"],
  ])("rejects %j: %s", (text, rule) => {
    let error: unknown;
    try {
      parseFieldPath(text);
    } catch (e) {
      error = e;
    }
    expect(isInvalidPathError(error)).toBe(true);
    expect((error as Error).message).toBe(`invalid field path ${JSON.stringify(text)}: ${rule}`);
  });
});
