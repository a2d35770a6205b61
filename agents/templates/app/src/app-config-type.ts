import type { ReactNode } from "react";

/** The shape of `app-config.ts`, which the coder writes from the plan. */
export interface AppConfig {
  /** What the header and the document title show. */
  title: string;
  summary: string;
  /** The project id used when VITE_WINKY_PROJECT is not set. */
  project: string;
  /** Sign-in methods the screens offer. */
  providers: ReadonlyArray<"email" | "anonymous" | "google" | "github">;
  /** Links in the header; `roles` hides a link from users without one of them. */
  nav: ReadonlyArray<NavItem>;
  uploads: {
    maxFileMb: number;
    /** Content types an image input accepts, e.g. ["image/png", "image/jpeg"]. */
    imageTypes: readonly string[];
    /** Content types a file input accepts; empty means any the rules allow. */
    fileTypes: readonly string[];
  };
}

export interface NavItem {
  to: string;
  label: string;
  /** Only signed-in users see it. */
  signedIn?: boolean;
  roles?: readonly string[];
}

/** A route of the generated app; `signedIn`/`roles` wrap it in RequireAuth. */
export interface AppRoute {
  path: string;
  element: ReactNode;
  signedIn?: boolean;
  roles?: readonly string[];
}
