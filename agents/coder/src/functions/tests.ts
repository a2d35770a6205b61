import type { ModelInfo } from "../analyze.js";
import { lines, ts } from "../naming.js";
import type { FunctionInfo, NotificationsInfo, Recipe } from "./recipes.js";
import { setRoleTest } from "./role-test.js";

const FAKE_CONTEXT = lines(
  `/** A context whose documents are \`docs\` (wire fields by path), recording commits; no users. */`,
  `function fakeContext(uid: string | null, docs: Record<string, Fields>) {`,
  `  const commits: unknown[][] = [];`,
  `  const context: Context = {`,
  `    auth: uid ? { uid } : null,`,
  `    documents: {`,
  `      get: async (path) => (docs[path] ? { name: path, fields: docs[path] } : null),`,
  `      commit: async (writes) => {`,
  `        commits.push(writes);`,
  `        return {};`,
  `      },`,
  `    },`,
  `    users: {`,
  `      get: async () => null,`,
  `      getByEmail: async () => null,`,
  `      setCustomClaims: async (uid) => {`,
  `        throw new Error("not-found: no user " + uid);`,
  `      },`,
  `    },`,
  `  };`,
  `  return { context, commits };`,
  `}`,
);

/** `functions/<name>.test.ts` for the recipes whose logic is worth a unit test. */
export function functionTest(
  info: FunctionInfo,
  notifications: NotificationsInfo | undefined,
): string | undefined {
  const { recipe } = info;
  if (recipe.kind === "checkout") return checkoutTest(info.fn.name, recipe);
  if (recipe.kind === "setRole") return setRoleTest(info.fn.name, recipe);
  if (recipe.kind === "notify" && notifications)
    return notifyTest(info.fn.name, recipe, notifications);
  return undefined;
}

function checkoutTest(name: string, r: Extract<Recipe, { kind: "checkout" }>): string {
  const cart = r.cart.model.collection;
  const products = r.product.model.collection;
  const item = (owner: string, product: string, quantity: number) =>
    `{ ${r.cart.ownerField}: { stringValue: ${ts(owner)} }, ${r.productField}: { stringValue: ${ts(product)} }${
      r.quantityField ? `, ${r.quantityField}: { integerValue: "${quantity}" }` : ""
    } }`;
  const expected = r.quantityField ? 2 * 2.5 + 10 : 2.5 + 10;
  return lines(
    `import { describe, expect, it } from "vitest";`,
    `import ${name}, { type Context, type Fields } from "./${name}";`,
    "",
    FAKE_CONTEXT,
    "",
    `const docs: Record<string, Fields> = {`,
    `  "${products}/p1": { ${r.priceField}: { doubleValue: 2.5 } },`,
    `  "${products}/p2": { ${r.priceField}: { integerValue: "10" } },`,
    `  "${cart}/c1": ${item("u1", "p1", 2)},`,
    `  "${cart}/c2": ${item("u1", "p2", 1)},`,
    `  "${cart}/theirs": ${item("u2", "p1", 1)},`,
    `};`,
    "",
    `describe(${ts(name)}, () => {`,
    `  it("totals the caller's items from the stored prices", async () => {`,
    `    const { context, commits } = fakeContext("u1", docs);`,
    `    const result = await ${name}({ itemIds: ["c1", "c2"] }, context);`,
    `    expect(result.total).toBe(${expected});`,
    r.order ? `    expect(commits).toHaveLength(1);` : `    expect(commits).toHaveLength(0);`,
    `  });`,
    "",
    `  it("refuses another user's item", async () => {`,
    `    const { context, commits } = fakeContext("u1", docs);`,
    `    await expect(${name}({ itemIds: ["c1", "theirs"] }, context)).rejects.toThrow(/not-found/);`,
    `    expect(commits).toHaveLength(0);`,
    `  });`,
    "",
    `  it("refuses a caller who is not signed in", async () => {`,
    `    const { context } = fakeContext(null, docs);`,
    `    await expect(${name}({ itemIds: ["c1"] }, context)).rejects.toThrow(/unauthenticated/);`,
    `  });`,
    "",
    `  it("refuses a request without item ids", async () => {`,
    `    const { context } = fakeContext("u1", docs);`,
    `    await expect(${name}({ itemIds: [] }, context)).rejects.toThrow(/invalid-argument/);`,
    `  });`,
    `});`,
    "",
  );
}

function notifyTest(
  name: string,
  r: Extract<Recipe, { kind: "notify" }>,
  n: NotificationsInfo,
): string {
  const source = r.source;
  const chain: ModelInfo[] = [...source.ancestors, source];
  const params = chain.map((m, i) => `${m.varName}Id: "id${i}"`).join(", ");
  const path = chain.map((m, i) => `${m.model.collection}/id${i}`).join("/");
  const docs: string[] = [];
  let after = "{}";
  let recipient = "owner-1";
  const rec = r.recipient;
  switch (rec.from) {
    case "parent": {
      const parentPath = chain
        .slice(0, -1)
        .map((m, i) => `${m.model.collection}/id${i}`)
        .join("/");
      docs.push(`${ts(parentPath)}: { ${rec.ownerField}: { stringValue: "owner-1" } },`);
      after = r.actorField ? `{ ${r.actorField}: { stringValue: "writer-1" } }` : "{}";
      break;
    }
    case "reference":
      docs.push(
        `${ts(`${rec.model.model.collection}/t1`)}: { ${rec.ownerField}: { stringValue: "owner-1" } },`,
      );
      after = `{ ${rec.field}: { stringValue: "t1" }${r.actorField ? `, ${r.actorField}: { stringValue: "writer-1" }` : ""} }`;
      break;
    case "field":
    case "owner":
      after = `{ ${rec.field}: { stringValue: "owner-1" } }`;
      recipient = "owner-1";
      break;
  }
  const selfAfter =
    r.actorField && rec.from !== "owner" ? after.replace('"writer-1"', '"owner-1"') : undefined;
  return lines(
    `import { describe, expect, it } from "vitest";`,
    `import ${name}, { type Context, type DocumentEvent, type Fields } from "./${name}";`,
    "",
    FAKE_CONTEXT,
    "",
    `const docs: Record<string, Fields> = {`,
    ...docs.map((d) => `  ${d}`),
    `};`,
    "",
    `function created(after: Fields): DocumentEvent {`,
    `  return { eventId: "evt-1", kind: "create", path: ${ts(path)}, params: { ${params} }, before: null, after };`,
    `}`,
    "",
    `describe(${ts(name)}, () => {`,
    `  it("writes a notification for the recipient", async () => {`,
    `    const { context, commits } = fakeContext(null, docs);`,
    `    await ${name}(created(${after}), context);`,
    `    expect(commits).toHaveLength(1);`,
    `    const write = commits[0]![0] as { update: { name: string; fields: Fields } };`,
    `    expect(write.update.name).toBe(${ts(`${n.collection}/evt-1`)});`,
    `    expect(write.update.fields.${n.recipientField}).toEqual({ stringValue: ${ts(recipient)} });`,
    `  });`,
    selfAfter
      ? lines(
          "",
          `  it("does not notify people of what they wrote themselves", async () => {`,
          `    const { context, commits } = fakeContext(null, docs);`,
          `    await ${name}(created(${selfAfter}), context);`,
          `    expect(commits).toHaveLength(0);`,
          `  });`,
        )
      : null,
    "",
    `  it("ignores a deletion", async () => {`,
    `    const { context, commits } = fakeContext(null, docs);`,
    `    await ${name}({ ...created({}), after: null }, context);`,
    `    expect(commits).toHaveLength(0);`,
    `  });`,
    `});`,
    "",
  );
}
