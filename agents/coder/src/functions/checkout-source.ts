import type { ModelInfo } from "../analyze.js";
import { lines, upperFirst } from "../naming.js";
import type { Recipe } from "./recipes.js";
import { fieldEntries } from "./source-parts.js";

/**
 * The `checkout` callable: totals the caller's cart from stored prices, writes the order. Its
 * refusals are `"<code>: <sentence>"`, passed to the caller and shown by the checkout button.
 */
export function checkoutBody(name: string, r: Extract<Recipe, { kind: "checkout" }>): string {
  const cartOwner = r.cart.ownerField!;
  const productTitle =
    r.product.display && r.product.display.type !== "reference"
      ? r.product.display.name
      : undefined;
  const order = r.order;
  const numberField = (m: ModelInfo, re: RegExp) =>
    m.fields.find((f) => f.type === "number" && re.test(f.name))?.name ??
    m.fields.find((f) => f.type === "number")?.name;
  const textField = (m: ModelInfo) =>
    m.fields.find(
      (f) =>
        ["text", "string", "markdown"].includes(f.type) &&
        /item|line|summary|detail|desc/i.test(f.name),
    )?.name ?? m.fields.find((f) => f.type === "text" || f.type === "markdown")?.name;
  const known: Record<string, string> = {};
  if (order) {
    known[order.ownerField!] = "{ stringValue: uid }";
    const total = numberField(order, /total|amount|sum|price/i);
    if (total) known[total] = "{ doubleValue: total }";
    const summary = textField(order);
    if (summary) known[summary] = `{ stringValue: lines.join("\\n") }`;
  }
  return lines(
    `export interface CheckoutResult {`,
    `  orderId: string;`,
    `  total: number;`,
    `}`,
    "",
    `/** Checks the request: 1 to 100 distinct cart item ids. */`,
    `export function parseItemIds(data: unknown): string[] {`,
    `  const ids = (data as { itemIds?: unknown } | null)?.itemIds;`,
    `  const valid =`,
    `    Array.isArray(ids) &&`,
    `    ids.length > 0 &&`,
    `    ids.length <= 100 &&`,
    `    ids.every((id) => typeof id === "string" && /^[A-Za-z0-9_-]{1,128}$/.test(id));`,
    `  if (!valid) throw new Error("invalid-argument: Choose 1 to 100 ${r.cart.plural} to check out.");`,
    `  return [...new Set(ids as string[])];`,
    `}`,
    "",
    `/**`,
    ` * Callable: totals the caller's ${r.cart.plural} from the ${r.product.plural}' stored prices (never`,
    ` * from the client), ${order ? `writes the ${order.label} and empties those items in one commit` : "and answers the total"}.`,
    ` */`,
    `export default async function ${name}(data: unknown, context: Context): Promise<CheckoutResult> {`,
    `  const uid = context.auth?.uid;`,
    `  if (!uid) throw new Error("unauthenticated: Sign in to check out.");`,
    `  const itemIds = parseItemIds(data);`,
    `  let total = 0;`,
    `  const lines: string[] = [];`,
    `  for (const id of itemIds) {`,
    `    const item = await context.documents.get(\`${r.cart.model.collection}/\${id}\`);`,
    `    if (!item || text(item.fields.${cartOwner}) !== uid) {`,
    `      throw new Error(\`not-found: ${upperFirst(r.cart.label)} \${id} is not in your ${r.cart.plural}.\`);`,
    `    }`,
    `    const productId = text(item.fields.${r.productField});`,
    `    const product = productId ? await context.documents.get(\`${r.product.model.collection}/\${productId}\`) : null;`,
    `    if (!product) throw new Error(\`failed-precondition: The ${r.product.label} of ${r.cart.label} \${id} no longer exists.\`);`,
    r.quantityField
      ? `    const quantity = Math.max(1, Math.floor(num(item.fields.${r.quantityField})));`
      : `    const quantity = 1;`,
    `    const price = num(product.fields.${r.priceField});`,
    `    total += price * quantity;`,
    `    lines.push(\`\${quantity} × \${${productTitle ? `text(product.fields.${productTitle}) || productId` : "productId"}} at \${price.toFixed(2)}\`);`,
    `  }`,
    `  total = Math.round(total * 100) / 100;`,
    ...(order
      ? [
          `  const orderId = crypto.randomUUID().replace(/-/g, "").slice(0, 20);`,
          `  await context.documents.commit([`,
          `    {`,
          `      update: {`,
          `        name: \`${order.model.collection}/\${orderId}\`,`,
          `        fields: {`,
          ...fieldEntries(order, known).map((e) => `          ${e}`),
          `        },`,
          `      },`,
          `      updateTransforms: TIMESTAMPS,`,
          `      currentDocument: { exists: false },`,
          `    },`,
          `    ...itemIds.map((id) => ({ delete: \`${r.cart.model.collection}/\${id}\` })),`,
          `  ]);`,
          `  return { orderId, total };`,
        ]
      : [`  console.log(lines.join("; "));`, `  return { orderId: "", total };`]),
    `}`,
  );
}
