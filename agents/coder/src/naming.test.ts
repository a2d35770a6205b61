import { describe, expect, it } from "vitest";
import { escapeHtml, jsxAttr, jsxText, kebab, rulesString, words } from "./naming.js";

describe("naming", () => {
  it("turns identifiers into file names and words", () => {
    expect(kebab("CartItem")).toBe("cart-item");
    expect(kebab("cartItems")).toBe("cart-items");
    expect(words("chatRooms")).toBe("chat rooms");
  });

  it("escapes text for rules, HTML and JSX", () => {
    expect(rulesString("Won't \\ do")).toBe("'Won\\'t \\\\ do'");
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    expect(jsxText("My notes")).toBe("My notes");
    expect(jsxText("a {b} <c>")).toBe('{"a {b} <c>"}');
    expect(jsxAttr("Search notes")).toBe('"Search notes"');
    expect(jsxAttr('say "hi"')).toBe('{"say \\"hi\\""}');
  });
});
