"use client";

import { useActionState, useState } from "react";
import { evaluateRulesAction } from "./actions.js";
import { RulesResult } from "./rules-result.js";
import { RulesSource } from "./rules-source.js";
import { INITIAL_PLAYGROUND_STATE } from "./state.js";

type Service = "firestore" | "storage";

const METHODS = [
  { value: "get", label: "get (read one)" },
  { value: "list", label: "list (read a query)" },
  { value: "create", label: "create (write)" },
  { value: "update", label: "update (write)" },
  { value: "delete", label: "delete (write)" },
] as const;

/**
 * The rules playground: a request (service, method, path, who, data) posted to the API, which
 * decides it with the deployed rules. The answer — ALLOWED or DENIED, the trace, the source with
 * the tried lines highlighted — replaces the source preview of the chosen service.
 */
export function RulesPlayground({
  appId,
  sources,
}: {
  appId: string;
  sources: Record<Service, string | null>;
}) {
  const [state, send, pending] = useActionState(
    evaluateRulesAction.bind(null, appId),
    INITIAL_PLAYGROUND_STATE,
  );
  const [service, setService] = useState<Service>(
    state.values.service === "storage" ? "storage" : "firestore",
  );
  // React resets the form after each action, and a select goes back to its default option:
  // keyed by what was sent, the selects mount again with that as their default.
  const sent = `${state.values.service ?? ""}:${state.values.method ?? ""}`;
  const v = (name: string, fallback = "") => state.values[name] ?? fallback;
  const fieldProps = (name: string) => ({
    id: `field-${name}`,
    name,
    "aria-invalid": state.field === name ? true : undefined,
    "aria-describedby": state.field === name ? `field-${name}-problem` : undefined,
  });
  const problemOf = (name: string) =>
    state.field === name ? (
      <p id={`field-${name}-problem`} className="field-error" role="alert">
        {state.problem}
      </p>
    ) : null;
  const preview = sources[service];
  return (
    <div className="playground">
      <form action={send} className="form playground-form" aria-label="Request to evaluate">
        <div className="field">
          <label htmlFor="field-service">Service</label>
          <select
            {...fieldProps("service")}
            key={`service-${sent}`}
            defaultValue={v("service", "firestore")}
            onChange={(e) => setService((e.target as unknown as { value: Service }).value)}
          >
            <option value="firestore">Firestore</option>
            <option value="storage">Storage</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="field-method">Method</label>
          <select
            {...fieldProps("method")}
            key={`method-${sent}`}
            defaultValue={v("method", "get")}
          >
            {METHODS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
          {problemOf("method")}
        </div>
        <div className="field">
          <label htmlFor="field-path">Path</label>
          <input
            {...fieldProps("path")}
            type="text"
            required
            defaultValue={v("path")}
            placeholder={service === "firestore" ? "notes/n1" : "images/alice/cat.png"}
          />
          {problemOf("path") ?? (
            <p className="muted small">
              Firestore: a document below the documents root (a collection for list). Storage: an
              object&apos;s name.
            </p>
          )}
        </div>
        <fieldset className="field playground-auth">
          <legend>Authentication</legend>
          <label>
            <input
              type="radio"
              name="authMode"
              value="none"
              defaultChecked={v("authMode") !== "user"}
            />{" "}
            Signed out
          </label>
          <label>
            <input
              type="radio"
              name="authMode"
              value="user"
              defaultChecked={v("authMode") === "user"}
            />{" "}
            Signed in as the user below
          </label>
          <label htmlFor="field-uid">User id (uid)</label>
          <input {...fieldProps("uid")} type="text" defaultValue={v("uid")} placeholder="alice" />
          {problemOf("uid")}
          <label htmlFor="field-email">Email</label>
          <input {...fieldProps("email")} type="text" defaultValue={v("email")} />
          {problemOf("email")}
          <label htmlFor="field-claims">Custom claims (JSON)</label>
          <textarea
            {...fieldProps("claims")}
            rows={2}
            defaultValue={v("claims")}
            placeholder='{"admin": true}'
          />
          {problemOf("claims")}
        </fieldset>
        <div className="field">
          <label htmlFor="field-resource">Stored data, resource.data (JSON)</label>
          <textarea
            {...fieldProps("resource")}
            rows={3}
            defaultValue={v("resource")}
            placeholder='{"owner": "alice"}'
          />
          {problemOf("resource") ?? (
            <p className="muted small">
              Storage: the stored object&apos;s metadata. Empty: none stored.
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="field-requestData">Request data, request.resource.data (JSON)</label>
          <textarea {...fieldProps("requestData")} rows={3} defaultValue={v("requestData")} />
          {problemOf("requestData") ?? (
            <p className="muted small">
              What a create or update writes (Storage: the upload&apos;s metadata).
            </p>
          )}
        </div>
        {state.problem && !state.field ? (
          <div className="callout callout-danger" role="alert">
            <p className="callout-title">The request could not be evaluated.</p>
            <p>
              {state.problem} {state.code ? <span className="muted">({state.code})</span> : null}
            </p>
          </div>
        ) : null}
        <div>
          <button type="submit" className="button" disabled={pending}>
            {pending ? "Evaluating…" : "Evaluate"}
          </button>
        </div>
      </form>
      <section className="playground-answer" aria-live="polite" aria-busy={pending}>
        <h2 className="visually-hidden">Answer</h2>
        {state.result ? (
          <RulesResult result={state.result} />
        ) : preview ? (
          <RulesSource source={preview} trace={[]} label={`Deployed ${service} rules`} />
        ) : (
          <p className="callout">
            No {service} rules are deployed to this app yet, so every {service} request is denied. A
            deploy of the app puts its rules here.
          </p>
        )}
      </section>
    </div>
  );
}
