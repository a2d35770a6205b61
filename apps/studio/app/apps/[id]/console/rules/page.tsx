import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Problem } from "../../../../_components/problem.js";
import { apiFor, settle } from "../../../../_lib/api.js";
import { requireSession } from "../../../../_lib/session.js";
import { RulesPlayground } from "./playground.js";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Rules playground · Runtime console" };

/**
 * The rules playground: the deployed rules, and a form to decide a request with them. When the
 * rules cannot be read (no runtime, the project not deployed yet) the page says why and offers
 * no form, since every evaluation would be refused the same way.
 */
export default async function RulesPlaygroundPage({ params }: Params) {
  const { id } = await params;
  const session = await requireSession();
  const rules = await settle(apiFor(session).console.rules.query({ appId: id }));
  return (
    <section aria-labelledby="playground-heading">
      <h2 id="playground-heading">Rules playground</h2>
      <p className="muted small">
        Pick a method, a path, who asks and with what data: the app&apos;s deployed rules decide,
        and the trace shows which allow statements were tried and what was false.
      </p>
      {rules.ok ? (
        <RulesPlayground
          appId={id}
          sources={{ firestore: rules.value.firestore, storage: rules.value.storage }}
        />
      ) : (
        <Problem title="The app's rules could not be read." problem={rules.problem} />
      )}
    </section>
  );
}
