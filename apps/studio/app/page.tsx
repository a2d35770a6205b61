import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { connection } from "next/server";
import { Suspense } from "react";
import { probeService, type ServiceHealth } from "../src/health-probe.js";
import { studioConfig } from "./_lib/config.js";

export const metadata: Metadata = { title: { absolute: "Overview · Winky Studio" } };

/** The dashboard: whether the services the studio depends on answer. */
export default function DashboardPage() {
  const config = studioConfig();
  const services = [
    { name: "Runtime", url: config.RUNTIME_URL },
    { name: "Orchestrator", url: config.ORCHESTRATOR_URL },
  ];
  return (
    <>
      <h1>Overview</h1>
      <h2>Services</h2>
      <div className="cards">
        {services.map((service) => (
          <section key={service.name} className="card" aria-label={service.name}>
            <h3>{service.name}</h3>
            <p>
              <code>{service.url}</code>
            </p>
            <Suspense fallback={<p className="muted">Checking…</p>}>
              <ServiceState url={service.url} />
            </Suspense>
          </section>
        ))}
      </div>
    </>
  );
}

/** Asked at request time (each render), with the probe's 2 s timeout. */
async function ServiceState({ url }: { url: string }) {
  await connection();
  const health: ServiceHealth = await probeService(url);
  return health.state === "up" ? (
    <p>
      <span className="badge badge-success">Up</span>
    </p>
  ) : (
    <p>
      <span className="badge badge-danger">Down</span>{" "}
      <span className="muted">{health.reason}</span>
    </p>
  );
}
