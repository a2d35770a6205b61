/**
 * The studio's people sign up and in through the runtime's own auth, in the platform's runtime
 * project (`WINKY_PLATFORM_PROJECT`): the platform uses what it ships. This is the runtime's
 * auth REST API as the studio's server calls it; passwords and tokens never reach the page.
 */

/** What a sign-in gives the studio's server: the ID token the orchestrator verifies, and more. */
export interface PlatformTokens {
  idToken: string;
  /** Opaque; the runtime rotates it on every refresh, so the newest one must be kept. */
  refreshToken: string;
  /** When the ID token expires (ms since the epoch). */
  expiresAt: number;
  /** The email in the ID token (the orchestrator checks it is verified). */
  email: string;
}

/** A refusal by the runtime, in its words; `reason` is its auth code (`invalid-credentials`…). */
export class PlatformAuthError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string | null,
  ) {
    super(message);
    this.name = "PlatformAuthError";
  }
}

export interface PlatformAuthOptions {
  runtimeUrl: string;
  project: string;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  now?: () => number;
}

/** The runtime's `/v1/projects/<platform project>/auth/*` endpoints. */
export class PlatformAuth {
  private readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  private readonly now: () => number;

  constructor(private readonly options: PlatformAuthOptions) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? Date.now;
  }

  /** Mails a confirmation link; answers the same whether or not the address has an account. */
  async signUp(email: string, password: string): Promise<void> {
    await this.call("signUp", { email, password });
  }

  /** Opens the mailed link: the account is confirmed and signed in. */
  async confirmSignUp(token: string): Promise<PlatformTokens> {
    return this.tokens(await this.call("confirmSignUp", { token }));
  }

  async signIn(email: string, password: string): Promise<PlatformTokens> {
    return this.tokens(await this.call("signIn", { email, password }));
  }

  /** A fresh ID token, and the refresh token that replaces the one given. */
  async refresh(refreshToken: string): Promise<PlatformTokens> {
    return this.tokens(await this.call("token", { refreshToken }));
  }

  /** Ends the session on the runtime too, so the refresh token cannot be used again. */
  async signOut(refreshToken: string): Promise<void> {
    await this.call("signOut", { refreshToken });
  }

  async sendPasswordReset(email: string): Promise<void> {
    await this.call("sendPasswordReset", { email });
  }

  async resetPassword(token: string, newPassword: string): Promise<void> {
    await this.call("resetPassword", { token, newPassword });
  }

  private async call(endpoint: string, body: object): Promise<unknown> {
    const { runtimeUrl, project } = this.options;
    const url = `${runtimeUrl}/v1/projects/${encodeURIComponent(project)}/auth/${endpoint}`;
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new PlatformAuthError(`the runtime at ${runtimeUrl} did not answer`, 503, null);
    }
    if (response.status === 204) return null;
    const answer: unknown = await response.json().catch(() => null);
    if (!response.ok) throw refusalOf(answer, response.status, project);
    return answer;
  }

  private tokens(answer: unknown): PlatformTokens {
    const a = (answer ?? {}) as Record<string, unknown>;
    if (
      typeof a.idToken !== "string" ||
      typeof a.refreshToken !== "string" ||
      typeof a.expiresIn !== "number"
    ) {
      throw new PlatformAuthError("the runtime answered a sign-in without tokens", 502, null);
    }
    return {
      idToken: a.idToken,
      refreshToken: a.refreshToken,
      expiresAt: this.now() + a.expiresIn * 1000,
      email: emailOf(a.idToken),
    };
  }
}

function refusalOf(answer: unknown, status: number, project: string): PlatformAuthError {
  const error = (answer as { error?: Record<string, unknown> } | null)?.error ?? {};
  const details = (error.details ?? {}) as Record<string, unknown>;
  const reason = typeof details.reason === "string" ? details.reason : null;
  let message =
    typeof error.message === "string" ? error.message : `the runtime answered ${status}`;
  if (reason === "project-not-found") {
    message = `the platform project '${project}' does not exist on the runtime: the studio creates it at start when it has WINKY_ADMIN_KEY`;
  }
  return new PlatformAuthError(message, status, reason);
}

/** The `email` claim of a JWT, read without verifying it: the orchestrator verifies it. */
export function emailOf(idToken: string): string {
  const payload = idToken.split(".")[1] ?? "";
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      email?: unknown;
    };
    return typeof claims.email === "string" ? claims.email : "";
  } catch {
    return "";
  }
}
