import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { redirect } from "next/navigation";
import { ActionForm } from "../_components/action-form.js";
import { Problem } from "../_components/problem.js";
import { apiFor, settle } from "../_lib/api.js";
import { requireSession } from "../_lib/session.js";
import { createTeam } from "../_lib/team-actions.js";

export const metadata: Metadata = { title: "Your team" };

/**
 * Where a person lands when they are in no team yet: make one (they own it), or wait for a
 * team's admin to add their address. API tokens always have their team, so they skip this.
 */
export default async function WelcomePage() {
  const session = await requireSession();
  if (session.kind !== "platform") redirect("/");
  const me = await settle(apiFor(session).account.me.query());
  return (
    <>
      <h1>Welcome{me.ok && me.value.email ? `, ${me.value.email}` : ""}</h1>
      {!me.ok ? <Problem title="Your teams could not be read." problem={me.problem} /> : null}
      {me.ok && me.value.teams.length > 0 ? (
        <p className="callout">
          You are in {me.value.teams.length === 1 ? "a team" : `${me.value.teams.length} teams`}{" "}
          already: pick one in the sidebar, or create another below.
        </p>
      ) : (
        <p>
          Apps belong to teams. Create yours — you will be its owner and can invite others — or ask
          a team&apos;s admin to add <strong>{session.email}</strong>.
        </p>
      )}
      <h2>Create a team</h2>
      <ActionForm
        action={createTeam}
        submit="Create team"
        fields={[
          {
            name: "name",
            label: "Team name",
            type: "text",
            maxLength: 100,
            autoComplete: "organization",
          },
          {
            name: "slug",
            label: "Short name",
            type: "text",
            maxLength: 63,
            autoComplete: "off",
            hint: "Lower-case letters, digits and dashes; it names the team in URLs and the API.",
            placeholder: "acme",
          },
        ]}
      />
    </>
  );
}
