"use server";

import { createWinkyClient } from "@winky/api-client";
import { redirect } from "next/navigation";
import {
  credentialsProblem,
  done,
  passwordOf,
  refused,
  textOf,
  type FormState,
} from "../../src/form-state.js";
import type { PlatformTokens } from "../../src/platform-auth.js";
import { studioConfig } from "./config.js";
import { authProblem, platformAuth } from "./platform.js";
import { writeSession } from "./session-write.js";

/** Signs a person in with their email and password (the platform project's auth). */
export async function signInWithPassword(_state: FormState, form: FormData): Promise<FormState> {
  const email = textOf(form, "email");
  const password = passwordOf(form, "password");
  const problem = credentialsProblem(email, password);
  if (problem) return problem;
  let tokens: PlatformTokens;
  try {
    tokens = await platformAuth().signIn(email, password);
  } catch (e) {
    return refused(null, authProblem(e), { email });
  }
  redirect(await startSession(tokens));
}

/** Creates an account: the runtime mails a confirmation link (to the studio's `/auth/action`). */
export async function signUp(_state: FormState, form: FormData): Promise<FormState> {
  const email = textOf(form, "email");
  const password = passwordOf(form, "password");
  const problem = credentialsProblem(email, password);
  if (problem) return problem;
  try {
    await platformAuth().signUp(email, password);
  } catch (e) {
    const message = authProblem(e);
    return refused(/password/i.test(message) ? "password" : null, message, { email });
  }
  // The same answer whether or not the address had an account: nobody learns who has one.
  return done(`Check the inbox of ${email}: the link in our mail confirms your account.`);
}

/** Opens a confirmation link: the account is confirmed and the browser signed in. */
export async function confirmSignUp(_state: FormState, form: FormData): Promise<FormState> {
  let tokens: PlatformTokens;
  try {
    tokens = await platformAuth().confirmSignUp(textOf(form, "oobCode"));
  } catch (e) {
    return refused(null, `${authProblem(e)}. Sign up again to get a new link.`);
  }
  redirect(await startSession(tokens));
}

/** Mails a password reset link; says the same whether or not the address has an account. */
export async function sendPasswordReset(_state: FormState, form: FormData): Promise<FormState> {
  const email = textOf(form, "email");
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return refused("email", "enter an email address");
  try {
    await platformAuth().sendPasswordReset(email);
  } catch (e) {
    return refused(null, authProblem(e), { email });
  }
  return done(`If ${email} has an account, a link to choose a new password is on its way.`);
}

/** Sets a new password from a reset link. */
export async function resetPassword(_state: FormState, form: FormData): Promise<FormState> {
  const password = passwordOf(form, "password");
  if (password.length === 0) return refused("password", "choose a new password");
  try {
    await platformAuth().resetPassword(textOf(form, "oobCode"), password);
  } catch (e) {
    const message = authProblem(e);
    return refused(/password/i.test(message) ? "password" : null, message);
  }
  return done("Your password is changed: sign in with it.");
}

/**
 * Keeps the new session in the cookie, in the person's first team (the switcher changes it),
 * and answers where to go: their overview, or making a team when they are in none.
 */
async function startSession(tokens: PlatformTokens): Promise<string> {
  let team: string | null = null;
  try {
    const api = createWinkyClient({
      url: `${studioConfig().ORCHESTRATOR_URL}/trpc`,
      token: tokens.idToken,
    });
    team = (await api.account.me.query()).teams[0]?.slug ?? null;
  } catch {
    // The orchestrator is away or refuses: the pages say so in words; the sign-in stands.
  }
  await writeSession({
    kind: "platform",
    email: tokens.email,
    idToken: tokens.idToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    team,
  });
  return team ? "/" : "/welcome";
}
