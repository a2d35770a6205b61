import { RulesProgram } from "@winky/rules";
import { describe, expect, it } from "vitest";
import { ruleItems } from "./rule-items.js";

const SOURCE = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /users/{uid} {
      allow read: if request.auth != null;
      allow write: if request.auth.uid == uid;
      match /notes/{noteId} {
        allow read, delete: if request.auth.uid == uid;
        allow create: if noSuchFunction();
      }
    }
    match /{path=**} {
      allow read: if false;
    }
  }
}
`;

describe("ruleItems", () => {
  it("lists every allow statement with its match path, line and the checker's errors", () => {
    const program = RulesProgram.compile(SOURCE, "firestore.rules");
    const items = ruleItems(program.ast, SOURCE, "firestore.rules");
    expect(items.map((i) => [i.name, i.source.line, i.verdict])).toEqual([
      ["match /databases/{database}/documents/users/{uid}: allow read", 5, "maps"],
      ["match /databases/{database}/documents/users/{uid}: allow write", 6, "maps"],
      [
        "match /databases/{database}/documents/users/{uid}/notes/{noteId}: allow read, delete",
        8,
        "maps",
      ],
      [
        "match /databases/{database}/documents/users/{uid}/notes/{noteId}: allow create",
        9,
        "needs-change",
      ],
      ["match /databases/{database}/documents/{path=**}: allow read", 13, "maps"],
    ]);
    expect(items[3]!.detail).toMatch(/^9:\d+ .*noSuchFunction/);
  });
});
