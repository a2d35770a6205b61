import { describe, expect, it } from "vitest";
import { resolveSitePath, type ResolveOptions } from "./resolve-path.js";

const SITE = new Set([
  "/index.html",
  "/about.html",
  "/docs/index.html",
  "/assets/index-B_wZ0Yan.js",
  "/a b.txt",
]);
const has = (path: string) => SITE.has(path);
const SPA: ResolveOptions = { spa: true, cleanUrls: false };
const PLAIN: ResolveOptions = { spa: false, cleanUrls: false };

describe("resolveSitePath", () => {
  it("serves an exact path", () => {
    expect(resolveSitePath("/assets/index-B_wZ0Yan.js", has, SPA)).toEqual({
      kind: "file",
      path: "/assets/index-B_wZ0Yan.js",
      status: 200,
    });
    expect(resolveSitePath("/a b.txt", has, PLAIN)).toMatchObject({ path: "/a b.txt" });
  });

  it("serves a directory's index.html, and redirects the directory without its slash", () => {
    expect(resolveSitePath("/", has, PLAIN)).toMatchObject({ path: "/index.html", status: 200 });
    expect(resolveSitePath("/docs/", has, PLAIN)).toMatchObject({ path: "/docs/index.html" });
    expect(resolveSitePath("/docs", has, PLAIN)).toEqual({ kind: "redirect", location: "./docs/" });
  });

  it("encodes the redirect's segment so it stays a relative path", () => {
    const site = new Set(["/a:b/index.html", "/x y/index.html"]);
    expect(resolveSitePath("/a:b", (p) => site.has(p), PLAIN)).toEqual({
      kind: "redirect",
      location: "./a%3Ab/",
    });
    expect(resolveSitePath("/x y", (p) => site.has(p), PLAIN)).toMatchObject({
      location: "./x%20y/",
    });
  });

  it("adds .html with cleanUrls only", () => {
    expect(resolveSitePath("/about", has, { spa: false, cleanUrls: true })).toMatchObject({
      path: "/about.html",
    });
    expect(resolveSitePath("/about", has, PLAIN)).toEqual({ kind: "none" });
  });

  it("falls back to /index.html for app routes, never for file-like paths", () => {
    expect(resolveSitePath("/notes/42/edit", has, SPA)).toMatchObject({
      path: "/index.html",
      status: 200,
    });
    expect(resolveSitePath("/docs/missing/", has, SPA)).toMatchObject({ path: "/index.html" });
    expect(resolveSitePath("/assets/missing-Ab12Cd34.js", has, SPA)).toEqual({ kind: "none" });
    expect(resolveSitePath("/notes/42", has, PLAIN)).toEqual({ kind: "none" });
  });

  it("answers /404.html with status 404 when the site has one", () => {
    const site = new Set(["/index.html", "/404.html"]);
    expect(resolveSitePath("/missing.js", (p) => site.has(p), SPA)).toEqual({
      kind: "file",
      path: "/404.html",
      status: 404,
    });
    expect(resolveSitePath("/route", (p) => site.has(p), PLAIN)).toMatchObject({ status: 404 });
  });

  it("prefers cleanUrls over the SPA fallback", () => {
    expect(resolveSitePath("/about", has, { spa: true, cleanUrls: true })).toMatchObject({
      path: "/about.html",
    });
  });
});
