import type { AppPlan } from "../plan-schema.js";

/**
 * Sign-in providers. The ones the prompt names ("email login", "sign in with Google",
 * "GitHub"), else email and password, since private data needs someone to own it. "Without
 * sign-up", "guest" or "anonymous" means anonymous sign-in — still a uid, so data stays
 * per-person — plus email when admins need a real account.
 */
type Provider = AppPlan["auth"]["providers"][number];
const ORDER: readonly Provider[] = ["email", "google", "github", "anonymous"];

const LOGIN =
  /\b(log ?-?in|sign[- ]?(in|up|on)|signup|auth|authentication|oauth|sso|accounts?|register|registration)\b/;
const EMAIL =
  /\be-?mail( and|\/| ?&)? ?password\b|\be-?mail[- ](login|log-in|sign[- ]?(in|up|on)|auth\w*|accounts?)\b|\b(log ?in|sign[- ]?(in|up)|register|registration|accounts?) (with|via|using|by) (an? )?e-?mail\b|\bmagic[- ]links?\b|\bpasswords?\b|\busername\b/;
const ANONYMOUS =
  /\b(without|no|don't need|doesn't need|no need (for|to)|skip|never) (an? |any )?(sign[- ]?(up|in|ing up|ing in)|log ?-?in|logging in|accounts?|registration|registering|signing up|auth\w*)\b|\b(as a guest|guest (mode|access|users?|checkout))\b|\banonymous(ly)?\b/;

export function decideAuth(
  lower: string,
  roles: readonly string[],
  assumptions: string[],
): AppPlan["auth"] {
  const sentences = lower.split(/[.!?\n]/);
  const named = new Set<Provider>();
  if (EMAIL.test(lower)) named.add("email");
  for (const s of sentences) {
    if (!LOGIN.test(s)) continue;
    if (/\bgoogle\b(?! (maps|calendar|sheets|drive|docs|analytics|fonts))/.test(s))
      named.add("google");
    if (/\bgit ?hub\b/.test(s)) named.add("github");
  }
  // "browse without an account" makes things public to read; it is not guest sign-in.
  const anonymous = sentences.some((s) => {
    const m = ANONYMOUS.exec(s);
    return m !== null && !/\b(browse|see|read|view|look|visit|explore)\b/.test(s.slice(0, m.index));
  });
  if (anonymous) named.add("anonymous");

  if (named.size === 0) {
    named.add("email");
    assumptions.push(
      "People sign in with email and password (the prompt named no sign-in method).",
    );
  } else if (named.size === 1 && anonymous) {
    assumptions.push(
      "Visitors are signed in anonymously without an account, so their data is still theirs alone.",
    );
    if (roles.length > 0) {
      named.add("email");
      assumptions.push(
        `${roles.join(" and ")} users sign in with email, since a role needs a real account.`,
      );
    }
  }
  if (roles.length > 0)
    assumptions.push(
      `Roles (${roles.join(", ")}) are custom claims; an admin grants them with the setUserRole function, and the first admin is made with \`winky users roles <email> --grant admin --project <project id>\`.`,
    );
  return { providers: ORDER.filter((p) => named.has(p)), roles: [...roles] };
}
