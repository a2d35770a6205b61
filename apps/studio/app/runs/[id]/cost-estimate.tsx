import type { PreviewView } from "./artifacts.js";

type Cost = NonNullable<PreviewView["cost"]>;

const dollars = (n: number, digits = 2) =>
  n.toLocaleString("en-US", { style: "currency", currency: "USD", maximumFractionDigits: digits });
const count = (n: number) => n.toLocaleString("en-US");

/**
 * The preview's estimate of what the app costs: to build (model tokens, none offline) and to
 * run for a month, with the figures it came from and how they were reached.
 */
export function CostEstimate({ cost }: { cost: Cost }) {
  const { runtime, llm } = cost;
  return (
    <>
      <dl className="facts cost">
        {runtime ? (
          <>
            <dt>Running it</dt>
            <dd>
              <strong>{dollars(runtime.dollarsPerMonth)}</strong> a month for {count(runtime.users)}{" "}
              active users
            </dd>
            <dt>Reads / writes</dt>
            <dd>
              {count(runtime.readsPerMonth)} / {count(runtime.writesPerMonth)} a month
            </dd>
            <dt>Documents</dt>
            <dd>
              {count(runtime.documentsAfterAMonth)} after a month ({runtime.documentStorageGb} GB)
            </dd>
            <dt>Files</dt>
            <dd>{runtime.fileStorageGb} GB stored</dd>
            <dt>Functions</dt>
            <dd>{count(runtime.functionInvocationsPerMonth)} invocations a month</dd>
          </>
        ) : null}
        <dt>Building it</dt>
        <dd>
          {llm
            ? `${dollars(llm.dollars, 4)} of ${llm.model} (${count(llm.inputTokens)} tokens in, ${count(llm.outputTokens)} out)`
            : "no model tokens: the offline engine plans and writes the code"}
        </dd>
      </dl>
      {cost.assumptions.length ? (
        <ul className="muted small">
          {cost.assumptions.map((assumption) => (
            <li key={assumption}>{assumption}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
