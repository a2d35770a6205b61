import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Problem } from "../_components/problem.js";
import { Time } from "../_components/time.js";
import { apiFor, settle } from "../_lib/api.js";
import { requireSession } from "../_lib/session.js";
import "../styles/team.css";
import "../styles/records.css";
import { hasRole, ROLES, type Role } from "../team/permissions.js";
import { CreateTokenForm } from "./create-token-form.js";
import { RevokeTokenButton } from "./revoke-token-button.js";

export const metadata: Metadata = { title: "API tokens" };

const STATE_BADGE = { active: "badge-success", revoked: "badge-danger", expired: "badge-neutral" };

/** The caller's tokens (all the team's for admins): made, listed and revoked here. */
export default async function TokensPage() {
  const session = await requireSession();
  const api = apiFor(session);
  const [team, tokens] = await Promise.all([
    settle(api.teams.get.query()),
    settle(api.tokens.list.query()),
  ]);
  const role: Role | null = team.ok ? team.value.callerRole : null;
  const whyNot =
    role === null
      ? "Your role in the team could not be read, so making tokens is off."
      : role === "viewer"
        ? "Viewers cannot make API tokens: a member, admin or owner can."
        : null;
  const whyNoTeamTokens =
    role !== null && !hasRole(role, "admin")
      ? "Team tokens need the admin role or higher: yours are personal."
      : null;
  const everyone = role !== null && hasRole(role, "admin");
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        Tokens sign the CLI, scripts and CI in to the API. A token never does more than its role,
        nor more than its owner may do now.
      </p>
      <CreateTokenForm
        callerRole={role}
        assignable={role ? ROLES.filter((r) => hasRole(role, r)) : []}
        whyNot={whyNot}
        whyNoTeamTokens={whyNoTeamTokens}
      />
      <h2>{everyone ? "The team's tokens" : "Your tokens"}</h2>
      {!tokens.ok ? (
        <Problem title="The tokens could not be listed." problem={tokens.problem} />
      ) : tokens.value.length === 0 ? (
        <div className="card">
          <p>No tokens yet: create one above.</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="muted small">
              {tokens.value.length} token{tokens.value.length === 1 ? "" : "s"}, newest first; only
              their first characters are kept for reading
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Role</th>
                <th scope="col">State</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.value.map((token) => {
                const thisSession =
                  session.kind === "api-token" && session.token.startsWith(token.prefix);
                return (
                  <tr
                    key={token.id}
                    className={token.state === "active" ? undefined : "row-inactive"}
                  >
                    <td>
                      {token.name}
                      <br />
                      <code className="small">{token.prefix}…</code>
                      {thisSession ? (
                        <span className="badge badge-progress tag">this session</span>
                      ) : null}
                    </td>
                    <td>{token.owner ? `personal · ${token.owner.email}` : "team"}</td>
                    <td>{token.role ?? "its owner's"}</td>
                    <td>
                      <span className={`badge ${STATE_BADGE[token.state]}`}>{token.state}</span>
                      {token.revokedAt ? (
                        <div className="small muted">
                          <Time iso={token.revokedAt} />
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {token.lastUsedAt ? (
                        <Time iso={token.lastUsedAt} />
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                    <td>
                      {token.expiresAt ? (
                        <Time iso={token.expiresAt} />
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                    <td>
                      <Time iso={token.createdAt} />
                    </td>
                    <td>
                      {token.state === "active" ? (
                        <RevokeTokenButton
                          token={{ id: token.id, name: token.name }}
                          signsThisSessionOut={thisSession}
                        />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
