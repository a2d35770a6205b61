import type { Actor } from "../../queue/run-control.js";
import type { Role } from "../roles.js";

/** Request headers as Node and Fastify give them. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** Who calls the API: in which team, with what effective role, and how runs name them. */
export interface Caller {
  teamId: string;
  /** What the caller may do now (for a personal token: the lesser of its role and its owner's). */
  role: Role;
  actor: Actor;
  /** The person acting, when there is one (a personal token's owner; none for a team token). */
  userId?: string;
}

/**
 * A person known by a verified sign-in, whatever their teams: what `account.*` procedures
 * (their teams, a new team) need before any team is chosen.
 */
export interface Person {
  email: string;
}

/**
 * A caller, or why the credentials presented were refused (the message never echoes them).
 * A refusal that still knows the person (signed in, but in no team or naming none) says who,
 * so they can list their teams or make one.
 */
export type Authentication =
  { ok: true; caller: Caller; person?: Person } | { ok: false; problem: string; person?: Person };

/**
 * Turns a request's credentials into a caller. Each authenticator reads one kind of
 * credential (API tokens now; the studio's sign-in session next) and answers null when the
 * request carries none of its kind, so several can be asked in turn.
 */
export interface Authenticator {
  /**
   * Resolves the caller, a refusal saying what is wrong with the credentials it recognised
   * (unknown, revoked, expired…), or null when the request holds no credentials of its kind.
   * Never throws for bad credentials; rejects only when its store cannot be reached.
   */
  authenticate(headers: RequestHeaders): Promise<Authentication | null>;
}

/**
 * Asks each authenticator in turn; the first that recognises the credentials decides. When
 * none does, the refusal says whether credentials were missing or of a kind none reads.
 */
export async function authenticateRequest(
  authenticators: readonly Authenticator[],
  headers: RequestHeaders,
): Promise<Authentication> {
  for (const authenticator of authenticators) {
    const outcome = await authenticator.authenticate(headers);
    if (outcome) return outcome;
  }
  if (headers.authorization === undefined) {
    return {
      ok: false,
      problem: "missing credentials: send the header `Authorization: Bearer <API token>`",
    };
  }
  return {
    ok: false,
    problem:
      "the Authorization header holds no credentials this API accepts (expected `Bearer wk_…`, or a studio sign-in)",
  };
}

/** The value of an `Authorization: Bearer <value>` header, or undefined. */
export function bearerOf(authorization: string | string[] | undefined): string | undefined {
  if (typeof authorization !== "string") return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}
