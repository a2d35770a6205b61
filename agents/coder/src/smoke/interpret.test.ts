import { describe, expect, it } from "vitest";
import { loadFixture } from "../../test/fixtures.js";
import { analyze } from "../analyze.js";
import { interpretStep } from "./interpret.js";
import { quoted, splitStep } from "./step-text.js";

describe("interpretStep", () => {
  const notes = analyze(loadFixture("notes"));
  const shop = analyze(loadFixture("shop"));
  const chat = analyze(loadFixture("chat"));

  it("reads sign-up, sign-in and sign-out", () => {
    expect(interpretStep(notes, "sign up with email").kind).toBe("sign-up");
    expect(interpretStep(notes, "logs in again").kind).toBe("sign-in");
    expect(interpretStep(notes, "signs out").kind).toBe("sign-out");
  });

  it("reads a creation with its title, tags and numbers", () => {
    expect(interpretStep(notes, 'create a note titled "Groceries" tagged food')).toMatchObject({
      kind: "create",
      model: { name: "Note" },
      title: "Groceries",
      tags: ["food"],
    });
    expect(interpretStep(shop, 'add a product titled "Chess set" with price 25')).toMatchObject({
      kind: "create",
      model: { name: "Product" },
      numbers: { price: "25" },
    });
  });

  it("reads adding to the cart as creating a cart item", () => {
    expect(interpretStep(shop, "add the product to the cart")).toMatchObject({
      kind: "create",
      model: { name: "CartItem" },
    });
    expect(interpretStep(shop, "check out").kind).toBe("checkout");
  });

  it("prefers the longest model name in the step", () => {
    expect(interpretStep(chat, 'send a message "Hi" in the room')).toMatchObject({
      kind: "create",
      model: { name: "Message" },
      title: "Hi",
    });
  });

  it("reads a step that names no model as about the previous step's", () => {
    const note = notes.models[0]!;
    expect(interpretStep(notes, 'search for "Groceries"', note)).toMatchObject({
      kind: "search",
      model: { name: "Note" },
      text: "Groceries",
    });
  });

  it("leaves a step it cannot read to a person", () => {
    expect(interpretStep(notes, "admire the colours")).toEqual({
      kind: "manual",
      step: "admire the colours",
    });
    expect(interpretStep(notes, "check out").kind).toBe("manual");
  });
});

describe("quoted", () => {
  it("takes quoted text, or what follows titled/named", () => {
    expect(quoted('a note "Groceries"')).toBe("Groceries");
    expect(quoted("a room named General with a topic")).toBe("General");
    expect(quoted("a note")).toBeUndefined();
  });
});

describe("interpretStep, on the planner's wording", () => {
  const notes = analyze(loadFixture("notes"));
  const shop = analyze(loadFixture("shop"));

  it("reads a form opened, filled and saved step by step", () => {
    expect(interpretStep(notes, "open /notes/new")).toMatchObject({
      kind: "open",
      form: { name: "Note" },
    });
    expect(interpretStep(notes, 'fill "Title" with "Smoke note"')).toEqual({
      kind: "fill",
      label: "Title",
      value: "Smoke note",
    });
    expect(interpretStep(notes, 'fill "Price" with a valid number value')).toEqual({
      kind: "fill",
      label: "Price",
    });
    expect(interpretStep(notes, "save").kind).toBe("save");
  });

  it("reads a quoted tag as the tag, not the title", () => {
    expect(
      interpretStep(notes, 'create a note titled "Tagged smoke" tagged "smoke"'),
    ).toMatchObject({
      kind: "create",
      title: "Tagged smoke",
      tags: ["smoke"],
    });
    expect(
      interpretStep(notes, 'filter the list by the tag "smoke"', notes.models[0]),
    ).toMatchObject({
      kind: "filter-tag",
      tag: "smoke",
    });
  });

  it("reads another user, a role, and a document that must not show", () => {
    expect(splitStep("sign out and sign in as user B")).toEqual(["sign out", "sign in as user B"]);
    expect(interpretStep(notes, "sign in as user B").kind).toBe("switch-user");
    expect(interpretStep(shop, "sign in as a user with the admin role")).toEqual({
      kind: "sign-in",
      roles: ["admin"],
    });
    expect(interpretStep(notes, 'see no "Private smoke" note')).toMatchObject({
      kind: "see",
      title: "Private smoke",
      absent: true,
    });
  });

  it("reads the verb said first", () => {
    expect(interpretStep(shop, "see a new order in /orders").kind).toBe("see");
  });
});
