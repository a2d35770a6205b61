import { describe, expect, it } from "vitest";
import { assertFails, assertSucceeds, RulesTestEnvironment } from "./index.js";

const rules = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    function isAdmin() {
      return exists(/databases/$(database)/documents/admins/$(request.auth.uid));
    }
    match /notes/{noteId} {
      allow read: if request.auth != null && (resource.data.owner == request.auth.uid || isAdmin());
      allow create: if request.resource.data.owner == request.auth.uid
        && request.resource.data.keys().hasOnly(['owner', 'title']);
      allow update: if resource.data.owner == request.auth.uid
        && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['title']);
      allow delete: if isAdmin();
    }
  }
}`;

describe("RulesTestEnvironment", () => {
  const env = new RulesTestEnvironment(rules);
  env.seed({ "admins/root": {}, "notes/n1": { owner: "alice", title: "hi" } });
  const alice = env.authenticatedContext("alice");
  const bob = env.authenticatedContext("bob");

  it("lets the owner read and anyone else be denied", async () => {
    expect(await assertSucceeds(alice.get("notes/n1"))).toEqual({ owner: "alice", title: "hi" });
    const denied = await assertFails(bob.get("notes/n1"));
    expect(denied.code).toBe("permission-denied");
    await assertFails(env.unauthenticatedContext().get("notes/n1"));
  });

  it("judges set() as create on a new document and applies it", async () => {
    await assertSucceeds(alice.set("notes/n2", { owner: "alice", title: "new" }));
    await assertFails(alice.set("notes/n3", { owner: "bob", title: "forged" }));
    await assertFails(alice.set("notes/n4", { owner: "alice", title: "x", extra: true }));
    expect(await alice.get("notes/n2")).toEqual({ owner: "alice", title: "new" });
  });

  it("judges update() on the merged document, field by field", async () => {
    await assertSucceeds(alice.update("notes/n1", { title: "renamed" }));
    await assertFails(alice.update("notes/n1", { owner: "bob" }));
  });

  it("reads other documents through exists() for admin checks", async () => {
    await assertFails(alice.delete("notes/n2"));
    await assertSucceeds(env.authenticatedContext("root").delete("notes/n2"));
  });

  it("assertFails fails when the rules allow the operation", async () => {
    await expect(assertFails(alice.get("notes/n1"))).rejects.toThrow(/allowed it/);
  });

  it("refuses rules that do not parse, naming line and column", () => {
    expect(() => new RulesTestEnvironment("service cloud.firestore {")).toThrow(
      /firestore.rules:1:26/,
    );
  });
});
