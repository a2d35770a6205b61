"use client";

import { useActionState, useState } from "react";
import { TeamField } from "../_components/team-field.js";
import { describedBy, Field, FormOutcome, WhyDisabled } from "../team/field.js";
import type { Role } from "../team/permissions.js";
import { createToken } from "./actions.js";
import { NewTokenSecret } from "./new-token-secret.js";
import { EXPIRY_CHOICES, initialCreateTokenState } from "./token-state.js";

/**
 * Makes a personal token (members and up) or a team token (admins and up), with a role no
 * higher than the caller's; then shows its secret once.
 */
export function CreateTokenForm({
  callerRole,
  assignable,
  whyNot,
  whyNoTeamTokens,
}: {
  callerRole: Role | null;
  /** The roles a new token may be given: the caller's and those below it. */
  assignable: readonly Role[];
  whyNot: string | null;
  whyNoTeamTokens: string | null;
}) {
  const [state, create, creating] = useActionState(createToken, initialCreateTokenState);
  const [hidden, setHidden] = useState<string | null>(null);
  const problem = (field: string) => state.fields[field];
  const typed = (field: string, fallback: string) => state.values[field] ?? fallback;
  const secret = state.created && state.created.id !== hidden ? state.created : null;
  return (
    <div className="stack">
      {secret ? <NewTokenSecret created={secret} onDone={() => setHidden(secret.id)} /> : null}
      <form action={create} className="card form-inline" aria-labelledby="create-token-heading">
        <TeamField />
        <h2 id="create-token-heading" className="card-title">
          Create a token
        </h2>
        <fieldset disabled={whyNot !== null} title={whyNot ?? undefined} className="plain-fieldset">
          <div className="field-row">
            <Field
              id="token-name"
              label="Name"
              hint="What uses it: “CI”, “laptop”…"
              problem={problem("name")}
            >
              <input
                id="token-name"
                name="name"
                required
                maxLength={100}
                autoComplete="off"
                defaultValue={typed("name", "")}
                {...describedBy("token-name", problem("name"))}
              />
            </Field>
            <Field
              id="token-role"
              label="Role"
              hint="The most it may do."
              problem={problem("role")}
            >
              <select
                id="token-role"
                name="role"
                defaultValue={typed("role", "")}
                {...describedBy("token-role", problem("role"))}
              >
                <option value="">
                  {callerRole ? `Same as mine (${callerRole})` : "Same as mine"}
                </option>
                {assignable.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="token-expiry" label="Expires" problem={problem("expiresInDays")}>
              <select
                id="token-expiry"
                name="expiresInDays"
                defaultValue={typed("expiresInDays", "90")}
                {...describedBy("token-expiry", problem("expiresInDays"), false)}
              >
                {EXPIRY_CHOICES.map((choice) => (
                  <option key={choice.days} value={choice.days}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <fieldset
            className="choices"
            aria-describedby={problem("kind") ? "token-kind-problem" : undefined}
          >
            <legend>Kind</legend>
            <div className="check">
              <input
                id="kind-personal"
                type="radio"
                name="kind"
                value="personal"
                defaultChecked={typed("kind", "personal") === "personal"}
              />
              <label htmlFor="kind-personal">Personal — acts as you, stops when you leave</label>
            </div>
            <div className="check">
              <input
                id="kind-team"
                type="radio"
                name="kind"
                value="team"
                defaultChecked={typed("kind", "personal") === "team"}
                disabled={whyNoTeamTokens !== null}
                title={whyNoTeamTokens ?? undefined}
              />
              <label htmlFor="kind-team">Team — belongs to no one, for CI and bots</label>
            </div>
          </fieldset>
          {problem("kind") ? (
            <p id="token-kind-problem" className="field-error" role="alert">
              {problem("kind")}
            </p>
          ) : null}
          {whyNot === null ? <WhyDisabled why={whyNoTeamTokens} /> : null}
          <div>
            <button type="submit" className="button" disabled={creating}>
              {creating ? "Creating…" : "Create token"}
            </button>
          </div>
        </fieldset>
        <WhyDisabled why={whyNot} />
        {state.created ? null : <FormOutcome state={state} />}
      </form>
    </div>
  );
}
