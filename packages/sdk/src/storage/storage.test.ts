import { describe, expect, it } from "vitest";
import { fakeFetch, PROJECT, URL_BASE } from "../../test/fake-fetch.js";
import { thrown } from "../../test/thrown.js";
import { createClient } from "../client.js";
import { ref } from "./storage.js";

const { fetch } = fakeFetch(() => ({ json: {} }));
const { storage } = createClient({ url: URL_BASE, project: PROJECT, fetch });

describe("storage references", () => {
  it("name the root without a path", () => {
    for (const root of [ref(storage), ref(storage, ""), ref(storage, "/"), storage.ref()]) {
      expect(root.fullPath).toBe("");
      expect(root.name).toBe("");
      expect(root.parent).toBeNull();
      expect(root.bucket).toBe(PROJECT);
    }
  });

  it("walk down with child() and ref(parent, path), and back up with parent and root", () => {
    const cat = ref(storage, "images/pets/cat.png");
    expect(cat.name).toBe("cat.png");
    expect(cat.parent?.fullPath).toBe("images/pets");
    expect(cat.parent?.parent?.parent?.fullPath).toBe("");
    expect(cat.root.fullPath).toBe("");
    expect(ref(storage).child("a/b.txt").fullPath).toBe("a/b.txt");
    expect(ref(ref(storage, "images"), "pets/dog.png").fullPath).toBe("images/pets/dog.png");
    expect(ref(cat)).toBe(cat);
    expect(cat.toString()).toBe(`gs://${PROJECT}/images/pets/cat.png`);
  });

  it("accept names of exactly 1024 UTF-8 bytes and any well-formed Unicode", () => {
    expect(ref(storage, "é".repeat(512)).name).toHaveLength(512);
    expect(ref(storage, "photos/🐈 café (1).png").name).toBe("🐈 café (1).png");
  });

  describe("when the path is invalid", () => {
    it.each([
      ["a double /", "images//cat.png", "empty segment"],
      ["a trailing /", "images/", "empty segment"],
      ["a leading /", "/images/cat.png", "empty segment"],
      ["a .. segment", "users/../admin.txt", '".." segment'],
      ["a . segment", "./cat.png", '"." segment'],
      ["a backslash", "a\\b.txt", "backslash"],
      ["a control character", "a\nb.txt", "control character"],
      ["a lone surrogate", "a\ud800.txt", "not well-formed Unicode"],
      ["1025 bytes", "é".repeat(512) + "x", "1025 bytes long, more than 1024"],
    ])("refuses %s, naming the path and the problem", (_what, path, problem) => {
      const error = thrown(() => ref(storage, path));
      expect(error.code).toBe("invalid-argument");
      expect(error.status).toBe(0);
      expect(error.message).toContain("ref(): invalid storage path");
      expect(error.message).toContain(problem);
      expect(error.details).toEqual({ path });
    });

    it("refuses it in child() too, and a path that is not a string", () => {
      expect(thrown(() => ref(storage, "users").child("../x")).message).toMatch(/^child\(\):/);
      expect(thrown(() => ref(storage, "a").child("b//c")).code).toBe("invalid-argument");
      expect(ref(storage, "a").child("").fullPath).toBe("a");
      expect(thrown(() => ref(storage, 42 as unknown as string)).message).toContain(
        "must be a string",
      );
    });
  });
});
