import { inspect } from "node:util";

const REDACTED = "[secret]";
const BRAND = Symbol.for("winky.secret");

/**
 * A secret value that does not print itself. `String(secret)`, `${secret}`,
 * `JSON.stringify(secret)` and `util.inspect(secret)` (so `console.log` and pino) all give
 * `[secret]`; only {@link Secret.reveal} gives the string. The value lives in a private field,
 * which neither `Object.keys`, spreading nor `structuredClone` copies.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The brand {@link isSecret} checks; on the prototype, so a spread copy does not carry it. */
  get [BRAND](): true {
    return true;
  }

  /** The plain value. Call it only where the value leaves the process on purpose. */
  reveal(): string {
    return this.#value;
  }

  /** `[secret]`. */
  toString(): string {
    return REDACTED;
  }

  /** `[secret]`, so a secret inside a logged or serialised object stays hidden. */
  toJSON(): string {
    return REDACTED;
  }

  /** `[secret]` for template literals and `+`. */
  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  /** `[secret]` for `util.inspect` and `console.log`. */
  [inspect.custom](): string {
    return REDACTED;
  }
}

/** True for a {@link Secret}, across bundles (checks a registered symbol, not `instanceof`). */
export function isSecret(value: unknown): value is Secret {
  return (
    typeof value === "object" &&
    value !== null &&
    BRAND in value &&
    typeof (value as { reveal?: unknown }).reveal === "function"
  );
}
