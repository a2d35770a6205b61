import { describe, expect, it } from "vitest";
import { normalise } from "./normalise.js";
import { camelCase, kebabCase, labelOf, pascalCase, plural, singular } from "./words.js";

describe("normalise", () => {
  it("turns bullets under a heading into one clause each", () => {
    expect(normalise("Features:\n- login\n* tasks with due dates\n1. search").text).toBe(
      "Features: login; tasks with due dates; search.",
    );
  });

  it("makes each plain line a sentence and expands shorthand", () => {
    expect(normalise("notes w/ tags & images\ndark mode").text).toBe(
      "notes with tags and images. dark mode.",
    );
  });

  it("straightens typography", () => {
    expect(normalise("“Tasks” — it’s due…").text).toBe('"Tasks" - it\'s due.');
  });

  it("fixes near-miss typos of words it knows, and says so", () => {
    const { text, corrections } = normalise("A recipie app with notifcations and a calender");
    expect(text).toBe("A recipe app with notifications and a calendar.");
    expect(corrections).toEqual([
      'Read "recipie" as "recipe".',
      'Read "notifcations" as "notifications".',
      'Read "calender" as "calendar".',
    ]);
  });

  it.each(["track", "noted", "votes", "hosts", "booking", "passwords", "reminders"])(
    "leaves the real word %j alone",
    (word) => {
      expect(normalise(`I want to ${word} things`).corrections).toEqual([]);
    },
  );
});

describe("words", () => {
  it.each([
    ["tasks", "task"],
    ["categories", "category"],
    ["people", "person"],
    ["bird sightings", "bird sighting"],
    ["check-ins", "check-in"],
    ["status", "status"],
    ["news", "news"],
  ])("singular(%j) is %j", (word, one) => {
    expect(singular(word)).toBe(one);
  });

  it.each([
    ["category", "categories"],
    ["person", "people"],
    ["check-in", "check-ins"],
    ["journal entry", "journal entries"],
    ["lesson", "lessons"],
  ])("plural(%j) is %j", (word, many) => {
    expect(plural(word)).toBe(many);
  });

  it("cases names for the plan", () => {
    expect(camelCase("due date")).toBe("dueDate");
    expect(pascalCase("bird sighting")).toBe("BirdSighting");
    expect(kebabCase("chatRooms")).toBe("chat-rooms");
    expect(labelOf("pricePerNight")).toBe("Price per night");
    expect(camelCase("3d model")).toBe("n3dModel");
  });
});
