/**
 * The types and helpers every generated function starts with. A deployed function is one
 * self-contained module (the runtime bundles it without node_modules), so each file carries
 * its own copy instead of importing a shared one.
 */
export const PRELUDE = `/** A field in the REST wire form the runtime hands functions (and takes in commits). */
export interface WireValue {
  stringValue?: string;
  integerValue?: string;
  doubleValue?: number;
  booleanValue?: boolean;
  timestampValue?: string;
  nullValue?: null;
  arrayValue?: { values?: WireValue[] };
  mapValue?: { fields?: Record<string, WireValue> };
}
export type Fields = Record<string, WireValue>;

/** A user of the app, as \`context.users\` shows them. */
export interface UserInfo {
  uid: string;
  email: string | null;
  emailVerified: boolean;
  disabled: boolean;
  customClaims: Record<string, unknown>;
}

/**
 * What the runtime passes as \`context\`: the caller, the trigger's params, admin documents, and
 * the app's users (custom claims reach a user's token at its next refresh).
 */
export interface Context {
  auth?: { uid: string; token?: Record<string, unknown> } | null;
  params?: Record<string, string>;
  eventId?: string;
  documents: {
    get(path: string): Promise<{ name: string; fields: Fields } | null>;
    commit(writes: unknown[], options?: { idempotencyKey?: string }): Promise<unknown>;
  };
  users: {
    get(uid: string): Promise<UserInfo | null>;
    getByEmail(email: string): Promise<UserInfo | null>;
    setCustomClaims(uid: string, claims: Record<string, unknown> | null): Promise<UserInfo>;
  };
}

function text(value: WireValue | undefined): string {
  return value?.stringValue ?? "";
}

function num(value: WireValue | undefined): number {
  if (value?.integerValue !== undefined) return Number(value.integerValue);
  return typeof value?.doubleValue === "number" ? value.doubleValue : 0;
}

/** Both timestamps of a new document, set by the runtime at commit time. */
const TIMESTAMPS = [
  { fieldPath: "createdAt", setToServerValue: "REQUEST_TIME" },
  { fieldPath: "updatedAt", setToServerValue: "REQUEST_TIME" },
];
`;

/** The prelude with only the helpers `source` uses, so the file has no unused code. */
export function preludeFor(source: string): string {
  let prelude = PRELUDE;
  const drop = (used: RegExp, pattern: RegExp) => {
    if (!used.test(source)) prelude = prelude.replace(pattern, "");
  };
  drop(/\btext\(/, /function text\([\s\S]*?\n}\n\n/);
  drop(/\bnum\(/, /function num\([\s\S]*?\n}\n\n/);
  drop(/\bTIMESTAMPS\b/, /\/\*\* Both timestamps[\s\S]*?\];\n/);
  return prelude.trimEnd();
}
