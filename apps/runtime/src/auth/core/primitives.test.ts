import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  addMs,
  epochSeconds,
  hashOpaqueToken,
  isWellFormedOpaqueToken,
  newId,
  newOpaqueToken,
} from "./primitives.js";

describe("opaque tokens", () => {
  it("are 43 base64url characters (32 bytes) and never repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, newOpaqueToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
  });

  it("are stored as their SHA-256 in hex", () => {
    const token = newOpaqueToken();
    const expected = createHash("sha256").update(token).digest("hex");
    expect(hashOpaqueToken(token)).toBe(expected);
    expect(hashOpaqueToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("are recognised by shape, so junk never reaches a store", () => {
    expect(isWellFormedOpaqueToken(newOpaqueToken())).toBe(true);
    for (const junk of ["", "A".repeat(42), "A".repeat(44), `${"A".repeat(42)}=`, 42, null]) {
      expect(isWellFormedOpaqueToken(junk)).toBe(false);
    }
  });
});

describe("time helpers", () => {
  it("add milliseconds without touching the original", () => {
    const start = new Date("2030-01-01T00:00:00.000Z");
    expect(addMs(start, 1500).toISOString()).toBe("2030-01-01T00:00:01.500Z");
    expect(start.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("round JWT times down to whole seconds", () => {
    expect(epochSeconds(new Date("2030-01-01T00:00:00.999Z"))).toBe(1893456000);
  });
});

describe("ids", () => {
  it("are random UUIDs", () => {
    expect(newId()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(newId()).not.toBe(newId());
  });
});
