import { checkRules, formatDiagnostic, parseRules } from "@winky/rules";
import { assertFails, assertSucceeds, RulesTestEnvironment } from "@winky/rules/testing";
import { describe, expect, it } from "vitest";
import { FIXTURES, loadFixture, type FixtureName } from "../../test/fixtures.js";
import { generateApp } from "../index.js";

const NOW = { $timestamp: "2030-01-01T00:00:00Z" };
const LATER = { $timestamp: "2030-01-02T00:00:00Z" };

function rulesOf(name: FixtureName, file: "firestore.rules" | "storage.rules"): string {
  return generateApp(loadFixture(name)).files[file]!;
}

function environment(name: FixtureName): RulesTestEnvironment {
  return new RulesTestEnvironment(rulesOf(name, "firestore.rules"), {
    now: new Date("2030-01-01"),
  });
}

describe.each(FIXTURES)("the %s app's rules", (name) => {
  it.each(["firestore.rules", "storage.rules"] as const)(
    "%s parse and check without a diagnostic",
    (file) => {
      const source = rulesOf(name, file);
      const diagnostics = checkRules(parseRules(source, file), source);
      expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    },
  );
});

describe("owner-scoped notes", () => {
  const note = (ownerId: string) => ({
    title: "Groceries",
    status: "Draft",
    tags: ["food"],
    pinned: false,
    ownerId,
    createdAt: NOW,
    updatedAt: NOW,
  });
  const seeded = () => {
    const env = environment("notes");
    env.seed({ "notes/n1": note("ada") });
    return env;
  };

  it("let the owner read, list, update and delete their note", async () => {
    const env = seeded();
    const ada = env.authenticatedContext("ada");
    await assertSucceeds(ada.get("notes/n1"));
    await assertSucceeds(ada.list("notes", { where: [["ownerId", "==", "ada"]] }));
    await assertSucceeds(ada.update("notes/n1", { title: "Shopping", updatedAt: LATER }));
    await assertSucceeds(ada.delete("notes/n1"));
  });

  it("hide a note from another user and from visitors", async () => {
    const env = seeded();
    await assertFails(env.authenticatedContext("bob").get("notes/n1"));
    await assertFails(env.authenticatedContext("bob").update("notes/n1", { title: "Mine" }));
    await assertFails(env.authenticatedContext("bob").delete("notes/n1"));
    await assertFails(env.unauthenticatedContext().get("notes/n1"));
  });

  it("refuse a list that is not filtered to the user's own notes", async () => {
    const env = seeded();
    await assertFails(env.authenticatedContext("ada").list("notes"));
    await assertFails(
      env.authenticatedContext("bob").list("notes", { where: [["ownerId", "==", "ada"]] }),
    );
  });

  it("refuse creating a note owned by someone else, or by nobody", async () => {
    const env = environment("notes");
    await assertFails(env.authenticatedContext("bob").set("notes/n2", note("ada")));
    await assertFails(env.unauthenticatedContext().set("notes/n2", note("ada")));
    await assertSucceeds(env.authenticatedContext("ada").set("notes/n2", note("ada")));
  });

  it("refuse handing a note to another owner", async () => {
    const env = seeded();
    await assertFails(env.authenticatedContext("ada").update("notes/n1", { ownerId: "bob" }));
  });

  it("check each field's type, size and options, and refuse unknown fields", async () => {
    const ada = environment("notes").authenticatedContext("ada");
    await assertFails(ada.set("notes/a", { ...note("ada"), title: 42 }));
    await assertFails(ada.set("notes/b", { ...note("ada"), title: "x".repeat(201) }));
    await assertFails(ada.set("notes/c", { ...note("ada"), status: "Lost" }));
    await assertFails(ada.set("notes/d", { ...note("ada"), admin: true }));
    const { title: _title, ...untitled } = note("ada");
    await assertFails(ada.set("notes/e", untitled));
    await assertSucceeds(ada.set("notes/f", { ...note("ada"), status: "Won't publish" }));
  });
});

describe("the shop", () => {
  const product = {
    name: "Chess set",
    price: 25,
    category: "Games",
    createdAt: NOW,
    updatedAt: NOW,
  };
  const order = {
    total: 25,
    items: "1 × Chess set",
    status: "Placed",
    userId: "ada",
    createdAt: NOW,
    updatedAt: NOW,
  };

  it("shows products to visitors, public-read", async () => {
    const env = environment("shop");
    env.seed({ "products/p1": product });
    await assertSucceeds(env.unauthenticatedContext().get("products/p1"));
    await assertSucceeds(env.unauthenticatedContext().list("products"));
  });

  it("lets only admins, by custom claim, write products", async () => {
    const env = environment("shop");
    await assertFails(env.authenticatedContext("ada").set("products/p1", product));
    await assertFails(
      env.authenticatedContext("ada", { roles: ["editor"] }).set("products/p1", product),
    );
    await assertSucceeds(
      env.authenticatedContext("root", { roles: ["admin"] }).set("products/p1", product),
    );
  });

  it("leaves orders to the checkout function: customers read theirs and write none", async () => {
    const env = environment("shop");
    await assertFails(env.authenticatedContext("ada").set("orders/o1", order));
    env.seed({ "orders/o1": order });
    await assertSucceeds(env.authenticatedContext("ada").get("orders/o1"));
    await assertFails(env.authenticatedContext("ada").update("orders/o1", { total: 0 }));
    await assertFails(env.authenticatedContext("bob").get("orders/o1"));
  });
});

describe("the chat", () => {
  const room = { name: "General", ownerId: "ada", createdAt: NOW, updatedAt: NOW };
  const message = (authorId: string) => ({
    text: "Hello",
    authorId,
    createdAt: NOW,
    updatedAt: NOW,
  });

  it("lets signed-in users read rooms and messages, and visitors nothing", async () => {
    const env = environment("chat");
    env.seed({ "rooms/r1": room, "rooms/r1/messages/m1": message("ada") });
    await assertSucceeds(env.authenticatedContext("bob").get("rooms/r1/messages/m1"));
    await assertSucceeds(env.authenticatedContext("bob").list("rooms/r1/messages"));
    await assertFails(env.unauthenticatedContext().get("rooms/r1"));
    await assertFails(env.unauthenticatedContext().list("rooms/r1/messages"));
  });

  it("accepts a message only in an existing room, as its author", async () => {
    const env = environment("chat");
    env.seed({ "rooms/r1": room });
    await assertSucceeds(
      env.authenticatedContext("bob").set("rooms/r1/messages/m1", message("bob")),
    );
    await assertFails(env.authenticatedContext("bob").set("rooms/r1/messages/m2", message("ada")));
    await assertFails(
      env.authenticatedContext("bob").set("rooms/nowhere/messages/m3", message("bob")),
    );
  });

  it("lets the recipient mark a notification read, and change nothing else", async () => {
    const env = environment("chat");
    const notification = {
      recipientId: "ada",
      message: "New message",
      link: "/rooms/r1",
      read: false,
      createdAt: NOW,
    };
    env.seed({ "notifications/n1": notification });
    await assertSucceeds(
      env.authenticatedContext("ada").update("notifications/n1", { read: true }),
    );
    await assertFails(
      env.authenticatedContext("ada").update("notifications/n1", { message: "Forged" }),
    );
    await assertFails(env.authenticatedContext("bob").get("notifications/n1"));
    await assertFails(env.authenticatedContext("ada").set("notifications/n2", notification));
  });
});

describe("the events app", () => {
  const event = (organizerId: string) => ({
    title: "Jazz night",
    startsAt: NOW,
    day: "2030-01-01",
    website: "https://example.com/jazz",
    capacity: 80,
    organizerId,
    createdAt: NOW,
    updatedAt: NOW,
  });

  it("shows events to visitors and lets only their organiser change them", async () => {
    const env = environment("events");
    env.seed({ "events/e1": event("ada") });
    await assertSucceeds(env.unauthenticatedContext().get("events/e1"));
    await assertSucceeds(env.authenticatedContext("ada").update("events/e1", { capacity: 90 }));
    await assertFails(env.authenticatedContext("bob").update("events/e1", { capacity: 0 }));
    await assertFails(env.unauthenticatedContext().set("events/e2", event("ada")));
  });

  it("checks dates, links and emails on write", async () => {
    const ada = environment("events").authenticatedContext("ada");
    await assertFails(ada.set("events/a", { ...event("ada"), day: "next friday" }));
    await assertFails(ada.set("events/b", { ...event("ada"), website: "javascript:alert(1)" }));
    await assertFails(ada.set("events/c", { ...event("ada"), contact: "not an address" }));
    await assertFails(ada.set("events/d", { ...event("ada"), startsAt: "2030-01-01" }));
    await assertSucceeds(ada.set("events/e", { ...event("ada"), contact: "ada@example.com" }));
  });

  it("lets the recipient mark the plan's own notifications read, and nothing else", async () => {
    const env = environment("events");
    const notification = { text: "New report", read: false, recipientId: "ada", createdAt: NOW };
    env.seed({ "notifications/n1": notification });
    await assertSucceeds(
      env.authenticatedContext("ada").update("notifications/n1", { read: true }),
    );
    await assertFails(env.authenticatedContext("ada").update("notifications/n1", { text: "x" }));
    await assertFails(env.authenticatedContext("ada").set("notifications/n2", notification));
  });
});
