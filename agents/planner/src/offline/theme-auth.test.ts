import { describe, expect, it } from "vitest";
import { decideAuth } from "./auth.js";
import { planTheme } from "./theme.js";

describe("planTheme", () => {
  it.each([
    ["a dark theme with green accents", { mode: "dark", primary: "#16a34a" }],
    ["use #FF5500 and navy blue buttons", { primary: "#ff5500", accent: "#1e3a8a" }],
    ["playful pastel look", { style: "playful", mode: "light" }],
    ["minimalist, black and white", { style: "minimal", primary: "#111827" }],
    ["a recipe app with olive oil and lime", { primary: "#4f46e5" }],
    ["an expense app: category (food, fun)", { style: "clean" }],
  ])("reads %j", (prompt, want) => {
    expect(planTheme(prompt.toLowerCase(), [])).toMatchObject(want);
  });

  it("says which defaults it chose", () => {
    const assumptions: string[] = [];
    planTheme("a notes app", assumptions);
    expect(assumptions).toHaveLength(3);
  });
});

describe("decideAuth", () => {
  it.each([
    ["a notes app", ["email"]],
    ["email login and sign in with google", ["email", "google"]],
    ["log in with github", ["github"]],
    ["a guestbook, no sign-up needed", ["anonymous"]],
    ["anyone can browse listings without an account", ["email"]],
    ["a map of places, with google maps", ["email"]],
  ])("reads %j as %j", (prompt, providers) => {
    expect(decideAuth(prompt, [], []).providers).toEqual(providers);
  });

  it("adds email for admins when everyone else is anonymous", () => {
    expect(decideAuth("play without an account", ["admin"], [])).toEqual({
      providers: ["email", "anonymous"],
      roles: ["admin"],
    });
  });
});
