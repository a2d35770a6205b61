import { describe, expect, it } from "vitest";
import { hasRole, lesserRole, roleRank, ROLES_ASCENDING } from "./roles.js";

describe("team roles", () => {
  it("order owner above admin above member above viewer", () => {
    expect([...ROLES_ASCENDING].sort((a, b) => roleRank(b) - roleRank(a))).toEqual([
      "owner",
      "admin",
      "member",
      "viewer",
    ]);
  });

  it("let a role do what it needs or anything a lesser role needs, nothing more", () => {
    expect(hasRole("admin", "admin")).toBe(true);
    expect(hasRole("admin", "member")).toBe(true);
    expect(hasRole("owner", "viewer")).toBe(true);
    expect(hasRole("member", "admin")).toBe(false);
    expect(hasRole("viewer", "member")).toBe(false);
  });

  it("take the weaker of two roles, in either order", () => {
    expect(lesserRole("owner", "member")).toBe("member");
    expect(lesserRole("viewer", "admin")).toBe("viewer");
    expect(lesserRole("admin", "admin")).toBe("admin");
  });
});
