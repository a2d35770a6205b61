/** A user as the runtime's admin API shows them (the fields this command reads). */
export interface AdminUser {
  uid: string;
  email: string | null;
  customClaims: Record<string, unknown>;
}

/** A failure to tell the person at the terminal as it is: exit 1, no help text. */
export class CommandFailure extends Error {
  override readonly name = "CommandFailure";
}

/** The page size the admin API allows at most (as Firebase's `listUsers`). */
const PAGE = 1000;

/**
 * The runtime's user administration (`/v1/projects/:project/admin/users…`) for one project, with
 * a service key or the operator key.
 */
export class RuntimeUsers {
  constructor(
    private readonly url: string,
    private readonly project: string,
    private readonly key: string,
  ) {}

  /**
   * The user with this email (compared as sign-in compares them: case-insensitively), or
   * undefined. The admin API has no lookup by email, so this pages through the users.
   */
  async findByEmail(email: string): Promise<AdminUser | undefined> {
    const wanted = emailKey(email);
    let pageToken: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (pageToken) query.set("pageToken", pageToken);
      const page = (await this.#call("GET", `/users?${query.toString()}`)) as {
        users: AdminUser[];
        nextPageToken?: string;
      };
      const found = page.users.find((u) => u.email !== null && emailKey(u.email) === wanted);
      if (found) return found;
      pageToken = page.nextPageToken;
    } while (pageToken);
    return undefined;
  }

  /** Replaces the user's custom claims (the runtime checks them); answers the updated user. */
  async setClaims(uid: string, claims: Record<string, unknown>): Promise<AdminUser> {
    const body = (await this.#call("PUT", `/users/${encodeURIComponent(uid)}/claims`, {
      claims,
    })) as { user: AdminUser };
    return body.user;
  }

  async #call(method: "GET" | "PUT", path: string, payload?: unknown): Promise<unknown> {
    const url = `${this.url}/v1/projects/${encodeURIComponent(this.project)}/admin${path}`;
    const res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${this.key}`,
        ...(payload !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
    }).catch((e: unknown) => {
      // fetch says only "fetch failed"; the cause (ECONNREFUSED, ENOTFOUND) is what helps.
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      throw new CommandFailure(`cannot reach the runtime at ${this.url} (${why})`, { cause: e });
    });
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    if (!res.ok) {
      const why = body.error?.message ?? `HTTP ${res.status}`;
      throw new CommandFailure(`the runtime refused (${res.status}): ${why}`);
    }
    return body;
  }
}

/** How the runtime compares addresses (`emailKey`): NFC, trimmed, lower-cased. */
function emailKey(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}
