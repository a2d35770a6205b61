import type { AppPlan } from "@winky/planner";
import { describe, expect, it } from "vitest";
import { appOf, edit, FIXTURES, loadFixture, type FixtureName } from "../../test/fixtures.js";
import { auditRules } from "./audit-rules.js";

const PATHS = { firestore: "firestore.rules", storage: "storage.rules" };
const NOTE_READ = "allow read: if isUser(resource.data.ownerId);";

function audit(plan: AppPlan, files: Record<string, string>): string[] {
  return auditRules(plan, files, PATHS).findings;
}

function fixtureApp(name: FixtureName) {
  return appOf(loadFixture(name));
}

describe("the rules audit", () => {
  it.each(FIXTURES)("passes the %s app's generated rules", (name) => {
    const { plan, files } = fixtureApp(name);
    expect(audit(plan, files)).toEqual([]);
  });

  describe("when a rules file is unsound", () => {
    it("reports a syntax error with its line and column, and audits no further", () => {
      const { plan, files } = fixtureApp("notes");
      edit(files, "firestore.rules", NOTE_READ, "allow read: if (isUser(resource.data.ownerId);");
      expect(audit(plan, files)).toEqual([
        "rules: firestore.rules:27:52: does not parse: expected ')' to close '(', found ';'",
      ]);
    });

    it("reports each checker error", () => {
      const { plan, files } = fixtureApp("notes");
      edit(files, "firestore.rules", NOTE_READ, "allow read: if isOwner(resource.data.ownerId);");
      expect(audit(plan, files)).toEqual([
        "rules: firestore.rules:27:22: undefined function isOwner() [undefined-function]",
      ]);
    });
  });

  describe("when an allow is open to everyone", () => {
    it("reports `allow read, write: if true` on an owner model once", () => {
      const { plan, files } = fixtureApp("notes");
      edit(files, "firestore.rules", NOTE_READ, "allow read, write: if true;");
      expect(audit(plan, files)).toEqual([
        'rules: firestore.rules:27: allow read, write on /notes/{noteId} is open to everyone (if true); Note access is "owner"',
      ]);
    });

    it("reports a condition that never reads request.auth", () => {
      const { plan, files } = fixtureApp("notes");
      edit(files, "firestore.rules", NOTE_READ, "allow read: if resource.data.ownerId != null;");
      expect(audit(plan, files)).toEqual([
        'rules: firestore.rules:27: allow read on /notes/{noteId} never checks request.auth; Note access is "owner"',
      ]);
    });

    it("accepts public reads of a public-read model, and reports its open writes only", () => {
      const { plan, files } = fixtureApp("shop");
      expect(files["firestore.rules"]).toContain("allow read: if true;");
      expect(audit(plan, files)).toEqual([]);
      edit(
        files,
        "firestore.rules",
        "match /products/{productId} {\n      allow read: if true;",
        "match /products/{productId} {\n      allow read, write: if true;",
      );
      expect(audit(plan, files)).toEqual([
        'rules: firestore.rules:42: allow write on /products/{productId} is open to everyone (if true); Product access is "public-read"',
      ]);
    });

    it("reports a catch-all match that allows anything, once", () => {
      const { plan, files } = fixtureApp("notes");
      edit(
        files,
        "firestore.rules",
        "  }\n}",
        "    match /{document=**} {\n      allow read: if request.auth != null;\n    }\n  }\n}",
      );
      expect(audit(plan, files)).toEqual([
        "rules: firestore.rules:36: match /{document=**} allows read on every document; remove the catch-all so unmatched paths stay denied",
      ]);
    });
  });

  describe("when a model's documents are not matched", () => {
    it("reports a removed subcollection match with its path", () => {
      const { plan, files } = fixtureApp("chat");
      const rules = files["firestore.rules"]!;
      const start = rules.indexOf("      // Message (messages)");
      const end = rules.indexOf("      }\n", start) + "      }\n".length;
      files["firestore.rules"] = rules.slice(0, start) + rules.slice(end);
      expect(audit(plan, files)).toEqual([
        'rules: firestore.rules has no match for Message documents (rooms/{roomId}/messages/{messageId}); add one with the "shared" access rules',
      ]);
    });
  });

  describe("when evaluated requests get through", () => {
    it.each([
      [
        "a signed-in user's read of another's note",
        NOTE_READ,
        "allow read: if request.auth != null;",
        "a signed-in user read another user's",
      ],
      [
        "a signed-out read",
        NOTE_READ,
        "allow read: if isUser(resource.data.ownerId) || request.auth == null;",
        "a signed-out user read a",
      ],
      [
        "a signed-out create",
        "allow create: if isUser(request.resource.data.ownerId)",
        "allow create: if request.auth == null || isUser(request.resource.data.ownerId)",
        "a signed-out user create a",
      ],
      [
        "another user's delete",
        "allow delete: if isUser(resource.data.ownerId);",
        "allow delete: if request.auth != null;",
        "another signed-in user (not the owner, no role) delete a",
      ],
    ])("reports %s", (_, from, to, what) => {
      const { plan, files } = fixtureApp("notes");
      edit(files, "firestore.rules", from, to);
      expect(audit(plan, files)).toEqual([
        `rules: firestore.rules lets ${what} Note document (notes/{noteId}); Note access is "owner"`,
      ]);
    });

    it("reports a role model writable without the role", () => {
      const { plan, files } = fixtureApp("events");
      edit(
        files,
        "firestore.rules",
        "allow delete: if hasRole(['moderator']);",
        "allow delete: if signedIn();",
      );
      expect(audit(plan, files)).toEqual([
        'rules: firestore.rules lets another signed-in user (not the owner, no role) delete a Report document (reports/{reportId}); Report access is "role"',
      ]);
    });
  });

  describe("storage rules", () => {
    it("report uploads that are not scoped by uid", () => {
      const { plan, files } = fixtureApp("notes");
      edit(
        files,
        "storage.rules",
        "isUser(uid) && validUpload",
        "request.auth != null && validUpload",
      );
      expect(audit(plan, files)).toEqual([
        "rules: storage.rules: uploads to /users/{uid}/notes/{fileName} are not scoped by uid (another user can write into the owner's folder); compare the path's uid with request.auth.uid",
      ]);
    });

    it("report uploads with no size limit", () => {
      const { plan, files } = fixtureApp("notes");
      edit(files, "storage.rules", "request.resource.size <= 5242880\n        && ", "");
      expect(audit(plan, files)).toEqual([
        "rules: storage.rules: uploads to /users/{uid}/notes/{fileName} have no size limit at or below the plan's 5 MB; check request.resource.size",
      ]);
    });

    it("report uploads open to everyone", () => {
      const { plan, files } = fixtureApp("notes");
      edit(
        files,
        "storage.rules",
        "allow create, update: if isUser(uid) && validUpload('image/jpeg|image/png|image/webp');",
        "allow create, update: if true;",
      );
      expect(audit(plan, files)).toEqual([
        "rules: storage.rules:18: allow create, update on /users/{uid}/notes/{fileName} is open to everyone (if true); uploads require a signed-in user",
      ]);
    });

    it("accept public reads of a public-read model's uploads", () => {
      const { plan, files } = fixtureApp("events");
      expect(files["storage.rules"]).toContain("allow read: if true;");
      expect(audit(plan, files)).toEqual([]);
    });
  });

  describe("public models", () => {
    it("accept rules the coder writes for a model anyone may read and write", () => {
      const notes = loadFixture("notes");
      const plan: AppPlan = {
        ...notes,
        models: notes.models.map((m) => ({ ...m, access: { kind: "public" } })),
      };
      const { files } = appOf(plan);
      expect(audit(plan, files)).toEqual([]);
    });
  });
});
