import { prepareStorageRequest, RulesProgram, RTimestamp, toValue, type RMap } from "@winky/rules";
import { describe, expect, it } from "vitest";
import { loadFixture, type FixtureName } from "../../test/fixtures.js";
import { generateApp } from "../index.js";
import { contentTypePattern } from "./storage-rules.js";

const MB = 1024 * 1024;

/** Whether the app's storage rules allow `method` on `path` for `uid` (null: signed out). */
function allowed(
  name: FixtureName,
  method: "get" | "create" | "delete",
  path: string,
  uid: string | null,
  upload?: { size: number; contentType: string },
  claims: Record<string, unknown> = {},
): boolean {
  const program = RulesProgram.compile(generateApp(loadFixture(name)).files["storage.rules"]!);
  const request = prepareStorageRequest({
    method,
    path,
    bucket: name,
    auth: uid === null ? null : (toValue({ uid, token: { sub: uid, ...claims } }) as RMap),
    time: new RTimestamp(1_900_000_000, 0),
    ...(upload ? { upload: toValue({ name: path, metadata: {}, ...upload }) as RMap } : {}),
  });
  return program.evaluate(request).allowed;
}

describe("storage rules", () => {
  const png = (size: number) => ({ size, contentType: "image/png" });

  it("let users upload images of allowed types and sizes to their own folder", () => {
    expect(allowed("notes", "create", "users/ada/notes/1-cat.png", "ada", png(MB))).toBe(true);
  });

  it("refuse uploads to another user's folder, or signed out", () => {
    expect(allowed("notes", "create", "users/bob/notes/1-cat.png", "ada", png(MB))).toBe(false);
    expect(allowed("notes", "create", "users/ada/notes/1-cat.png", null, png(MB))).toBe(false);
  });

  it("refuse a file over the plan's size limit, or of another content type", () => {
    expect(allowed("notes", "create", "users/ada/notes/big.png", "ada", png(5 * MB + 1))).toBe(
      false,
    );
    const html = { size: 10, contentType: "text/html" };
    expect(allowed("notes", "create", "users/ada/notes/x.html", "ada", html)).toBe(false);
  });

  it("refuse SVG even when the plan lists it, since it can carry script", () => {
    const svg = { size: 10, contentType: "image/svg+xml" };
    expect(allowed("chat", "create", "users/ada/messages/x.svg", "ada", svg)).toBe(false);
    expect(allowed("chat", "create", "users/ada/messages/x.png", "ada", png(10))).toBe(true);
  });

  it("refuse HTML even when the plan lists it, and take the planned PDFs", () => {
    const html = { size: 10, contentType: "text/html" };
    const pdf = { size: 10, contentType: "application/pdf" };
    expect(allowed("events", "create", "users/ada/events/x.html", "ada", html)).toBe(false);
    expect(allowed("events", "create", "users/ada/events/x.pdf", "ada", pdf)).toBe(true);
  });

  it("refuse paths outside the upload folders", () => {
    expect(allowed("notes", "create", "public/logo.png", "ada", png(10))).toBe(false);
    expect(allowed("notes", "create", "users/ada/other/logo.png", "ada", png(10))).toBe(false);
  });

  it("let reads follow the data's policy", () => {
    expect(allowed("notes", "get", "users/ada/notes/1-cat.png", "ada")).toBe(true);
    expect(allowed("notes", "get", "users/ada/notes/1-cat.png", "bob")).toBe(false);
    expect(allowed("shop", "get", "users/root/products/1-chess.png", null)).toBe(true);
    expect(allowed("chat", "get", "users/ada/messages/1-hi.png", "bob")).toBe(true);
    expect(allowed("chat", "get", "users/ada/messages/1-hi.png", null)).toBe(false);
  });

  it("need the role for uploads to a role-written model", () => {
    const path = "users/root/products/1-chess.png";
    expect(allowed("shop", "create", path, "root", png(MB))).toBe(false);
    expect(allowed("shop", "create", path, "root", png(MB), { roles: ["admin"] })).toBe(true);
  });
});

describe("contentTypePattern", () => {
  it("matches wildcards and dots literally", () => {
    expect(contentTypePattern(["image/*", "application/vnd.ms-excel", "image/svg+xml"])).toBe(
      "image/.*|application/vnd[.]ms-excel|image/svg[+]xml",
    );
  });
});
