import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Problem } from "../_components/problem.js";
import { Time } from "../_components/time.js";
import { apiFor, settle } from "../_lib/api.js";
import { requireSession } from "../_lib/session.js";
import "../styles/team.css";
import "../styles/records.css";
import { AddMemberForm } from "./add-member-form.js";
import { MemberControls } from "./member-controls.js";
import { grantableRoles, memberControls, whyNotAdmin } from "./permissions.js";
import { SettingsForm } from "./settings-form.js";

export const metadata: Metadata = { title: "Team" };

const TIME_ZONES_ID = "time-zones";

/** The team: its settings and its members, changeable by admins and owners. */
export default async function TeamPage() {
  const session = await requireSession();
  const api = apiFor(session);
  const [team, members] = await Promise.all([
    settle(api.teams.get.query()),
    settle(api.teams.members.query()),
  ]);
  if (!team.ok) {
    return (
      <>
        <h1>Team</h1>
        <Problem title="The team could not be shown." problem={team.problem} />
      </>
    );
  }
  const role = team.value.callerRole;
  const whyNot = whyNotAdmin(role);
  const grantable = grantableRoles(role);
  const owners = members.ok ? members.value.filter((m) => m.role === "owner").length : 0;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{team.value.name}</h1>
          <p className="muted small">
            Team <code>{team.value.slug}</code> · created <Time iso={team.value.createdAt} />
          </p>
        </div>
        <p className="you-act-as">
          You act as <span className={`badge role-${role}`}>{role}</span>
        </p>
      </header>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <div className="card">
          <SettingsForm team={team.value} whyNot={whyNot} timeZonesId={TIME_ZONES_ID} />
        </div>
        <datalist id={TIME_ZONES_ID}>
          {Intl.supportedValuesOf("timeZone").map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        {whyNot && members.ok ? <p className="why-disabled small">{whyNot}</p> : null}
        {!members.ok ? (
          <Problem title="The members could not be listed." problem={members.problem} />
        ) : (
          <table className="table">
            <caption className="muted small">
              {members.value.length === 1 ? "One member" : `${members.value.length} members`},
              owners first
            </caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {members.value.map((member) => {
                const allowed = memberControls(role, member, owners);
                return (
                  <tr key={member.userId}>
                    <td>{member.email}</td>
                    <td>{member.displayName}</td>
                    <td>
                      <MemberControls
                        member={member}
                        grantable={grantable}
                        changeRole={allowed.changeRole}
                        remove={allowed.remove}
                        explain={whyNot === null}
                      />
                    </td>
                    <td>
                      <Time iso={member.joinedAt} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <AddMemberForm grantable={grantable} whyNot={whyNot} />
      </section>
    </>
  );
}
