import type { ActionTokens } from "./action-tokens.js";
import { emailKey, normalizeEmail } from "./email.js";
import type { SignUpAccepted } from "./email-password.js";
import { AuthError } from "./errors.js";
import {
  buildEmailChangedMail,
  buildEmailInUseMail,
  buildLinkMail,
  type MailSettings,
  type Outbox,
} from "./mail.js";
import { checkPasswordPolicy, type PasswordHasher, type PasswordPolicy } from "./passwords.js";
import { MINUTE, systemClock, type Clock } from "./primitives.js";
import { resolveMailSettings, type ProjectMailLookup } from "./project-mail.js";
import type { SignInGuard } from "./rate-limit.js";
import type { RefreshTokens } from "./refresh-tokens.js";
import type { Session, Sessions } from "./sessions.js";
import type { AuthUser, UserStore } from "./users.js";

/** What {@link AccountLinking} needs. */
export interface AccountLinkingDeps {
  users: UserStore;
  hasher: PasswordHasher;
  guard: SignInGuard;
  actionTokens: ActionTokens;
  refreshTokens: RefreshTokens;
  sessions: Sessions;
  outbox: Outbox;
  /** The runtime's defaults; a method's `mail` argument gives a project's own over them. */
  mail: MailSettings;
  policy?: PasswordPolicy;
  clock?: Clock;
  /** How recent a sign-in must be to change the email. Default 5 minutes, as Firebase. */
  recentLoginMs?: number;
}

/** Who asks: the verified access token's user and when they signed in (`auth_time`). */
export interface SignedInCaller {
  projectId: string;
  uid: string;
  authTime: Date;
  ip: string;
}

/**
 * Changes to a signed-in account's email, by mailed link like sign-up (ADR 0004), so answers
 * never tell whether an address has an account and nobody claims an address they do not own:
 *
 * - **Linking an email and password** to an account that has neither (an anonymous upgrade):
 *   the link goes to the address; opening it sets email (verified) and password on the *same*
 *   uid, which stops being anonymous, so what it owns stays its own.
 * - **Changing the email** (Firebase's `verifyBeforeUpdateEmail`): the link goes to the new
 *   address; opening it applies the change, ends every session, and notifies the old address.
 *
 * An address that already has an account gets a notice instead of a link, and the answer is the
 * same. Every method that mails takes `mail`: the project's own link page and app name.
 */
export class AccountLinking {
  private readonly deps: AccountLinkingDeps;
  private readonly clock: Clock;

  constructor(deps: AccountLinkingDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? systemClock;
  }

  /**
   * Mails a link that adds this email and password to the caller's account.
   *
   * @throws AuthError `invalid-email`, `weak-password` (before anything is counted or sent),
   *   `provider-already-linked` (the account has an email or a password already),
   *   `too-many-attempts`.
   */
  async linkEmailPassword(
    caller: SignedInCaller,
    input: { email: unknown; password: unknown },
    mail?: ProjectMailLookup,
  ): Promise<SignUpAccepted> {
    const { projectId, ip } = caller;
    const email = normalizeEmail(input.email);
    const password = checkPasswordPolicy(input.password, this.deps.policy);
    const user = await this.activeUser(caller);
    if (user.email !== null || user.passwordHash !== null) {
      throw new AuthError(
        "provider-already-linked",
        "this account already has an email or a password; change the email with updateEmail",
      );
    }
    await this.deps.guard.beforeSignUp(projectId, ip);
    await this.deps.guard.beforeMail(projectId, ip, emailKey(email));
    // Hashed in both branches, so the answer takes as long whether or not the address is taken.
    const passwordHash = await this.deps.hasher.hash(password);
    const settings = await resolveMailSettings(this.deps.mail, mail);
    const owner = await this.deps.users.findByEmail(projectId, email);
    if (owner) {
      await this.deps.outbox.enqueue(
        buildEmailInUseMail(settings, { projectId, to: owner.email ?? email }),
      );
    } else {
      await this.sendLink(settings, "link-email", projectId, user.uid, email, passwordHash);
    }
    return { status: "confirmation-sent" };
  }

  /**
   * Opens a `link-email` link: sets the email (verified) and password on the account it was
   * requested for and signs it in with them.
   *
   * @throws AuthError `invalid-action-token` (unknown, used, expired; or the account got an
   *   email meanwhile, or the address got an account), `user-disabled`.
   */
  async confirmLinkEmail(projectId: string, token: string): Promise<Session> {
    const record = await this.deps.actionTokens.consume(projectId, "link-email", token);
    const user = record.uid ? await this.deps.users.get(projectId, record.uid) : null;
    const taken = await this.deps.users.findByEmail(projectId, record.email);
    if (!user || user.email !== null || taken || record.passwordHash === null) {
      throw new AuthError("invalid-action-token");
    }
    const updated = await this.deps.users.update(projectId, user.uid, {
      email: record.email,
      emailVerified: true,
      passwordHash: record.passwordHash,
      anonymous: false,
    });
    if (!updated) throw new AuthError("invalid-action-token");
    return this.deps.sessions.start(updated, "password");
  }

  /**
   * Mails a link to `newEmail` that makes it the caller's email. The sign-in must be recent
   * (a stolen session alone cannot move the account to another mailbox).
   *
   * @throws AuthError `invalid-email`, `operation-not-allowed` (an anonymous account: link an
   *   email instead), `requires-recent-login`, `too-many-attempts`.
   */
  async requestEmailChange(
    caller: SignedInCaller,
    newEmail: unknown,
    mail?: ProjectMailLookup,
  ): Promise<void> {
    const { projectId, ip } = caller;
    const email = normalizeEmail(newEmail);
    const user = await this.activeUser(caller);
    if (user.anonymous) {
      throw new AuthError(
        "operation-not-allowed",
        "an anonymous account has no email to change: link one with linkWithEmailPassword",
      );
    }
    const recentLoginMs = this.deps.recentLoginMs ?? 5 * MINUTE;
    if (this.clock.now().getTime() - caller.authTime.getTime() > recentLoginMs) {
      throw new AuthError("requires-recent-login");
    }
    await this.deps.guard.beforeMail(projectId, ip, emailKey(email));
    if (user.email !== null && emailKey(user.email) === emailKey(email)) return;
    const settings = await resolveMailSettings(this.deps.mail, mail);
    const owner = await this.deps.users.findByEmail(projectId, email);
    if (owner) {
      await this.deps.outbox.enqueue(
        buildEmailInUseMail(settings, { projectId, to: owner.email ?? email }),
      );
      return;
    }
    await this.sendLink(settings, "email-change", projectId, user.uid, email, null);
  }

  /**
   * Opens an `email-change` link: the account takes the new address (verified), every session
   * ends (sign in again with the new address), and the old address gets a notice.
   *
   * @throws AuthError `invalid-action-token` (unknown, used, expired; or the address got an
   *   account meanwhile).
   */
  async confirmEmailChange(
    projectId: string,
    token: string,
    mail?: ProjectMailLookup,
  ): Promise<void> {
    const record = await this.deps.actionTokens.consume(projectId, "email-change", token);
    const user = record.uid ? await this.deps.users.get(projectId, record.uid) : null;
    const owner = await this.deps.users.findByEmail(projectId, record.email);
    if (!user || (owner && owner.uid !== user.uid)) throw new AuthError("invalid-action-token");
    // Before the change: a failed look-up must not apply it without telling the old address.
    const settings = await resolveMailSettings(this.deps.mail, mail);
    await this.deps.users.update(projectId, user.uid, { email: record.email, emailVerified: true });
    await this.deps.refreshTokens.revokeAllForUser(projectId, user.uid);
    if (user.email !== null && emailKey(user.email) !== emailKey(record.email)) {
      await this.deps.outbox.enqueue(
        buildEmailChangedMail(settings, { projectId, to: user.email }),
      );
    }
  }

  private async activeUser(caller: SignedInCaller): Promise<AuthUser> {
    const user = await this.deps.users.get(caller.projectId, caller.uid);
    if (!user) throw new AuthError("invalid-token");
    if (user.disabled) throw new AuthError("user-disabled");
    return user;
  }

  private async sendLink(
    settings: MailSettings,
    purpose: "link-email" | "email-change",
    projectId: string,
    uid: string,
    to: string,
    passwordHash: string | null,
  ): Promise<void> {
    const { token } = await this.deps.actionTokens.create({
      projectId,
      purpose,
      email: to,
      uid,
      passwordHash,
    });
    const validForMs = this.deps.actionTokens.ttlMsOf(purpose);
    await this.deps.outbox.enqueue(
      buildLinkMail(settings, purpose, { projectId, to, token, validForMs }),
    );
  }
}
