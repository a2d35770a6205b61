import type { ModelInfo } from "../analyze.js";

/** What one plain-English step of a smoke scenario does in the browser. */
export type SmokeAction =
  | { kind: "sign-up" }
  | { kind: "sign-in"; roles: string[] }
  /** "sign in as user B", "as another user": a second, new account. */
  | { kind: "switch-user" }
  | { kind: "sign-out" }
  /** "open /path": a model's create route starts a form that `fill` and `save` complete. */
  | { kind: "open"; path: string; form?: ModelInfo; list?: ModelInfo }
  | { kind: "fill"; label: string; value?: string }
  | { kind: "save" }
  /** "open the same page in two signed-in browsers": a second tab of the same session. */
  | { kind: "second-page" }
  | { kind: "denied" }
  | { kind: "see-admin" }
  | {
      kind: "create";
      model: ModelInfo;
      title?: string;
      tags: string[];
      numbers: Record<string, string>;
      upload: boolean;
      /** Field values by label ("fill "Title" with …"); `undefined`: any valid value. */
      given?: Map<string, string | undefined>;
    }
  | {
      kind: "see";
      model: ModelInfo;
      title?: string;
      /** "see no …": the list loads without it. */
      absent?: boolean;
      /** "on its page": the detail page of the document created last. */
      onPage?: boolean;
      /** "in the other": on the second page, without reloading. */
      other?: boolean;
      /** "on the room's page": listed on the page of this (parent) document. */
      pageOf?: ModelInfo;
    }
  /** "see a notification": the signed-in user's notifications list it. */
  | { kind: "see-notification" }
  | { kind: "edit"; model: ModelInfo; title?: string }
  | { kind: "delete"; model: ModelInfo }
  | { kind: "search"; model: ModelInfo; text: string }
  | { kind: "filter-tag"; model: ModelInfo; tag: string }
  | { kind: "checkout" }
  | { kind: "manual"; step: string };

/** A "see" step, with where to look. */
export type SeeAction = Extract<SmokeAction, { kind: "see" }>;
