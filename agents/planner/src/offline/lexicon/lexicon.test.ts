import { describe, expect, it } from "vitest";
import { Field } from "../../plan-schema.js";
import { DOMAINS, ENTITY_SPECS, specById, specFields } from "./index.js";
import { parseFields } from "./types.js";

/** The built-in vocabulary is data; these checks catch a typo in it before a prompt does. */
describe("the lexicon", () => {
  const names = new Set(ENTITY_SPECS.map((s) => s.name));

  it("has unique ids", () => {
    expect(new Set(ENTITY_SPECS.map((s) => s.id)).size).toBe(ENTITY_SPECS.length);
  });

  describe.each(ENTITY_SPECS.map((s) => [s.id, s] as const))("entity %s", (_id, spec) => {
    const fields = specFields(spec.id);

    it("has fields the plan schema accepts", () => {
      for (const f of fields) {
        const { essential: _e, ...field } = f;
        expect(Field.safeParse(field).success, f.name).toBe(true);
      }
      if (spec.asField) expect(parseFields(spec.asField)).toHaveLength(1);
    });

    it("names parents and references that exist", () => {
      for (const p of spec.parents ?? []) expect(p === "*" || names.has(p), p).toBe(true);
      for (const f of fields)
        if (f.references) expect(names.has(f.references), f.references).toBe(true);
    });

    it("seeds two or three documents that fit its fields", () => {
      expect(spec.seed.length).toBeGreaterThanOrEqual(spec.fields === "" ? 2 : 1);
      expect(spec.seed.length).toBeLessThanOrEqual(3);
      for (const doc of spec.seed)
        for (const [key, value] of Object.entries(doc)) {
          const f = fields.find((x) => x.name === key);
          expect(f, `${spec.id}.${key}`).toBeDefined();
          if (f!.type === "enum") expect(f!.options).toContain(value);
          if (f!.type === "number") expect(typeof value).toBe("number");
          if (f!.type === "boolean") expect(typeof value).toBe("boolean");
          if (f!.type === "date") expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (f!.type === "tags") expect(Array.isArray(value)).toBe(true);
        }
    });
  });

  describe.each(DOMAINS.map((d) => [d.id, d] as const))("domain %s", (_id, domain) => {
    it("brings and maps to entities that exist", () => {
      for (const entry of domain.core)
        for (const id of entry.split("|")) expect(() => specById(id)).not.toThrow();
      for (const id of Object.values(domain.words ?? {})) expect(() => specById(id)).not.toThrow();
      for (const id of Object.keys(domain.access ?? {})) expect(() => specById(id)).not.toThrow();
    });
  });

  it("rejects a malformed field", () => {
    expect(() => parseFields("title string")).toThrow(/bad field/);
    expect(() => parseFields("title:money")).toThrow();
  });
});
