import { describe, expect, it } from "vitest";
import {
  cacheControlOf,
  contentTypeOf,
  IMMUTABLE,
  isHashedAsset,
  isNotModified,
  REVALIDATE,
  SHORT_LIVED,
} from "./file-headers.js";

describe("file headers", () => {
  it.each([
    ["/index.html", "text/html; charset=utf-8"],
    ["/assets/index-B_wZ0Yan.js", "text/javascript; charset=utf-8"],
    ["/m.mjs", "text/javascript; charset=utf-8"],
    ["/a.CSS", "text/css; charset=utf-8"],
    ["/data.json", "application/json; charset=utf-8"],
    ["/assets/index.js.map", "application/json; charset=utf-8"],
    ["/logo.svg", "image/svg+xml"],
    ["/a.png", "image/png"],
    ["/a.jpg", "image/jpeg"],
    ["/a.jpeg", "image/jpeg"],
    ["/a.gif", "image/gif"],
    ["/a.webp", "image/webp"],
    ["/favicon.ico", "image/x-icon"],
    ["/robots.txt", "text/plain; charset=utf-8"],
    ["/f.woff", "font/woff"],
    ["/f.woff2", "font/woff2"],
    ["/m.wasm", "application/wasm"],
    ["/site.webmanifest", "application/manifest+json"],
    ["/archive.tar.gz", "application/octet-stream"],
    ["/LICENSE", "application/octet-stream"],
  ])("serves %s as %s", (path, type) => expect(contentTypeOf(path)).toBe(type));

  describe("hashed assets", () => {
    it.each([
      "/assets/index-B_wZ0Yan.js",
      "/assets/vendor-C-3xUVmb.js",
      "/assets/index-DiwrgTda.css",
      "/assets/logo-1a2b3c4d.svg",
      "/assets/index.3f2a1b4c.js",
      "/assets/nested/chunk-Ab12Cd34.js",
    ])("takes %s for hashed", (path) => expect(isHashedAsset(path)).toBe(true));

    it.each([
      "/index-B_wZ0Yan.js",
      "/assets/my-homepage.js",
      "/assets/app.js",
      "/assets/-B_wZ0Yan.js",
      "/assets/index-B_wZ0Ya.js",
    ])("does not take %s for hashed", (path) => expect(isHashedAsset(path)).toBe(false));
  });

  it("revalidates HTML, caches hashed assets for a year and the rest for five minutes", () => {
    expect(cacheControlOf("/index.html")).toBe(REVALIDATE);
    expect(cacheControlOf("/assets/page-Ab12Cd34.html")).toBe(REVALIDATE);
    expect(cacheControlOf("/assets/index-B_wZ0Yan.js")).toBe(IMMUTABLE);
    expect(cacheControlOf("/favicon.ico")).toBe(SHORT_LIVED);
    expect(cacheControlOf("/assets/app.js")).toBe(SHORT_LIVED);
  });

  it("answers not-modified for a listed, weak or wildcard validator only", () => {
    const etag = '"abc"';
    expect(isNotModified('"abc"', etag)).toBe(true);
    expect(isNotModified('"x", W/"abc"', etag)).toBe(true);
    expect(isNotModified("*", etag)).toBe(true);
    expect(isNotModified('"abcd"', etag)).toBe(false);
    expect(isNotModified(undefined, etag)).toBe(false);
    expect(isNotModified("", etag)).toBe(false);
  });
});
