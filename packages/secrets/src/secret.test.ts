import { format, inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { isSecret, Secret } from "./secret.js";
import { isSecretStoreError, SecretStoreError } from "./errors.js";

describe("Secret", () => {
  const secret = new Secret("s3cr3t-value");

  it("gives its value only through reveal()", () => {
    expect(secret.reveal()).toBe("s3cr3t-value");
  });

  it("prints [secret] however it is turned into text", () => {
    const shown = [
      String(secret),
      `${secret}`,
      "" + secret,
      JSON.stringify({ apiKey: secret }),
      inspect(secret),
      inspect({ nested: { deeper: secret } }, { depth: Infinity, showHidden: true }),
      format("%s %o %O %j", secret, secret, secret, secret),
    ];
    for (const text of shown) {
      expect(text).toContain("[secret]");
      expect(text).not.toContain("s3cr3t");
    }
  });

  it("is not copied by spreading, Object.entries or structuredClone", () => {
    const copies = [{ ...secret }, Object.entries(secret), structuredClone(secret)];
    for (const copy of copies) {
      expect(JSON.stringify(copy)).not.toContain("s3cr3t");
      expect(isSecret(copy)).toBe(false);
    }
  });

  it("is recognised by isSecret, and plain strings and look-alikes are not", () => {
    expect(isSecret(secret)).toBe(true);
    expect(isSecret("s3cr3t-value")).toBe(false);
    expect(isSecret({ reveal: () => "x" })).toBe(false);
    expect(isSecret(null)).toBe(false);
  });
});

describe("SecretStoreError", () => {
  it("carries a code and is recognised by name, across bundles", () => {
    const e = new SecretStoreError("not-found", "project p-one has no secret X");
    expect(e).toMatchObject({ name: "SecretStoreError", code: "not-found" });
    expect(isSecretStoreError(e)).toBe(true);
    const foreign = Object.assign(new Error("x"), { name: "SecretStoreError", code: "corrupt" });
    expect(isSecretStoreError(foreign)).toBe(true);
    expect(isSecretStoreError(new Error("x"))).toBe(false);
    expect(isSecretStoreError({ name: "SecretStoreError", code: "corrupt" })).toBe(false);
  });
});
