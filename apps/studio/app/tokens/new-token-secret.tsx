"use client";

import { useState } from "react";
import type { CreatedToken } from "./token-state.js";

/** The clipboard, the one browser API used here (no DOM lib: see the studio's tsconfig). */
type Clipboard = { writeText(text: string): Promise<void> };

/**
 * A new token's secret in a read-only field, with a copy button, until dismissed: the API
 * never shows it again, and the studio keeps it nowhere.
 */
export function NewTokenSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    const clipboard = (globalThis as unknown as { navigator?: { clipboard?: Clipboard } }).navigator
      ?.clipboard;
    try {
      if (!clipboard) throw new Error("no clipboard");
      await clipboard.writeText(created.token);
      setCopied("yes");
    } catch {
      // Browsers refuse the clipboard on plain http or without permission: say so.
      setCopied("failed");
    }
  };
  return (
    <div className="callout callout-success" role="region" aria-labelledby="new-token-title">
      <p id="new-token-title" className="callout-title">
        Token “{created.name}” created: copy it now, you will not see it again.
      </p>
      <p className="small">
        A {created.kind} token acting as at most <strong>{created.role}</strong>
        {created.expiresAt ? `, expiring ${created.expiresAt.slice(0, 10)}` : ", never expiring"}.
        Only its prefix is kept in the list; if it is lost, revoke it and make another.
      </p>
      <label htmlFor="new-token-value">New token value</label>
      <div className="secret">
        <input
          id="new-token-value"
          readOnly
          value={created.token}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => (event.target as unknown as { select(): void }).select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p role="status" className="small">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "failed"
            ? "This browser would not copy it: select the field and copy it yourself."
            : ""}
      </p>
      <div>
        <button type="button" className="button button-quiet button-small" onClick={onDone}>
          I have copied it — hide it
        </button>
      </div>
    </div>
  );
}
