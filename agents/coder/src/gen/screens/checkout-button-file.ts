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
    `import { describeCallError } from "../../lib/call-errors";`,
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
    `      // The function's refusal says why (an item gone, not signed in) in words for the person.`,
    `      setState({ kind: "failed", message: describeCallError(e) });`,
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

/** `src/screens/<carts>/checkout-button.test.tsx`: a refused checkout shows the function's words. */
export function checkoutButtonTestFile(name: string): string {
  return lines(
    `import { fireEvent, render, screen } from "@testing-library/react";`,
    `import { WinkyError } from "@winky/sdk";`,
    `import { describe, expect, it, vi } from "vitest";`,
    `import { CheckoutButton } from "./checkout-button";`,
    "",
    `const call = vi.hoisted(() => vi.fn());`,
    `vi.mock("../../winky", () => ({ functions: { call } }));`,
    "",
    `describe("CheckoutButton", () => {`,
    `  it("shows why the ${name} function refused", async () => {`,
    `    call.mockImplementation(async () => {`,
    `      throw new WinkyError("failed-precondition", "A product in your cart no longer exists.", { status: 400 });`,
    `    });`,
    `    render(<CheckoutButton itemIds={["c1", "c2"]} />);`,
    `    fireEvent.click(screen.getByRole("button", { name: "Check out" }));`,
    `    expect(await screen.findByRole("alert")).toHaveProperty("textContent", "A product in your cart no longer exists.");`,
    `    expect(call).toHaveBeenCalledWith(${ts(name)}, { itemIds: ["c1", "c2"] });`,
    `  });`,
    `});`,
    "",
  );
}
