import { AuthError } from "./errors.js";

/** RFC 5321 limits: 64 octets of local part, 254 for the whole forward path. */
const MAX_LOCAL_LENGTH = 64;
const MAX_EMAIL_LENGTH = 254;

// Deliberately narrower than RFC 5322: no quoted local parts, comments or IP-literal domains,
// which real sign-ups never need and which make the address hard to show and compare safely.
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/**
 * Normalises an email address the way it is stored and sent to: Unicode NFC, surrounding
 * whitespace trimmed, the domain lower-cased. The local part keeps its case, because a few mail
 * servers do treat it case-sensitively and the user should see what they typed; comparisons use
 * {@link emailKey} instead.
 *
 * @throws AuthError `invalid-email` naming what is wrong.
 */
export function normalizeEmail(input: unknown): string {
  if (typeof input !== "string") throw invalidEmail("email must be a string");
  const trimmed = input.normalize("NFC").trim();
  if (trimmed === "") throw invalidEmail("email is required");
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) {
    throw invalidEmail("email must look like name@example.com");
  }
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  validateLocalPart(local);
  validateDomain(domain);
  const email = `${local}@${domain}`;
  if (email.length > MAX_EMAIL_LENGTH) {
    throw invalidEmail(`email must be at most ${MAX_EMAIL_LENGTH} characters`);
  }
  return email;
}

/**
 * The key two addresses are compared by: the normalised address entirely lower-cased. One
 * account per mailbox matters more than the rare server with a case-sensitive local part:
 * `Ann@x.io` and `ann@x.io` are one account, and sign-in works whichever case is typed.
 * Stores index and look up users by this key.
 *
 * @throws AuthError `invalid-email` when the input is not a valid address.
 */
export function emailKey(input: unknown): string {
  return normalizeEmail(input).toLowerCase();
}

/** True when the input is an address {@link normalizeEmail} accepts. */
export function isValidEmail(input: unknown): boolean {
  try {
    normalizeEmail(input);
    return true;
  } catch {
    return false;
  }
}

function validateLocalPart(local: string): void {
  if (local.length > MAX_LOCAL_LENGTH) {
    throw invalidEmail(`the part before @ must be at most ${MAX_LOCAL_LENGTH} characters`);
  }
  if (!LOCAL_PART.test(local)) {
    throw invalidEmail("the part before @ contains characters that are not allowed");
  }
}

function validateDomain(domain: string): void {
  const labels = domain.split(".");
  // A dot is required: single-label hosts are not deliverable on the public internet.
  if (labels.length < 2) throw invalidEmail("the domain must contain a dot, as in example.com");
  for (const label of labels) {
    if (!DOMAIN_LABEL.test(label)) {
      throw invalidEmail(`the domain label '${label}' is not valid`);
    }
  }
}

function invalidEmail(message: string): AuthError {
  return new AuthError("invalid-email", message);
}
