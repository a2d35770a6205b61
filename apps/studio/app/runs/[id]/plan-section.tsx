import { loadArtifacts, type PlanView, type PreviewView } from "./artifacts.js";
import { CostEstimate } from "./cost-estimate.js";
import { PlanModels } from "./plan-models.js";
import { Section, SectionEmpty, SectionProblem } from "./section-states.js";

/**
 * The plan as the planner made it and the person approves it: the wireframe of each screen,
 * the data models, the file tree, the assumptions and the cost estimate.
 */
export async function PlanSection({ runId }: { runId: string }) {
  const artifacts = await loadArtifacts(runId);
  return (
    <Section id="plan" title="Plan">
      {!artifacts.ok ? (
        <SectionProblem what="plan" problem={artifacts.problem} />
      ) : !artifacts.value.plan && !artifacts.value.preview ? (
        <SectionEmpty>No plan yet: it appears here once the planner has made it.</SectionEmpty>
      ) : (
        <>
          {artifacts.value.plan ? <PlanSummary plan={artifacts.value.plan} /> : null}
          {artifacts.value.preview ? (
            <Wireframes runId={runId} preview={artifacts.value.preview} />
          ) : (
            <SectionEmpty>No preview yet: the wireframes come after the plan.</SectionEmpty>
          )}
          {artifacts.value.plan ? <PlanModels plan={artifacts.value.plan} /> : null}
          {artifacts.value.preview ? <PreviewDetails preview={artifacts.value.preview} /> : null}
        </>
      )}
    </Section>
  );
}

function PlanSummary({ plan }: { plan: PlanView }) {
  return (
    <div className="card">
      <p className="plan-title">
        <strong>{plan.title || plan.appName}</strong> <code className="muted">{plan.appName}</code>
      </p>
      <p>{plan.summary}</p>
      {plan.auth.providers.length ? (
        <p className="muted small">
          Sign-in: {plan.auth.providers.join(", ")}
          {plan.auth.roles.length ? `; roles: ${plan.auth.roles.join(", ")}` : ""}
        </p>
      ) : null}
    </div>
  );
}

function Wireframes({ runId, preview }: { runId: string; preview: PreviewView }) {
  return (
    <>
      <h3>Screens</h3>
      {preview.screens.length === 0 ? (
        <SectionEmpty>The plan has no screens.</SectionEmpty>
      ) : (
        <ul className="wireframes" aria-label="Wireframes">
          {preview.screens.map((screen) => (
            <li key={screen.index}>
              <figure className="wireframe">
                {screen.image ? (
                  // The SVG comes through the studio's route as an image: any script in it
                  // cannot run, and the route adds a CSP for a direct visit too.
                  <img
                    src={`/api/runs/${encodeURIComponent(runId)}/screens/${screen.index}`}
                    alt={`Wireframe of the ${screen.title} screen (${screen.kind})`}
                    width={screen.width || undefined}
                    height={screen.height || undefined}
                    loading="lazy"
                  />
                ) : (
                  <p className="wireframe-missing muted small">
                    No image: {preview.imagesUnavailable ?? "the wireframe file is missing"}.
                  </p>
                )}
                <figcaption>
                  {screen.title} <code>{screen.route}</code>
                </figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PreviewDetails({ preview }: { preview: PreviewView }) {
  return (
    <div className="plan-details">
      <div>
        <h3>Files</h3>
        {preview.tree ? (
          <pre className="file-tree-text" tabIndex={0} aria-label="The app's file tree">
            {preview.tree}
          </pre>
        ) : (
          <SectionEmpty>The preview lists no files.</SectionEmpty>
        )}
      </div>
      <div>
        <h3>Assumptions</h3>
        {preview.assumptions.length ? (
          <ul>
            {preview.assumptions.map((assumption) => (
              <li key={assumption}>{assumption}</li>
            ))}
          </ul>
        ) : (
          <SectionEmpty>The planner assumed nothing the prompt did not say.</SectionEmpty>
        )}
        <h3>Cost estimate</h3>
        {preview.cost ? (
          <CostEstimate cost={preview.cost} />
        ) : (
          <SectionEmpty>No cost estimate.</SectionEmpty>
        )}
      </div>
    </div>
  );
}
