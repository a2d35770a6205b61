/**
 * Loads Monaco (the `monaco-editor` package's `min/vs` build, served by the studio itself
 * from `/api/monaco/vs/…`: nothing comes from a CDN) once per page, through the AMD loader
 * that build ships. Browser code; the types below are the little of Monaco and the DOM the
 * run view uses (the studio's TypeScript has no DOM lib).
 */

export const MONACO_BASE = "/api/monaco/vs";

export interface Disposable {
  dispose(): void;
}

export interface MonacoModel extends Disposable {
  getLineCount(): number;
}

export interface MonacoEditor extends Disposable {
  setModel(model: MonacoModel): void;
}

export interface MonacoDiffEditor extends Disposable {
  setModel(models: { original: MonacoModel; modified: MonacoModel }): void;
}

export interface Monaco {
  editor: {
    create(host: unknown, options: Record<string, unknown>): MonacoEditor;
    createDiffEditor(host: unknown, options: Record<string, unknown>): MonacoDiffEditor;
    createModel(value: string, language?: string): MonacoModel;
    setTheme(theme: string): void;
  };
  /** The TypeScript language service, whose diagnostics the viewer turns off. */
  typescript?: LanguageDefaults;
  languages?: { typescript?: LanguageDefaults };
}

interface LanguageDefaults {
  typescriptDefaults?: { setDiagnosticsOptions?(options: object): void };
  javascriptDefaults?: { setDiagnosticsOptions?(options: object): void };
}

interface ScriptElement {
  src: string;
  onload: (() => void) | null;
  onerror: (() => void) | null;
}

interface AmdRequire {
  (modules: string[], loaded: (monaco: Monaco) => void, failed: (error: unknown) => void): void;
  config(options: object): void;
}

interface BrowserGlobals {
  document: {
    createElement(tag: "script"): ScriptElement;
    head: { appendChild(node: ScriptElement): void };
  };
  require?: AmdRequire;
  matchMedia(query: string): { matches: boolean };
}

let loading: Promise<Monaco> | undefined;

/** Monaco, loaded on the first call; a failed load is tried again on the next call. */
export function loadMonaco(): Promise<Monaco> {
  loading ??= new Promise<Monaco>((resolve, reject) => {
    const g = globalThis as unknown as BrowserGlobals;
    const script = g.document.createElement("script");
    script.src = `${MONACO_BASE}/loader.js`;
    script.onerror = () => reject(new Error("Monaco's loader could not be fetched"));
    script.onload = () => {
      const amd = g.require;
      if (!amd) return reject(new Error("Monaco's loader did not define require()"));
      amd.config({ paths: { vs: MONACO_BASE } });
      amd(["vs/editor/editor.main"], (monaco) => resolve(quiet(monaco)), reject);
    };
    g.document.head.appendChild(script);
  }).catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/**
 * A viewer has no project to check the code against: the TypeScript service would only
 * underline every import it cannot resolve, so its diagnostics are off.
 */
function quiet(monaco: Monaco): Monaco {
  const ts = monaco.typescript ?? monaco.languages?.typescript;
  const off = {
    noSemanticValidation: true,
    noSyntaxValidation: true,
    noSuggestionDiagnostics: true,
  };
  ts?.typescriptDefaults?.setDiagnosticsOptions?.(off);
  ts?.javascriptDefaults?.setDiagnosticsOptions?.(off);
  return monaco;
}

/** Monaco's theme for the page's colour scheme. */
export function monacoTheme(): string {
  const g = globalThis as unknown as BrowserGlobals;
  return g.matchMedia("(prefers-color-scheme: dark)").matches ? "vs-dark" : "vs";
}

/** Monaco's language for a path, by its extension; plain text for the rest. */
export function languageOf(path: string): string {
  const ext = path.split(".").pop()?.toLowerCase() ?? "";
  const byExt: Record<string, string> = {
    ts: "typescript",
    tsx: "typescript",
    js: "javascript",
    mjs: "javascript",
    cjs: "javascript",
    jsx: "javascript",
    json: "json",
    css: "css",
    html: "html",
    md: "markdown",
    yml: "yaml",
    yaml: "yaml",
  };
  return byExt[ext] ?? "plaintext";
}
