/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The runtime's origin, e.g. http://localhost:4000. */
  readonly VITE_WINKY_URL?: string;
  /** The project id on the runtime; the plan's app name unless set. */
  readonly VITE_WINKY_PROJECT?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
