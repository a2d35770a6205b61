import { emailKey, normalizeEmail } from "./email.js";
import { AuthError } from "./errors.js";
import type { ActionTokens } from "./action-tokens.js";
import { buildLinkMail, buildSignUpAttemptMail, type MailSettings, type Outbox } from "./mail.js";
import { checkPasswordPolicy, type PasswordHasher, type PasswordPolicy } from "./passwords.js";
import { newId, systemClock, type Clock } from "./primitives.js";
import { resolveMailSettings, type ProjectMailLookup } from "./project-mail.js";
import type { SignInGuard } from "./rate-limit.js";
import type { Session, Sessions } from "./sessions.js";
import type { AuthUser, UserStore } from "./users.js";

/** What {@link EmailPasswordAuth} needs. */
export interface EmailPasswordDeps {
  users: UserStore;
  hasher: PasswordHasher;
  guard: SignInGuard;
  actionTokens: ActionTokens;
  outbox: Outbox;
  sessions: Sessions;
  /** The runtime's defaults; a method's `mail` argument gives a project's own over them. */
  mail: MailSettings;
  policy?: PasswordPolicy;
  clock?: Clock;
}

/** A sign-up or sign-in request; `ip` feeds the rate limits. */
export interface EmailPasswordRequest {
  projectId: string;
  email: string;
  password: string;
  ip: string;
}

/** The one answer to every accepted sign-up, whether or not the address had an account. */
export interface SignUpAccepted {
  status: "confirmation-sent";
}

/**
 * Email/password sign-up and sign-in that never reveal whether an address has an account.
 *
 * Sign-up does not sign in: it mails a confirmation link (new address) or a "someone tried to
 * sign up with your email" notice (existing account) and answers the same either way. The
 * account is created when the link is opened ({@link EmailPasswordAuth.confirmSignUp}), so
 * every self-registered password account has a verified email, an attacker cannot claim an
 * address first, and signing up and then signing in tells nothing either.
 */
export class EmailPasswordAuth {
  private readonly deps: EmailPasswordDeps;
  private readonly clock: Clock;

  constructor(deps: EmailPasswordDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? systemClock;
  }

  /**
   * Accepts a sign-up: mails a confirmation link, or the owner a notice if the address is taken.
   * `mail` gives the project's own link page and app name (the runtime's otherwise).
   *
   * @throws AuthError `invalid-email`, `weak-password` (before anything is counted or sent),
   *   `too-many-attempts` (per IP, or mails to this address).
   */
  async signUp(request: EmailPasswordRequest, mail?: ProjectMailLookup): Promise<SignUpAccepted> {
    const { projectId, ip } = request;
    const email = normalizeEmail(request.email);
    const password = checkPasswordPolicy(request.password, this.deps.policy);
    await this.deps.guard.beforeSignUp(projectId, ip);
    await this.deps.guard.beforeMail(projectId, ip, emailKey(email));
    // Hash in both branches, so the answer takes as long whether or not the account exists.
    const passwordHash = await this.deps.hasher.hash(password);
    // Resolved in both branches too, and before the token is made (see resolveMailSettings).
    const settings = await resolveMailSettings(this.deps.mail, mail);
    const existing = await this.deps.users.findByEmail(projectId, email);
    if (existing) {
      await this.deps.outbox.enqueue(
        buildSignUpAttemptMail(settings, { projectId, to: existing.email ?? email }),
      );
    } else {
      const purpose = "sign-up";
      const { token } = await this.deps.actionTokens.create({
        projectId,
        purpose,
        email,
        passwordHash,
      });
      const validForMs = this.deps.actionTokens.ttlMsOf(purpose);
      await this.deps.outbox.enqueue(
        buildLinkMail(settings, purpose, { projectId, to: email, token, validForMs }),
      );
    }
    return { status: "confirmation-sent" };
  }

  /**
   * Opens a sign-up confirmation link: creates the account (email verified) and signs it in.
   *
   * @throws AuthError `invalid-action-token` when the link is unknown, used or expired, or the
   *   address got an account meanwhile (two confirmations raced, or a Google sign-in).
   */
  async confirmSignUp(projectId: string, token: string): Promise<Session> {
    const record = await this.deps.actionTokens.consume(projectId, "sign-up", token);
    const user: AuthUser = {
      projectId,
      uid: newId(),
      email: record.email,
      emailVerified: true,
      passwordHash: record.passwordHash,
      anonymous: false,
      disabled: false,
      customClaims: {},
      createdAt: this.clock.now(),
      lastSignInAt: null,
    };
    if (!(await this.deps.users.create(user))) throw new AuthError("invalid-action-token");
    return this.deps.sessions.start(user, "password");
  }

  /**
   * Signs in with email and password. An unknown email and a wrong password fail identically
   * (`invalid-credentials`, same message, one scrypt computation each) and both count towards
   * the lockout.
   *
   * @throws AuthError `invalid-email`, `too-many-attempts`, `invalid-credentials`,
   *   `user-disabled` (only once the password was right).
   */
  async signIn(request: EmailPasswordRequest): Promise<Session> {
    const { projectId, ip, password } = request;
    const email = normalizeEmail(request.email);
    const key = emailKey(email);
    await this.deps.guard.beforeSignIn(projectId, ip, key);
    const user = await this.deps.users.findByEmail(projectId, email);
    const ok =
      user?.passwordHash && typeof password === "string"
        ? await this.deps.hasher.verify(password, user.passwordHash)
        : await this.deps.hasher.dummyVerify(String(password));
    if (!user || !ok) {
      await this.deps.guard.signInFailed(projectId, key);
      throw new AuthError("invalid-credentials");
    }
    await this.deps.guard.signInSucceeded(projectId, key);
    if (user.passwordHash && this.deps.hasher.needsRehash(user.passwordHash)) {
      // Upgrade old hashes while the plain password is at hand; it is never available otherwise.
      const passwordHash = await this.deps.hasher.hash(password);
      await this.deps.users.update(projectId, user.uid, { passwordHash });
    }
    return this.deps.sessions.start(user, "password");
  }
}
