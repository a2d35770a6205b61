import { routeTo } from "../../analyze.js";
import type { Recipe } from "../../functions/recipes.js";
import { lines, ts } from "../../naming.js";

/** `src/screens/<carts>/checkout-button.tsx`: calls the checkout function with the cart's items. */
export function checkoutButtonFile(
  name: string,
  recipe: Extract<Recipe, { kind: "checkout" }>,
): string {
  const order = recipe.order;
  return lines(
    `import { useState } from "react";`,
    order ? `import { Link } from "react-router-dom";` : null,
    `import { ErrorMessage } from "../../components/states";`,
    `import { describeError } from "../../lib/errors";`,
    `import { functions } from "../../winky";`,
    "",
    `type State =`,
    `  | { kind: "idle" }`,
    `  | { kind: "busy" }`,
    `  | { kind: "done"; orderId: string; total: number }`,
    `  | { kind: "failed"; message: string };`,
    "",
    `/** The total is computed by the ${ts(name)} function from the products' prices, never here. */`,
    `export function CheckoutButton({ itemIds }: { itemIds: string[] }) {`,
    `  const [state, setState] = useState<State>({ kind: "idle" });`,
    `  async function checkout() {`,
    `    setState({ kind: "busy" });`,
    `    try {`,
    `      const result = await functions.call<{ orderId: string; total: number }>(${ts(name)}, { itemIds });`,
    `      setState({ kind: "done", ...result });`,
    `    } catch (e) {`,
    `      setState({ kind: "failed", message: describeError(e) });`,
    `    }`,
    `  }`,
    `  return (`,
    `    <div className="checkout">`,
    `      <button`,
    `        type="button"`,
    `        className="button primary"`,
    `        disabled={itemIds.length === 0 || state.kind === "busy"}`,
    `        onClick={() => void checkout()}`,
    `      >`,
    `        Check out`,
    `      </button>`,
    `      {state.kind === "done" && (`,
    `        <p role="status">`,
    `          Order placed. Total: {state.total.toFixed(2)}.`,
    order
      ? `          {" "}\n          <Link to={${routeTo(order.routes.detail, ["state.orderId"])}}>See the order</Link>`
      : null,
    `        </p>`,
    `      )}`,
    `      {state.kind === "failed" && <ErrorMessage message={state.message} />}`,
    `    </div>`,
    `  );`,
    `}`,
    "",
  );
}
