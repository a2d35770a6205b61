import { afterEach, describe, expect, it, vi } from "vitest";
import { newVerifier } from "./redirect.js";

describe("redirect sign-in's PKCE verifier", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is a random verifier with its S256 challenge", async () => {
    const a = await newVerifier();
    const b = await newVerifier();
    expect(a.verifier).toMatch(/^[\w-]{43}$/);
    expect(a.challenge).toMatch(/^[\w-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
  });

  it("says why it cannot start outside a secure context", async () => {
    vi.stubGlobal("crypto", { getRandomValues: crypto.getRandomValues.bind(crypto) });
    await expect(newVerifier()).rejects.toMatchObject({
      name: "WinkyError",
      code: "failed-precondition",
      message: expect.stringContaining("served over https or from localhost"),
    });
  });
});
