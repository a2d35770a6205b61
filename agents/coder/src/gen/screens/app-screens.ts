import { writeRoles, type AppModel } from "../../analyze.js";
import { MANAGER_ROLE } from "../../functions/role-source.js";
import { jsxAttr, jsxText, lines, ts, upperFirst } from "../../naming.js";

/** `src/screens/home-page.tsx`: the app's summary, links to its lists, and its callable actions. */
export function homeFile(app: AppModel): string {
  const roots = app.models.filter((m) => m.ancestors.length === 0);
  const actions = app.functions.some((f) => f.recipe.kind === "callable");
  return lines(
    `import { Link } from "react-router-dom";`,
    `import { useAuth } from "../auth/auth-context";`,
    actions ? `import { Actions } from "./actions";` : null,
    "",
    `export function HomePage() {`,
    `  const { ready, user } = useAuth();`,
    `  return (`,
    `    <section className="page">`,
    `      <h1>${jsxText(app.plan.title)}</h1>`,
    `      <p>${jsxText(app.plan.summary)}</p>`,
    `      {ready && !user && (`,
    `        <p className="actions">`,
    `          <Link className="button primary" to="/sign-up">`,
    `            Get started`,
    `          </Link>`,
    `          <Link className="button" to="/sign-in">`,
    `            Sign in`,
    `          </Link>`,
    `        </p>`,
    `      )}`,
    `      <ul className="cards">`,
    ...roots.map((m) =>
      lines(
        `        <li className="item">`,
        `          <Link className="item-title" to=${jsxAttr(m.routes.list.pattern)}>`,
        `            ${jsxText(m.routes.list.title)}`,
        `          </Link>`,
        `        </li>`,
      ),
    ),
    `      </ul>`,
    actions ? `      {user && <Actions />}` : null,
    `    </section>`,
    `  );`,
    `}`,
    "",
  );
}

/** `src/screens/actions.tsx`: a button per callable function without a screen of its own. */
export function actionsFile(app: AppModel): string {
  const callables = app.functions.filter((f) => f.recipe.kind === "callable");
  return lines(
    `import { useState } from "react";`,
    `import { ErrorMessage } from "../components/states";`,
    `import { describeCallError } from "../lib/call-errors";`,
    `import { functions } from "../winky";`,
    "",
    `const ACTIONS = [`,
    ...callables.map((f) => `  { name: ${ts(f.fn.name)}, purpose: ${ts(f.fn.purpose)} },`),
    `];`,
    "",
    `/** Runs the app's callable functions and shows what they answered. */`,
    `export function Actions() {`,
    `  const [result, setResult] = useState<string | null>(null);`,
    `  const [failure, setFailure] = useState<string | null>(null);`,
    `  async function run(name: string) {`,
    `    setFailure(null);`,
    `    try {`,
    `      setResult(JSON.stringify(await functions.call(name, {}), null, 2));`,
    `    } catch (e) {`,
    `      setFailure(describeCallError(e));`,
    `    }`,
    `  }`,
    `  return (`,
    `    <section aria-label="Actions">`,
    `      <h2>Actions</h2>`,
    `      <ul className="item-list">`,
    `        {ACTIONS.map((action) => (`,
    `          <li key={action.name} className="item">`,
    `            <button type="button" className="button" onClick={() => void run(action.name)}>`,
    `              {action.name}`,
    `            </button>`,
    `            <p className="muted">{action.purpose}</p>`,
    `          </li>`,
    `        ))}`,
    `      </ul>`,
    `      {result && <pre role="status">{result}</pre>}`,
    `      <ErrorMessage message={failure} />`,
    `    </section>`,
    `  );`,
    `}`,
    "",
  );
}

/** `src/screens/admin-page.tsx`: where role holders find what only they manage. */
export function adminFile(app: AppModel): string {
  const admin = app.admin!;
  const managed = app.models.filter((m) => writeRoles(m, app.plan) && m.ancestors.length === 0);
  const rolesForm = app.functions.some((f) => f.recipe.kind === "setRole");
  const command = (role: string) =>
    `winky users roles <email> --grant ${role} --project ${app.project}`;
  // Claims reach a token when it is next refreshed: signing in again is the sure way.
  const note = rolesForm
    ? `The first ${MANAGER_ROLE} comes from the command ${command(MANAGER_ROLE)}; then ${MANAGER_ROLE}s grant and remove roles here. A user gets a new role at their next sign-in.`
    : `Roles are custom claims, granted with the command ${command(admin.roles[0]!)}. A user gets a new role at their next sign-in.`;
  return lines(
    `import { Link } from "react-router-dom";`,
    rolesForm ? `import { RolesForm } from "./roles-form";` : null,
    "",
    `/** ${admin.route}: only users whose token carries ${admin.roles.join(" or ")} see it. */`,
    `export function AdminPage() {`,
    `  return (`,
    `    <section className="page">`,
    `      <h1>${jsxText(admin.title)}</h1>`,
    `      <ul className="cards">`,
    ...managed.map((m) =>
      lines(
        `        <li className="item">`,
        `          <Link className="item-title" to=${jsxAttr(m.routes.list.pattern)}>`,
        `            ${jsxText(upperFirst(m.plural))}`,
        `          </Link>`,
        `          <p>`,
        `            <Link to=${jsxAttr(m.routes.create.pattern)}>${jsxText(`New ${m.label}`)}</Link>`,
        `          </p>`,
        `        </li>`,
      ),
    ),
    `      </ul>`,
    rolesForm ? `      <RolesForm />` : null,
    `      <p className="muted">${jsxText(note)}</p>`,
    `    </section>`,
    `  );`,
    `}`,
    "",
  );
}
