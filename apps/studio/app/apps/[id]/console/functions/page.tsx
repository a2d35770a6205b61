import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Link } from "../../../../_components/link.js";
import { Problem } from "../../../../_components/problem.js";
import { Time } from "../../../../_components/time.js";
import { apiFor, settle } from "../../../../_lib/api.js";
import { requireSession } from "../../../../_lib/session.js";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Function logs · Runtime console" };

/** A trigger in words: `callable`, `document notes/{id} (write)`, `schedule every 5 minutes`. */
function triggerText(trigger: Record<string, unknown>): string {
  const details = Object.entries(trigger)
    .filter(([key]) => key !== "kind")
    .map(([key, value]) => `${key} ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return [String(trigger.kind), ...details].join(", ");
}

/** The project's functions, and the latest invocations' logs of the one picked (`?name=`). */
export default async function FunctionsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const picked = (await searchParams).name;
  const name = typeof picked === "string" && picked ? picked : null;
  const session = await requireSession();
  const api = apiFor(session);
  const [list, logs] = await Promise.all([
    settle(api.console.functions.list.query({ appId: id })),
    name ? settle(api.console.functions.logs.query({ appId: id, name, limit: 50 })) : null,
  ]);
  const base = `/apps/${id}/console/functions`;
  return (
    <section aria-labelledby="functions-heading">
      <h2 id="functions-heading">Function logs</h2>
      {!list.ok ? (
        <Problem title="The functions could not be read." problem={list.problem} />
      ) : list.value.length === 0 ? (
        <p className="callout">No functions are deployed to this app yet.</p>
      ) : (
        <ul className="console-list">
          {list.value.map((fn) => (
            <li key={fn.name}>
              <Link
                href={`${base}?name=${encodeURIComponent(fn.name)}`}
                aria-current={fn.name === name ? "true" : undefined}
              >
                {fn.name}
              </Link>{" "}
              <span className="muted small">
                v{fn.version} · {triggerText(fn.trigger)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {name && logs ? (
        <>
          <h3>Latest invocations of {name}</h3>
          {!logs.ok ? (
            <Problem title={`The logs of ${name} could not be read.`} problem={logs.problem} />
          ) : logs.value.length === 0 ? (
            <p className="callout">{name} has not run yet.</p>
          ) : (
            <ol className="console-logs">
              {logs.value.map((log, i) => (
                <li key={i} className="card">
                  <p className="small">
                    <Time iso={log.createdAt} /> · v{log.version} · {log.durationMs} ms ·{" "}
                    {log.errorKind ? (
                      <span className="badge badge-danger">{log.errorKind}</span>
                    ) : (
                      <span className="badge badge-success">ok</span>
                    )}
                  </p>
                  {log.lines.length === 0 ? (
                    <p className="muted small">No output.</p>
                  ) : (
                    <pre className="console-json">
                      {log.lines
                        .map((l) => (l.stream === "stderr" ? `! ${l.line}` : l.line))
                        .join("\n")}
                    </pre>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}
