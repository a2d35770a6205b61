import type { ReactNode } from "react";
import { Link } from "../../../_components/link.js";
import { Problem } from "../../../_components/problem.js";
import { apiFor, settle } from "../../../_lib/api.js";
import { requireSession } from "../../../_lib/session.js";
import { ConsoleTabs } from "./console-tabs.js";
import "../../../styles/console.css";

type Props = { params: Promise<{ id: string }>; children: ReactNode };

/**
 * The runtime console of one app: its production project on the runtime, named by the app's
 * slug. The tabs are the console's parts; each page reads what it shows itself.
 */
export default async function ConsoleLayout({ params, children }: Props) {
  const { id } = await params;
  const session = await requireSession();
  const app = await settle(apiFor(session).apps.byId.query({ appId: id }));
  if (!app.ok) {
    return (
      <>
        <h1>Runtime console</h1>
        <Problem title="This app could not be shown." problem={app.problem} />
        <p>
          <Link href="/apps">Back to the apps</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <p className="small">
        <Link href={`/apps/${id}`}>← {app.value.name}</Link>
      </p>
      <h1>
        Runtime console <code className="console-project">{app.value.slug}</code>
      </h1>
      <p className="muted small">
        The app&apos;s production project on the runtime: its rules, documents, users, files,
        function logs and events.
      </p>
      <ConsoleTabs appId={id} />
      {children}
    </>
  );
}
