import { describe, expect, it } from "vitest";
import { optionsIn, typeField } from "./field-types.js";

describe("typeField", () => {
  it.each([
    ["due date", "dueDate", "date"],
    ["deadline", "deadline", "date"],
    ["price", "price", "number"],
    ["prices", "price", "number"],
    ["cooking time", "cookingTime", "number"],
    ["start time", "startTime", "datetime"],
    ["email", "email", "email"],
    ["email address", "emailAddress", "email"],
    ["phone number", "phoneNumber", "string"],
    ["photo", "photo", "image"],
    ["avatar", "avatar", "image"],
    ["cover images", "coverImage", "image"],
    ["resume", "resume", "file"],
    ["attachments", "attachment", "file"],
    ["tags", "tags", "tags"],
    ["labels", "labels", "tags"],
    ["body", "body", "text"],
    ["website", "website", "url"],
    ["link", "link", "url"],
    ["done", "done", "boolean"],
    ["completed", "completed", "boolean"],
    ["paid status", "paidStatus", "boolean"],
    ["location", "location", "geopoint"],
    ["map location", "location", "geopoint"],
    ["number of guests", "numberOfGuests", "number"],
    ["nickname", "nickname", "string"],
  ])("types %j as %s: %s", (phrase, name, type) => {
    const { field } = typeField(phrase);
    expect([field.name, field.type]).toEqual([name, type]);
  });

  it("gives priority its usual options, and the prompt's when it lists them", () => {
    expect(typeField("priority").field.options).toEqual(["low", "medium", "high"]);
    expect(typeField("priority", "low/high/urgent").field.options).toEqual([
      "low",
      "high",
      "urgent",
    ]);
    expect(typeField("category", "food, rent, fun").field).toMatchObject({
      type: "enum",
      options: ["food", "rent", "fun"],
    });
  });

  it("makes a body markdown when the prompt asks for markdown", () => {
    expect(typeField("content", "", true).field.type).toBe("markdown");
    expect(typeField("price", "", true).field.type).toBe("number");
  });

  it("reads a range as a number and 'required' as required", () => {
    expect(typeField("rating", "1-5").field.type).toBe("number");
    expect(typeField("title", "required").field.required).toBe(true);
    expect(typeField("title").field.required).toBe(false);
  });

  it("says whether a rule knew the word or fell back to a string", () => {
    expect(typeField("due date").known).toBe(true);
    expect(typeField("wingspan").known).toBe(false);
  });
});

describe("optionsIn", () => {
  it.each([
    ["low/medium/high", ["low", "medium", "high"]],
    ["low, medium or high", ["low", "medium", "high"]],
    ["one of: draft | sent", ["draft", "sent"]],
  ])("reads %j", (hint, options) => {
    expect(optionsIn(hint)).toEqual(options);
  });

  it.each(["optional", "in minutes", "e.g. a photo of the receipt", "1-5"])(
    "finds no options in %j",
    (hint) => {
      expect(optionsIn(hint)).toBeUndefined();
    },
  );
});
