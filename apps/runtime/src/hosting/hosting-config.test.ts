import { describe, expect, it } from "vitest";
import { isRuntimeError, type RuntimeError } from "../errors/runtime-error.js";
import { parseVersionRequest } from "./hosting-config.js";

const HASH = "a".repeat(64);

function refusal(body: unknown): RuntimeError {
  try {
    parseVersionRequest(body);
  } catch (e) {
    if (isRuntimeError(e)) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("parseVersionRequest", () => {
  it("takes files and fills the config's defaults", () => {
    const parsed = parseVersionRequest({ files: { "/index.html": HASH } });
    expect([...parsed.files]).toEqual([["/index.html", HASH]]);
    expect(parsed.config).toEqual({ spa: true, cleanUrls: false, headers: [] });
  });

  it("names every bad entry by its path", () => {
    const e = refusal({
      files: { "/a/../b": HASH, "/ok.js": "not-a-hash", "/fine.css": HASH, "x.js": HASH },
    });
    expect(e.code).toBe("invalid-argument");
    expect(e.message).toContain(`files["/a/../b"]: a path may not have a '..' segment`);
    expect(e.message).toContain(`files["/ok.js"]: the value must be the file's SHA-256`);
    expect(e.message).toContain(`files["x.js"]: a path must start with /`);
    expect(e.message).not.toContain("/fine.css");
    expect(e.details?.problems).toHaveLength(3);
  });

  it("lists at most 20 problems and counts the rest", () => {
    const files = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`/${i}//x`, HASH]));
    const e = refusal({ files });
    expect(e.details?.problems).toHaveLength(20);
    expect(e.message).toMatch(/; and 5 more$/);
  });

  it("refuses an empty site and more than 20,000 files", () => {
    expect(refusal({ files: {} }).message).toMatch(/at least one file/);
    const files = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`/${i}`, HASH]));
    expect(refusal({ files }).message).toMatch(/at most 20000 files, not 20001/);
  });

  it("refuses unknown fields and bad config, naming them", () => {
    expect(refusal({ files: { "/i": HASH }, extra: 1 }).message).toMatch(/body: unknown field/);
    expect(refusal({ files: { "/i": HASH }, config: { spa: "yes" } }).message).toMatch(
      /config\.spa:/,
    );
    const rules = (headers: unknown, source = "/**") => ({
      files: { "/i": HASH },
      config: { headers: [{ source, headers }] },
    });
    expect(refusal(rules({ "content-length": "1" })).message).toMatch(
      /config\.headers\.0\.headers\.content-length: is set by the server/,
    );
    expect(refusal(rules({ "x-a": "a\r\nb" })).message).toMatch(/x-a: has a value/);
    expect(refusal(rules({ "bad name": "v" })).message).toMatch(/is not a header name/);
    expect(refusal(rules({ "x-a": "v" }, "/{a")).message).toMatch(
      /config\.headers\.0\.source: a glob has a \{ without a \}/,
    );
  });
});
