import { planOffline } from "@winky/planner";
import { describe, expect, it } from "vitest";
import { SEED_OWNER, seedPlan } from "./seed-app.js";

const namesOf = (writes: Array<Record<string, unknown>>) =>
  writes.map((w) => (w.update as { name: string }).name.split("/documents/")[1]!);

describe("the seed writes of a plan", () => {
  it("seeds what others can see, once, with the plan's values as the app writes them", () => {
    const { plan } = planOffline("E-commerce prototype: products, cart, checkout, admin panel");
    const { writes, skipped } = seedPlan(plan, "shop");
    expect(namesOf(writes)).toEqual([
      "products/seed-1",
      "products/seed-2",
      "products/seed-3",
      "_winky/seed",
    ]);
    expect(skipped).toEqual(["CartItem: private to each user", "Order: private to each user"]);
    expect(writes[0]).toEqual({
      update: {
        name: "projects/shop/databases/(default)/documents/products/seed-1",
        fields: {
          name: { stringValue: "Ceramic mug" },
          description: { stringValue: "Hand-glazed, 350 ml." },
          price: { integerValue: "18" },
          inStock: { booleanValue: true },
          createdAt: { timestampValue: "2025-03-10T09:00:00.000Z" },
        },
      },
      currentDocument: { exists: false },
    });
    expect(writes.at(-1)).toMatchObject({
      update: { fields: { documents: { integerValue: "3" } } },
      currentDocument: { exists: false },
    });
  });

  it("puts a child model's seeds under its parent's first seed, owned by nobody real", () => {
    const { plan } = planOffline("Chat app with rooms, messages, and push notifications");
    const { writes } = seedPlan(plan, "chat");
    const names = namesOf(writes);
    expect(names.filter((n) => n.startsWith("rooms/seed-1/messages/")).length).toBeGreaterThan(1);
    expect(names.filter((n) => /^rooms\/seed-\d$/.test(n)).length).toBeGreaterThan(1);
    const room = writes[0]!.update as { fields: Record<string, { stringValue?: string }> };
    expect(room.fields.ownerId).toEqual({ stringValue: SEED_OWNER });
  });

  it("writes nothing for an app whose every model is private", () => {
    const { plan } = planOffline("A notes app with email login, markdown editor, tags, and images");
    expect(seedPlan(plan, "notes")).toEqual({
      writes: [],
      skipped: ["Note: private to each user"],
    });
  });

  it("skips a model with a required upload, and values that do not fit their field", () => {
    const { plan } = planOffline("a recipe app where anyone can browse recipes with photos");
    const recipe = plan.models.find((m) => m.name === "Recipe")!;
    const withRequiredPhoto = {
      ...plan,
      models: plan.models.map((m) =>
        m === recipe
          ? {
              ...m,
              fields: m.fields.map((f) => (f.type === "image" ? { ...f, required: true } : f)),
            }
          : m,
      ),
    };
    expect(seedPlan(withRequiredPhoto, "r").skipped.join()).toMatch(
      /Recipe: its required image field '\w+' cannot be seeded/,
    );
    const badValues = {
      ...plan,
      seed: plan.seed.map((s) => ({ ...s, data: { ...s.data, title: 42 } })),
    };
    for (const write of seedPlan(badValues, "r").writes) {
      expect((write.update as { fields: Record<string, unknown> }).fields.title).toBeUndefined();
    }
  });
});
