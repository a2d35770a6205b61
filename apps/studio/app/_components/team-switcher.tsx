import { apiFor, settle } from "../_lib/api.js";
import { switchTeam } from "../_lib/team-actions.js";
import type { Session } from "../../src/session-cookie.js";
import { Link } from "./link.js";

/**
 * The team the studio works in, and the way to another: people may be in several teams (an
 * API token belongs to one). Works without JavaScript: a select and a button.
 */
export async function TeamSwitcher({ session }: { session: Session }) {
  const me = await settle(apiFor(session).account.me.query());
  if (!me.ok) return null;
  const { teams, currentTeam } = me.value;
  if (teams.length === 0) {
    return (
      <p className="small">
        <Link href="/welcome">Create your team</Link>
      </p>
    );
  }
  // No current team: the person is in several and chose none, or left the one chosen.
  const current = teams.find((team) => team.slug === currentTeam);
  if (current && (session.kind !== "platform" || teams.length === 1)) {
    return (
      <p className="small team-current">
        Team <strong>{current.name}</strong> <span className="muted">({current.role})</span>
      </p>
    );
  }
  return (
    <form action={switchTeam} className="team-switcher">
      <label htmlFor="team-switch" className="small">
        Team
      </label>
      {current ? null : <p className="small">Choose the team to work in:</p>}
      <select id="team-switch" name="team" defaultValue={current?.slug ?? teams[0]!.slug}>
        {teams.map((team) => (
          <option key={team.slug} value={team.slug}>
            {team.name} ({team.role})
          </option>
        ))}
      </select>
      <button type="submit" className="button button-quiet">
        Switch
      </button>
    </form>
  );
}
