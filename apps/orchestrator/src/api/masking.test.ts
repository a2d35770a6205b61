import { describe, expect, it } from "vitest";
import { maskSecretUrl } from "./masking.js";

describe("maskSecretUrl", () => {
  it("keeps the scheme, the host and the last 4 characters of a webhook URL", () => {
    const url = ["https://hooks.slack.com", "services", "T000", "B000", "x1y2z3w4v5"].join("/");
    expect(maskSecretUrl(url)).toBe("https://hooks.slack.com/…w4v5");
  });

  it("never shows user info or a query's secret", () => {
    const masked = maskSecretUrl("https://bot:pa55word@example.com/hook?key=0123456789abcdef");
    expect(masked).toBe("https://example.com/…cdef");
    expect(masked).not.toContain("pa55word");
    expect(masked).not.toContain("0123456789ab");
  });

  it("shows no tail for a short path and hides what does not parse", () => {
    expect(maskSecretUrl("http://127.0.0.1:9000/hook")).toBe("http://127.0.0.1:9000/…");
    expect(maskSecretUrl("not a url at all")).toBe("…");
  });
});
