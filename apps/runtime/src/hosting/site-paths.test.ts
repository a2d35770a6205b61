import { describe, expect, it } from "vitest";
import { extensionOf, fileField, looksLikeFile, sitePathProblem } from "./site-paths.js";

describe("site paths", () => {
  describe("sitePathProblem", () => {
    it.each([
      "/index.html",
      "/assets/index-B_wZ0Yan.js",
      "/a b/ü.txt",
      "/.well-known/x",
      "/%2e%2e",
    ])("accepts %s", (path) => expect(sitePathProblem(path)).toBeNull());

    it.each([
      ["index.html", /must start with \//],
      ["/", /empty segment/],
      ["/a//b", /empty segment/],
      ["/dir/", /empty segment/],
      ["/a/../b", /'\.\.' segment/],
      ["/./a", /'\.' segment/],
      ["/a\\b", /backslash/],
      ["/a\nb", /control character/],
      ["/a?b", /\? or #/],
      ["/a#b", /\? or #/],
      [`/${"a".repeat(1024)}`, /at most 1024 characters/],
    ])("refuses %j", (path, problem) => expect(sitePathProblem(path)).toMatch(problem));
  });

  it("names a manifest entry by its path, quoted", () => {
    expect(fileField("/a/../b")).toBe('files["/a/../b"]');
  });

  it("reads the last segment's extension, lowercase", () => {
    expect(extensionOf("/index.HTML")).toBe("html");
    expect(extensionOf("/a.b/c")).toBe("");
    expect(extensionOf("/.htaccess")).toBe("");
    expect(extensionOf("/x.tar.gz")).toBe("gz");
  });

  it("tells file-like paths from app routes by a dot in the last segment", () => {
    expect(looksLikeFile("/assets/x.js")).toBe(true);
    expect(looksLikeFile("/users/42")).toBe(false);
    expect(looksLikeFile("/v1.2/settings")).toBe(false);
    expect(looksLikeFile("/")).toBe(false);
  });
});
