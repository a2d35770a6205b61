import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import type pg from "pg";
import type { Role } from "../roles.js";
import { API_TOKEN_PREFIX } from "./api-token.js";
import {
  bearerOf,
  type Authentication,
  type Authenticator,
  type Person,
  type RequestHeaders,
} from "./authenticator.js";

/** The header a signed-in person names their team with (they may belong to several). */
export const TEAM_HEADER = "x-winky-team";

export interface RuntimeSessionOptions {
  pool: pg.Pool;
  /** The runtime that signs the platform project's ID tokens. */
  runtimeUrl: string;
  /** The platform's own runtime project, where studio users sign up and in. */
  project: string;
}

/**
 * Reads the studio's sign-in: an ID token of the platform's own runtime project (`Authorization:
 * Bearer <JWT>`) — the platform signs its people in with the auth it ships. The token is
 * verified against the project's published keys (ES256, its issuer and audience, not
 * expired); the person is the platform user with the token's verified email, and acts in the
 * team named by `X-Winky-Team` (or their only team) with their role there.
 */
export class RuntimeSessionAuthenticator implements Authenticator {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: RuntimeSessionOptions) {
    const jwks = `${options.runtimeUrl}/v1/projects/${encodeURIComponent(options.project)}/auth/jwks`;
    this.keys = createRemoteJWKSet(new URL(jwks), { cooldownDuration: 30_000 });
  }

  async authenticate(headers: RequestHeaders): Promise<Authentication | null> {
    const token = bearerOf(headers.authorization);
    if (!token || token.startsWith(API_TOKEN_PREFIX) || token.split(".").length !== 3) {
      return null;
    }
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keys, {
        algorithms: ["ES256"],
        issuer: `winky:${this.options.project}`,
        audience: this.options.project,
        requiredClaims: ["sub", "exp"],
      }));
    } catch (e) {
      if (e instanceof errors.JWTExpired) return refuse("the sign-in has expired: sign in again");
      if (e instanceof errors.JOSEError && !(e instanceof errors.JWKSTimeout)) {
        return refuse(`the sign-in token is not valid (${e.code})`);
      }
      throw e; // the runtime's keys could not be fetched: not the caller's fault
    }
    const email = typeof claims.email === "string" ? claims.email : undefined;
    if (!email || claims.email_verified !== true) {
      return refuse("sign in with a verified email address: the studio knows people by email");
    }
    const person = { email };
    const teams = await this.teamsOf(email);
    if (teams.length === 0) {
      return refuse(
        `${email} is in no team yet: create one, or ask a team's admin to add this address`,
        person,
      );
    }
    const wanted = headers[TEAM_HEADER];
    const slug = typeof wanted === "string" ? wanted : undefined;
    const team = slug
      ? teams.find((t) => t.slug === slug)
      : teams.length === 1
        ? teams[0]
        : undefined;
    if (!team) {
      const names = teams.map((t) => t.slug).join(", ");
      return refuse(
        slug
          ? `${email} is not a member of team '${slug}' (their teams: ${names})`
          : `${email} is in several teams (${names}): name one in the ${TEAM_HEADER} header`,
        person,
      );
    }
    return {
      ok: true,
      person,
      caller: {
        teamId: team.id,
        role: team.role,
        userId: team.userId,
        actor: { kind: "user", id: team.userId, label: email, userId: team.userId },
      },
    };
  }

  /** The teams of the user with `email` (any case), with their role in each. */
  private async teamsOf(email: string) {
    const { rows } = await this.options.pool.query<{
      id: string;
      slug: string;
      role: Role;
      userId: string;
    }>(
      `select t.id, t.slug, m.role, u.id as "userId"
         from users u join memberships m on m.user_id = u.id join teams t on t.id = m.team_id
        where lower(u.email) = lower($1) order by t.created_at`,
      [email],
    );
    return rows;
  }
}

function refuse(problem: string, person?: Person): Authentication {
  return person ? { ok: false, problem, person } : { ok: false, problem };
}
