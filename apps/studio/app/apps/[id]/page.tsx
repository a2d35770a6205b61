import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Link } from "../../_components/link.js";
import { Problem } from "../../_components/problem.js";
import { Time } from "../../_components/time.js";
import { apiFor, settle } from "../../_lib/api.js";
import { requireSession } from "../../_lib/session.js";
import { HealthBadge, RelativeTime, ROLLBACK_ROLES } from "../app-display.js";
import { DeploymentsTable } from "./deployments-table.js";
import { GitLog } from "./git-log.js";
import { RegressionChart } from "./regression-chart.js";
import "../../styles/apps.css";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const session = await requireSession();
  const app = await settle(apiFor(session).apps.byId.query({ appId: id }));
  // The page itself says why an app cannot be shown; the title only names what was asked for.
  return { title: app.ok ? `${app.value.name} · Apps` : `App ${id.slice(0, 8)}` };
}

/** One app: where it is live, what went live (with rollbacks), its health over time, its Git log. */
export default async function AppPage({ params }: Params) {
  const { id } = await params;
  const session = await requireSession();
  const api = apiFor(session);
  const [app, team, deployments, checks, commits] = await Promise.all([
    settle(api.apps.byId.query({ appId: id })),
    settle(api.teams.get.query()),
    settle(api.apps.deployments.query({ appId: id, limit: 20 })),
    settle(api.apps.regressions.query({ appId: id, limit: 30 })),
    settle(api.apps.commits.query({ appId: id, limit: 20 })),
  ]);
  if (!app.ok) {
    return (
      <>
        <h1>App</h1>
        <Problem title="This app could not be shown." problem={app.problem} />
        <p>
          <Link href="/apps">Back to the apps</Link>
        </p>
      </>
    );
  }
  const detail = app.value;
  const role = team.ok ? team.value.callerRole : null;
  const canRollBack = role !== null && ROLLBACK_ROLES.has(role);
  const whyNot =
    role === null
      ? "Your role in the team could not be read, so rolling back is off."
      : `Rolling back needs the admin role or higher; you act as ${role}. An admin or owner can roll back.`;
  const now = Date.now();
  return (
    <>
      <p className="small">
        <Link href="/apps">← Apps</Link>
      </p>
      <h1>
        {detail.name} <code className="app-slug">{detail.slug}</code>
      </h1>
      <dl className="facts card">
        <dt>Live at</dt>
        <dd>
          {detail.live ? (
            <>
              <a href={detail.live.url} target="_blank" rel="noopener noreferrer">
                {detail.live.url}
                <span aria-hidden="true"> ↗</span>
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>{" "}
              <span className="muted small">
                version {detail.live.version}, since{" "}
                <RelativeTime iso={detail.live.deployedAt} now={now} />
              </span>
            </>
          ) : (
            <span className="muted">not deployed yet</span>
          )}
        </dd>
        <dt>Health</dt>
        <dd>
          <HealthBadge health={detail.health} />
        </dd>
        {detail.description ? (
          <>
            <dt>About</dt>
            <dd>{detail.description}</dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>
          <Time iso={detail.createdAt} />
        </dd>
      </dl>

      {/* Runtime console slot: the app's production project on the runtime. */}
      <p>
        <Link href={`/apps/${detail.id}/console`} className="button button-quiet">
          Runtime console
        </Link>{" "}
        <span className="muted small">
          rules playground, documents, users, files, function logs and events of {detail.slug}
        </span>
      </p>

      <h2 id="regressions-heading">Regression history</h2>
      {checks.ok ? (
        <RegressionChart checks={checks.value} />
      ) : (
        <Problem title="The regression checks could not be read." problem={checks.problem} />
      )}

      <h2>Deployments</h2>
      {deployments.ok ? (
        <DeploymentsTable
          appId={detail.id}
          deployments={deployments.value.items}
          canRollBack={canRollBack}
          whyNot={whyNot}
        />
      ) : (
        <Problem title="The deployments could not be read." problem={deployments.problem} />
      )}

      <h2>Git log</h2>
      {commits.ok ? (
        <GitLog commits={commits.value} now={now} />
      ) : (
        <Problem title="The Git log could not be read." problem={commits.problem} />
      )}
    </>
  );
}
