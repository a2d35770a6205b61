"use client";

import { useActionState, useState } from "react";
import { TeamField } from "../_components/team-field.js";
import { removeMember, setMemberRole } from "./actions.js";
import { FormOutcome } from "./field.js";
import { initialFormState } from "./form-state.js";
import { ROLES, type Allowed, type Role } from "./permissions.js";

interface Member {
  userId: string;
  email: string;
  role: Role;
}

/** A member's role picker and their removal, which asks first: it cannot be undone here. */
export function MemberControls({
  member,
  grantable,
  changeRole,
  remove,
  explain,
}: {
  member: Member;
  grantable: readonly Role[];
  changeRole: Allowed;
  remove: Allowed;
  /** Whether to say why a control is off here (not when the page says it once for all). */
  explain: boolean;
}) {
  const ref = { userId: member.userId, email: member.email };
  const [roleState, saveRole, savingRole] = useActionState(
    setMemberRole.bind(null, ref),
    initialFormState,
  );
  const [removeState, confirmRemoval, removing] = useActionState(
    removeMember.bind(null, ref),
    initialFormState,
  );
  const [picked, setPicked] = useState<Role>(member.role);
  const [confirming, setConfirming] = useState(false);
  const selectId = `role-${member.userId}`;
  const roleProblem = roleState.fields.role;
  const reasons = [changeRole, remove]
    .map((allowed) => (allowed.ok ? null : allowed.why))
    .filter((why, i, all): why is string => why !== null && all.indexOf(why) === i);

  return (
    <div className="member-controls">
      <form action={saveRole} className="inline-form">
        <TeamField />
        <label htmlFor={selectId} className="visually-hidden">
          Role of {member.email}
        </label>
        <select
          id={selectId}
          name="role"
          value={picked}
          // No DOM lib here (see tsconfig): the select's value, read through its one field used.
          onChange={(event) => setPicked((event.target as unknown as { value: Role }).value)}
          disabled={!changeRole.ok}
          title={changeRole.ok ? undefined : changeRole.why}
          aria-invalid={roleProblem ? true : undefined}
          aria-describedby={roleProblem ? `${selectId}-problem` : undefined}
        >
          {ROLES.map((role) => (
            <option
              key={role}
              value={role}
              disabled={role !== member.role && !grantable.includes(role)}
            >
              {role}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="button button-quiet button-small"
          disabled={!changeRole.ok || savingRole || picked === member.role}
          aria-label={`Save the role of ${member.email}`}
        >
          {savingRole ? "Saving…" : "Save role"}
        </button>
        {confirming ? null : (
          <button
            type="button"
            className="button button-danger-quiet button-small"
            disabled={!remove.ok}
            title={remove.ok ? undefined : remove.why}
            aria-label={`Remove ${member.email}`}
            onClick={() => setConfirming(true)}
          >
            Remove
          </button>
        )}
      </form>
      {roleProblem ? (
        <p id={`${selectId}-problem`} className="field-error" role="alert">
          {roleProblem}
        </p>
      ) : null}
      {confirming ? (
        <form action={confirmRemoval} className="confirm" role="group" aria-label="Confirm removal">
          <TeamField />
          <p>
            Remove <strong>{member.email}</strong> from the team? Their personal API tokens stop
            working at once.
          </p>
          <div className="actions">
            <button type="submit" className="button button-danger button-small" disabled={removing}>
              {removing ? "Removing…" : `Yes, remove ${member.email}`}
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              autoFocus
              onClick={() => setConfirming(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {(explain ? reasons : []).map((why) => (
        <p key={why} className="why-disabled small">
          {why}
        </p>
      ))}
      <FormOutcome state={roleState.fields.role ? { ...roleState, problem: null } : roleState} />
      <FormOutcome state={removeState} />
    </div>
  );
}
