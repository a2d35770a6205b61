import { isPublicRead, writeRoles, type AppModel } from "../analyze.js";
import { lines, ts, upperFirst } from "../naming.js";

/** `src/app-config.ts`: what the template's layout, auth screens and uploads read. */
export function appConfigFile(app: AppModel): string {
  const { plan } = app;
  const nav: string[] = app.models
    .filter((m) => m.ancestors.length === 0)
    .map((m) => {
      const signedIn = isPublicRead(m) ? "" : ", signedIn: true";
      return `{ to: ${ts(m.routes.list.pattern)}, label: ${ts(upperFirst(m.plural))}${signedIn} },`;
    });
  if (app.notifications && !app.notifications.model) {
    nav.push(`{ to: "/notifications", label: "Notifications", signedIn: true },`);
  }
  if (app.admin) {
    nav.push(
      `{ to: ${ts(app.admin.route)}, label: ${ts(app.admin.title)}, roles: ${JSON.stringify(app.admin.roles)} },`,
    );
  }
  const providers = plan.auth.providers.length > 0 ? plan.auth.providers : ["email"];
  return lines(
    `// Generated from the plan.`,
    `import type { AppConfig } from "./app-config-type";`,
    "",
    `export const appConfig: AppConfig = {`,
    `  title: ${ts(plan.title)},`,
    `  summary: ${ts(plan.summary)},`,
    `  project: ${ts(app.project)},`,
    `  providers: ${JSON.stringify(providers)},`,
    `  nav: [`,
    ...nav.map((n) => `    ${n}`),
    `  ],`,
    `  uploads: {`,
    `    maxFileMb: ${app.storage.maxFileMb},`,
    `    imageTypes: ${JSON.stringify(app.storage.imageTypes)},`,
    `    fileTypes: ${JSON.stringify(app.storage.fileTypes)},`,
    `  },`,
    `};`,
    "",
  );
}

/** `src/routes.tsx`: every screen of the plan, guarded as its access policy says. */
export function routesFile(app: AppModel): string {
  const imports: string[] = [`import type { AppRoute } from "./app-config-type";`];
  const routes: string[] = [];
  const taken = new Set(app.models.flatMap((m) => Object.values(m.routes).map((r) => r.pattern)));
  if (!taken.has("/")) {
    imports.push(`import { HomePage } from "./screens/home-page";`);
    routes.push(`{ path: "/", element: <HomePage /> },`);
  }
  for (const m of app.models) {
    const dir = `./screens/${m.dir}/${m.file}`;
    const publicRead = isPublicRead(m);
    const roles = writeRoles(m, app.plan);
    const guard = (write: boolean) =>
      write && roles
        ? `, signedIn: true, roles: ${JSON.stringify(roles)}`
        : write || !publicRead
          ? ", signedIn: true"
          : "";
    const add = (
      kind: "list" | "detail" | "create" | "edit",
      component: string,
      write: boolean,
    ) => {
      imports.push(`import { ${m.name}${component} } from "${dir}-${kind}";`);
      routes.push(
        `{ path: ${ts(m.routes[kind].pattern)}, element: <${m.name}${component} />${guard(write)} },`,
      );
    };
    add("list", "ListPage", false);
    add("detail", "DetailPage", false);
    if (!m.serverWritten) {
      add("create", "CreatePage", true);
      add("edit", "EditPage", true);
    }
  }
  if (app.notifications && !app.notifications.model) {
    imports.push(`import { NotificationsPage } from "./screens/notifications-page";`);
    routes.push(`{ path: "/notifications", element: <NotificationsPage />, signedIn: true },`);
  }
  if (app.admin) {
    imports.push(`import { AdminPage } from "./screens/admin-page";`);
    routes.push(
      `{ path: ${ts(app.admin.route)}, element: <AdminPage />, signedIn: true, roles: ${JSON.stringify(app.admin.roles)} },`,
    );
  }
  return lines(
    `// Generated from the plan: every screen and who may open it.`,
    ...imports.sort((a, b) => a.localeCompare(b)),
    "",
    `export const appRoutes: AppRoute[] = [`,
    ...routes.map((r) => `  ${r}`),
    `];`,
    "",
  );
}
