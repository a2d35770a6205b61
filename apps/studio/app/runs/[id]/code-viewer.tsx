"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { languageOf, loadMonaco, monacoTheme, type Disposable } from "./monaco-loader.js";

type Editor = "plain" | "loading" | "monaco" | "failed";

/** Options both Monaco views share: read-only, and Tab leaves the editor (no keyboard trap). */
const READ_ONLY = {
  readOnly: true,
  domReadOnly: true,
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  tabFocusMode: true,
  renderValidationDecorations: "off",
};

interface Host {
  querySelectorAll(
    selector: string,
  ): ArrayLike<{ setAttribute(name: string, value: string): void }>;
}

/**
 * Monaco's hidden IME text areas (aria-hidden, out of the tab order) carry no label; they are
 * named after the view anyway, so no tool or person meets an unnamed form control.
 */
function labelInputs(host: unknown, label: string): void {
  for (const area of Array.from((host as Host).querySelectorAll("textarea:not([aria-label])"))) {
    area.setAttribute("aria-label", `${label} (read-only)`);
  }
}

/**
 * A file read-only in Monaco, or Monaco's diff editor when `base` (the previous round's
 * content) is given. `children` is the server-rendered plain view: shown until Monaco is
 * ready, kept when it fails to load, and all there is without JavaScript.
 */
export function CodeViewer({
  path,
  content,
  base,
  label,
  children,
}: {
  path: string;
  content: string;
  base: string | null;
  label: string;
  children: ReactNode;
}) {
  const host = useRef<unknown>(null);
  const [editor, setEditor] = useState<Editor>("plain");

  useEffect(() => {
    let gone = false;
    const owned: Disposable[] = [];
    setEditor("loading");
    loadMonaco()
      .then((monaco) => {
        if (gone || !host.current) return;
        monaco.editor.setTheme(monacoTheme());
        const language = languageOf(path);
        const modified = monaco.editor.createModel(content, language);
        owned.push(modified);
        if (base === null) {
          const view = monaco.editor.create(host.current, { ...READ_ONLY, ariaLabel: label });
          view.setModel(modified);
          owned.unshift(view);
        } else {
          const original = monaco.editor.createModel(base, language);
          owned.push(original);
          const view = monaco.editor.createDiffEditor(host.current, {
            ...READ_ONLY,
            originalEditable: false,
            renderSideBySide: true,
            hideUnchangedRegions: { enabled: true },
            ariaLabel: label,
          });
          view.setModel({ original, modified });
          owned.unshift(view);
        }
        labelInputs(host.current, label);
        setEditor("monaco");
      })
      .catch(() => {
        if (!gone) setEditor("failed");
      });
    return () => {
      gone = true;
      // The editor first, then its models: Monaco wants them in that order.
      for (const d of owned) d.dispose();
    };
  }, [path, content, base, label]);

  return (
    <div className="code-viewer" data-editor={editor}>
      <div
        ref={(node) => {
          host.current = node;
        }}
        className={base === null ? "monaco-host" : "monaco-host monaco-diff-host"}
        hidden={editor !== "monaco"}
      />
      <div className="code-fallback" hidden={editor === "monaco"}>
        {editor === "loading" ? (
          <p className="muted small" role="status">
            Loading the code editor…
          </p>
        ) : editor === "failed" ? (
          <p className="muted small" role="status">
            The code editor could not be loaded; this is the plain view.
          </p>
        ) : null}
        {children}
      </div>
    </div>
  );
}
