import type { ActionTokens } from "./action-tokens.js";
import { emailKey, normalizeEmail } from "./email.js";
import { AuthError } from "./errors.js";
import { buildLinkMail, type MailSettings, type Outbox } from "./mail.js";
import { checkPasswordPolicy, type PasswordHasher, type PasswordPolicy } from "./passwords.js";
import { resolveMailSettings, type ProjectMailLookup } from "./project-mail.js";
import type { SignInGuard } from "./rate-limit.js";
import type { RefreshTokens } from "./refresh-tokens.js";
import type { AuthUser, UserStore } from "./users.js";

/** What {@link AccountRecovery} needs. */
export interface AccountRecoveryDeps {
  users: UserStore;
  hasher: PasswordHasher;
  guard: SignInGuard;
  actionTokens: ActionTokens;
  refreshTokens: RefreshTokens;
  outbox: Outbox;
  /** The runtime's defaults; a method's `mail` argument gives a project's own over them. */
  mail: MailSettings;
  policy?: PasswordPolicy;
}

/** Password reset and email verification by emailed link. */
export class AccountRecovery {
  constructor(private readonly deps: AccountRecoveryDeps) {}

  /**
   * Mails a reset link if an enabled account has this address; resolves the same either way.
   * `mail` gives the project's own link page and app name (the runtime's otherwise).
   *
   * @throws AuthError `invalid-email`, `too-many-attempts` (counted per address whether or not
   *   it has an account).
   */
  async requestPasswordReset(
    projectId: string,
    email: string,
    ip: string,
    mail?: ProjectMailLookup,
  ): Promise<void> {
    const normalized = normalizeEmail(email);
    await this.deps.guard.beforeMail(projectId, ip, emailKey(normalized));
    const user = await this.deps.users.findByEmail(projectId, normalized);
    if (user?.email && !user.disabled) {
      await this.sendLink(user, user.email, "password-reset", mail);
    }
  }

  /**
   * Sets a new password from a reset link. The link proves the mailbox, so the email becomes
   * verified and a sign-in lockout is lifted; every session is revoked, so a thief holding a
   * refresh token is signed out.
   *
   * @throws AuthError `weak-password` (checked first, so a weak choice does not burn the link),
   *   `invalid-action-token` (also when the account's email changed after the link was sent).
   */
  async resetPassword(projectId: string, token: string, newPassword: string): Promise<void> {
    const password = checkPasswordPolicy(newPassword, this.deps.policy);
    const record = await this.deps.actionTokens.consume(projectId, "password-reset", token);
    const user = await this.userForLink(projectId, record.uid, record.email);
    const passwordHash = await this.deps.hasher.hash(password);
    await this.deps.users.update(projectId, user.uid, { passwordHash, emailVerified: true });
    await this.deps.refreshTokens.revokeAllForUser(projectId, user.uid);
    await this.deps.guard.clearLockout(projectId, emailKey(record.email));
  }

  /**
   * Mails a verification link to a signed-in user's unverified address; does nothing when it is
   * already verified. `mail` as for {@link AccountRecovery.requestPasswordReset}.
   *
   * @throws AuthError `too-many-attempts`.
   */
  async sendEmailVerification(
    projectId: string,
    uid: string,
    ip: string,
    mail?: ProjectMailLookup,
  ): Promise<void> {
    const user = await this.deps.users.get(projectId, uid);
    if (!user?.email || user.emailVerified || user.disabled) return;
    await this.deps.guard.beforeMail(projectId, ip, emailKey(user.email));
    await this.sendLink(user, user.email, "verify-email", mail);
  }

  /**
   * Marks the address verified from a verification link.
   *
   * @throws AuthError `invalid-action-token` (also when the account's email changed since).
   */
  async verifyEmail(projectId: string, token: string): Promise<void> {
    const record = await this.deps.actionTokens.consume(projectId, "verify-email", token);
    const user = await this.userForLink(projectId, record.uid, record.email);
    await this.deps.users.update(projectId, user.uid, { emailVerified: true });
  }

  private async sendLink(
    user: AuthUser,
    to: string,
    purpose: "password-reset" | "verify-email",
    mail: ProjectMailLookup | undefined,
  ): Promise<void> {
    const { projectId, uid } = user;
    const settings = await resolveMailSettings(this.deps.mail, mail);
    const { token } = await this.deps.actionTokens.create({ projectId, purpose, email: to, uid });
    const validForMs = this.deps.actionTokens.ttlMsOf(purpose);
    await this.deps.outbox.enqueue(
      buildLinkMail(settings, purpose, { projectId, to, token, validForMs }),
    );
  }

  // A link acts on the account it was sent for, and only while that account still has the
  // address it was sent to: a link mailed to an old address must not verify the new one.
  private async userForLink(
    projectId: string,
    uid: string | null,
    email: string,
  ): Promise<AuthUser> {
    const user = uid ? await this.deps.users.get(projectId, uid) : null;
    if (!user?.email || emailKey(user.email) !== emailKey(email)) {
      throw new AuthError("invalid-action-token");
    }
    return user;
  }
}
