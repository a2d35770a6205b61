import { describe, expect, it } from "vitest";
import { evaluateAsync } from "./async-evaluate.js";
import { RulesProgram } from "./program.js";
import { prepareFirestoreRequest } from "./requests/firestore-request.js";
import { firestoreRules } from "./test-support.js";
import { fromPlainJson } from "./values/from-json.js";
import type { RMap } from "./values/value.js";
import { RTimestamp } from "./values/value.js";

describe("evaluateAsync", () => {
  const program = RulesProgram.compile(
    firestoreRules(`match /t/{id} {
      allow read: if get(/databases/$(database)/documents/roles/$(request.auth.uid)).data.admin == true
        && exists(/databases/$(database)/documents/flags/$(id));
    }`),
  );
  const [request] = prepareFirestoreRequest({
    method: "get",
    path: "t/x",
    auth: fromPlainJson({ uid: "alice", token: {} }) as RMap,
    time: new RTimestamp(0, 0),
  });

  it("fetches each document the rules read, once, and decides like the synchronous path", async () => {
    const docs: Record<string, unknown> = { "roles/alice": { admin: true }, "flags/x": {} };
    const asked: string[] = [];
    const current = {
      get: async (path: readonly string[]) => {
        asked.push(path.join("/"));
        const data = docs[path.join("/")];
        return data === undefined ? undefined : fromPlainJson(data);
      },
    };
    const verdict = await evaluateAsync(program, { ...request!, current });
    expect(verdict.allowed).toBe(true);
    expect(asked).toEqual(["roles/alice", "flags/x"]);
  });

  it("denies when a looked-up document is missing", async () => {
    const verdict = await evaluateAsync(program, {
      ...request!,
      current: { get: async () => undefined },
    });
    expect(verdict.allowed).toBe(false);
  });
});
