/** Names the generated code uses, derived from the plan's identifiers. */

/** `CartItem` or `cartItems` → `cart-items`. */
export function kebab(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

/** `CartItem` → `cartItem`. */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** `cartItem` → `CartItem`. */
export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `CartItem` or `cartItems` → `cart item(s)`: what a person reads. */
export function words(identifier: string): string {
  return kebab(identifier).replace(/-/g, " ");
}

/** `CartItem` → `CART_ITEM`. */
export function constantCase(identifier: string): string {
  return kebab(identifier).replace(/-/g, "_").toUpperCase();
}

/** A TypeScript string literal for any text. */
export function ts(text: string): string {
  return JSON.stringify(text);
}

/** JSX text: plain when it is safe as it is, else an expression, so `<` and `{` stay text. */
export function jsxText(text: string): string {
  return /^[^\s{}<>&][^{}<>&\n]*$/.test(text) && !/\s$/.test(text)
    ? text
    : `{${JSON.stringify(text)}}`;
}

/** A JSX attribute value for any text: a plain string when it needs no escaping. */
export function jsxAttr(text: string): string {
  return /^[^"\\{}<>&\n]*$/.test(text) ? `"${text}"` : `{${JSON.stringify(text)}}`;
}

/** A rules-language string literal. */
export function rulesString(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
}

/** Text for HTML element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Joins lines, dropping `null`/`false` (conditional lines) and keeping empty strings. */
export function lines(...parts: Array<string | null | undefined | false | string[]>): string {
  return parts
    .flatMap((p) => (Array.isArray(p) ? p : [p]))
    .filter((p): p is string => typeof p === "string")
    .join("\n");
}

/** Indents every non-empty line of `text` by `depth` two-space steps. */
export function indent(text: string, depth: number): string {
  const pad = "  ".repeat(depth);
  return text
    .split("\n")
    .map((l) => (l === "" ? l : pad + l))
    .join("\n");
}
