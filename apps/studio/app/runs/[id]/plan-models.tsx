import type { PlanView } from "./artifacts.js";

/** Who may read and write a model's documents, in words (the plan's access kinds). */
const ACCESS: Record<string, string> = {
  owner: "each user their own",
  shared: "signed-in users read all; owners write theirs",
  "public-read": "anyone reads; owners write",
  role: "signed-in users read; listed roles write",
  public: "anyone reads and writes",
};

/** The plan's data models, screens and server functions, as tables people can scan. */
export function PlanModels({ plan }: { plan: PlanView }) {
  return (
    <>
      <h3>Data</h3>
      {plan.models.length ? (
        <table className="table">
          <caption className="muted small">The collections the app stores</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Fields</th>
              <th scope="col">Access</th>
            </tr>
          </thead>
          <tbody>
            {plan.models.map((model) => (
              <tr key={model.name}>
                <th scope="row">
                  {model.name}
                  <div className="muted small">
                    <code>{model.collection}</code>
                    {model.parent ? ` in ${model.parent}` : ""}
                    {model.realtime ? " · live" : ""}
                  </div>
                </th>
                <td>
                  {model.fields.map((f) => (
                    <span key={f.name} className="field-chip">
                      {f.label || f.name} <span className="muted">{f.type}</span>
                      {f.required ? <span title="required"> *</span> : null}
                    </span>
                  ))}
                </td>
                <td>{ACCESS[model.access] ?? model.access}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">The plan has no data models.</p>
      )}
      {plan.functions.length ? (
        <>
          <h3>Server functions</h3>
          <ul>
            {plan.functions.map((f) => (
              <li key={f.name}>
                <code>{f.name}</code> ({f.trigger}): {f.purpose}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.features.length ? (
        <p className="muted small">Features: {plan.features.join(", ")}</p>
      ) : null}
    </>
  );
}
