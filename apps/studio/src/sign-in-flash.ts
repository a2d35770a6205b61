import { serializeCookie } from "./session-cookie.js";

/**
 * Why the last sign-in was refused, carried to the next render of `/sign-in` in a short-lived
 * httpOnly cookie rather than the URL: the message is the API's own, so nobody can link to a
 * sign-in page showing a message of their choosing.
 */
export const SIGN_IN_FLASH_COOKIE = "winky_studio_sign_in_problem";

export interface SignInFlash {
  /** What the user typed, to fill the field again; never the token. */
  email: string;
  /** The field the problem is about, so the message shows next to it. */
  field: "email" | "token";
  message: string;
}

const FLASH_SECONDS = 60;

export function signInFlashCookie(flash: SignInFlash, secure: boolean): string {
  return serializeCookie(
    SIGN_IN_FLASH_COOKIE,
    Buffer.from(JSON.stringify(flash), "utf8").toString("base64url"),
    { maxAgeSeconds: FLASH_SECONDS, secure, path: "/sign-in" },
  );
}

export function clearedSignInFlashCookie(secure: boolean): string {
  return serializeCookie(SIGN_IN_FLASH_COOKIE, "", { maxAgeSeconds: 0, secure, path: "/sign-in" });
}

export function parseSignInFlash(value: string | undefined): SignInFlash | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(
      Buffer.from(value, "base64url").toString("utf8"),
    ) as Partial<SignInFlash>;
    if (
      typeof parsed.email === "string" &&
      (parsed.field === "email" || parsed.field === "token") &&
      typeof parsed.message === "string"
    ) {
      return { email: parsed.email, field: parsed.field, message: parsed.message };
    }
  } catch {
    // A cookie we cannot read is no message at all.
  }
  return null;
}

/** What is wrong with the form's fields before the API is asked, or null. */
export function signInFormProblem(email: string, token: string): SignInFlash | null {
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    return { email, field: "email", message: "enter the email address you use in your team" };
  }
  if (token.length === 0) {
    return { email, field: "token", message: "paste your API token (it starts with wk_)" };
  }
  if (!token.startsWith("wk_")) {
    return { email, field: "token", message: "an API token starts with wk_" };
  }
  return null;
}
