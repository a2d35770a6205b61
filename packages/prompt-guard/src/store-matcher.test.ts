import { describe, expect, it } from "vitest";
import { STORE_SECRETS } from "../test/planted.js";
import { createRedactor } from "./redactor.js";
import { variantsOf } from "./store-matcher.js";

const named = Object.entries(STORE_SECRETS).map(([name, value]) => ({ name, value }));
const clean = (text: string) => createRedactor(named).clean(text, "text");
const { GIT_PUSH_TOKEN: PUSH, DB_PASSWORD: DB } = STORE_SECRETS;

describe("values from the secret store", () => {
  it("removes every occurrence, named after the secret", () => {
    const { value, removed } = clean(`push with ${PUSH}, then again ${PUSH}.`);
    expect(value).toBe(
      "push with [redacted: secret GIT_PUSH_TOKEN], then again [redacted: secret GIT_PUSH_TOKEN].",
    );
    expect(removed).toEqual([
      { kind: "secret-store", name: "GIT_PUSH_TOKEN", where: "text", length: PUSH.length },
      { kind: "secret-store", name: "GIT_PUSH_TOKEN", where: "text", length: PUSH.length },
    ]);
  });

  it.each([
    ["JSON-escaped", JSON.stringify({ password: DB })],
    ["URL-encoded", `https://example.com/login?pw=${encodeURIComponent(DB)}`],
    ["form-encoded", `pw=${encodeURIComponent(DB).replaceAll("%20", "+")}&x=1`],
    [
      "URL-encoded in lower case",
      encodeURIComponent(DB).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    ],
    ["HTML-escaped", `<input value="${DB.replaceAll("&", "&amp;").replaceAll('"', "&quot;")}">`],
    ["base64", Buffer.from(DB).toString("base64")],
    ["base64url", Buffer.from(DB).toString("base64url")],
  ])("removes a value written %s", (_form, text) => {
    const { value, removed } = clean(text);
    expect(value).toContain("[redacted: secret DB_PASSWORD]");
    expect(removed.map((r) => r.name)).toEqual(["DB_PASSWORD"]);
  });

  it("finds the base64 of a value inside a longer encoded text, at every alignment", () => {
    for (const user of ["a", "ab", "abc"]) {
      const basic = Buffer.from(`${user}:${PUSH}`).toString("base64");
      const { value } = clean(`Authorization: Basic ${basic}`);
      // The whole encoded token goes: its edges hold bits of the value too.
      expect(value).toBe("Authorization: Basic [redacted: secret GIT_PUSH_TOKEN]");
    }
  });

  it("ignores values shorter than 8 characters, and whitespace around a value", () => {
    const redactor = createRedactor([
      { name: "SHORT", value: "abc1234" },
      { name: "PADDED", value: "  padded-value-1\n" },
    ]);
    expect(redactor.clean("abc1234 and padded-value-1", "text").value).toBe(
      "abc1234 and [redacted: secret PADDED]",
    );
  });

  it("prefers the longest value where values overlap, and merges overlapping matches", () => {
    const redactor = createRedactor([
      { name: "INNER", value: "inner-secret-1" },
      { name: "OUTER", value: "outer-inner-secret-1-tail" },
    ]);
    expect(redactor.clean("[outer-inner-secret-1-tail] [inner-secret-1]", "t").value).toBe(
      "[[redacted: secret OUTER]] [[redacted: secret INNER]]",
    );
  });

  it("names an unnamed value only by its kind", () => {
    expect(createRedactor([{ name: "", value: PUSH }]).clean(PUSH, "t").value).toBe(
      "[redacted: secret]",
    );
  });

  it("lists each form once, and only forms of at least 8 characters", () => {
    const forms = variantsOf("plain-value-42").map((v) => v.text);
    expect(new Set(forms).size).toBe(forms.length);
    expect(forms).toContain("plain-value-42");
    expect(forms.every((f) => f.length >= 8)).toBe(true);
  });

  it("finds 200 values in a megabyte in one pass (timing printed, not asserted)", () => {
    const values = Array.from({ length: 200 }, (_, i) => ({
      name: `S${i}`,
      value: `value-${i}-${(i * 7919).toString(36)}-Zq${i}`,
    }));
    const redactor = createRedactor(values);
    const filler = "const total = items.reduce((sum, item) => sum + item.price, 0);\n";
    const text = filler.repeat(Math.ceil(1_000_000 / filler.length)) + values[199]!.value;
    const started = performance.now();
    const { removed } = redactor.clean(text, "text");
    const ms = performance.now() - started;
    console.log(
      `prompt-guard: ${(text.length / 1e6).toFixed(2)} MB, 200 values: ${ms.toFixed(1)} ms`,
    );
    expect(removed).toEqual([expect.objectContaining({ name: "S199" })]);
  });
});
