"use client";

import { useActionState } from "react";
import { TeamField } from "../_components/team-field.js";
import { addMember } from "./actions.js";
import { describedBy, Field, FormOutcome, WhyDisabled } from "./field.js";
import { initialFormState } from "./form-state.js";
import { ROLE_HINTS, ROLES, type Role } from "./permissions.js";

/**
 * Adds someone by email with a role. Only roles the caller may hand out are offered (an
 * admin cannot make owners); the API still decides, and says so at the field when it refuses.
 */
export function AddMemberForm({
  grantable,
  whyNot,
}: {
  grantable: readonly Role[];
  whyNot: string | null;
}) {
  const [state, add, adding] = useActionState(addMember, initialFormState);
  const problem = (field: string) => state.fields[field];
  const typed = (field: string, fallback: string) => state.values[field] ?? fallback;
  return (
    <form action={add} className="card form-inline" aria-labelledby="add-member-heading">
      <TeamField />
      <h3 id="add-member-heading" className="card-title">
        Add a member
      </h3>
      <fieldset disabled={whyNot !== null} title={whyNot ?? undefined} className="plain-fieldset">
        <div className="field-row">
          <Field id="new-member-email" label="Email" problem={problem("email")}>
            <input
              id="new-member-email"
              name="email"
              type="email"
              autoComplete="off"
              required
              placeholder="grace@example.com"
              defaultValue={typed("email", "")}
              {...describedBy("new-member-email", problem("email"), false)}
            />
          </Field>
          <Field id="new-member-name" label="Name (optional)" problem={problem("displayName")}>
            <input
              id="new-member-name"
              name="displayName"
              autoComplete="off"
              maxLength={100}
              placeholder="From the email when blank"
              defaultValue={typed("displayName", "")}
              {...describedBy("new-member-name", problem("displayName"), false)}
            />
          </Field>
          <Field id="new-member-role" label="Role" problem={problem("role")}>
            <select
              id="new-member-role"
              name="role"
              defaultValue={typed("role", "member")}
              {...describedBy("new-member-role", problem("role"), false)}
            >
              {ROLES.map((role) => (
                <option key={role} value={role} disabled={!grantable.includes(role)}>
                  {role}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <p className="muted small">
          {ROLES.map((role) => `${role}: ${ROLE_HINTS[role]}`).join(" · ")}
        </p>
        <div className="actions">
          <button type="submit" className="button" disabled={adding}>
            {adding ? "Adding…" : "Add member"}
          </button>
          {!grantable.includes("owner") && whyNot === null ? (
            <span className="muted small">Only an owner can make someone an owner.</span>
          ) : null}
        </div>
      </fieldset>
      <WhyDisabled why={whyNot} />
      <FormOutcome state={state} />
    </form>
  );
}
