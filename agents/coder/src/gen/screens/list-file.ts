import type { Field } from "@winky/planner";
import { routeTo, SEARCHABLE, type AppModel, type ModelInfo } from "../../analyze.js";
import type { Recipe } from "../../functions/recipes.js";
import { optionsConst } from "../../fields/field-code.js";
import { indent, jsxAttr, jsxText, lines, ts, upperFirst } from "../../naming.js";
import { listFilters } from "../../queries.js";
import { parentParams } from "../data-file.js";
import { canCreateExpr, Imports, labelTarget, readParams, titleJsx, usesRoles } from "./common.js";

const SUMMARY = new Set(["number", "enum", "date", "boolean", "reference"]);

/**
 * `src/screens/<models>/<model>-list.tsx`: the list (search, enum and tag filters when the
 * plan's features ask; live when the model is realtime) and the page around it.
 */
export function listFile(app: AppModel, info: ModelInfo): string {
  const { name, varName } = info;
  const parents = parentParams(info);
  const { fixed, optional } = listFilters(info);
  const needsUid = fixed.length > 0;
  const checkout = app.functions.find(
    (f): f is typeof f & { recipe: Extract<Recipe, { kind: "checkout" }> } =>
      f.recipe.kind === "checkout" && f.recipe.cart === info,
  );
  const imports = new Imports()
    .add("react-router-dom", "Link", ...(parents.length ? ["useParams"] : []))
    .add("../../auth/auth-context", "useAuth")
    .add("../../components/states", "Empty", "ErrorMessage", "Loading")
    .add("../../lib/convert", "formatDate")
    .add("../../lib/use-query-docs", "useQueryDocs")
    .add(`../../data/${info.file}`, `${varName}FromSnapshot`, `${varName}ListQuery`)
    .add(`../../models/${info.file}`, `type ${name}`);
  if (usesRoles(info, app.plan)) imports.add("../../auth/roles", "hasAnyRole");
  const hooks: string[] = [];
  const toolbar: string[] = [];
  const filterArgs: string[] = [];
  if (info.search) {
    imports.add("react", "useState").add("../../components/fields", "TextField");
    hooks.push(`const [search, setSearch] = useState("");`);
    toolbar.push(
      `<div className="search">\n  <TextField label=${jsxAttr(`Search ${info.plural}`)} type="search" value={search} onChange={setSearch} />\n</div>`,
    );
  }
  if (info.enumFilter) {
    const f = info.enumFilter;
    imports.add("react", "useState").add("../../components/fields", "SelectField");
    imports.add(`../../models/${info.file}`, optionsConst(name, f));
    hooks.push(`const [${f.name}, set${upperFirst(f.name)}] = useState("");`);
    filterArgs.push(`${f.name}: ${f.name} || null`);
    toolbar.push(
      `<SelectField label=${jsxAttr(`Filter by ${f.label.toLowerCase()}`)} placeholder="All" value={${f.name}} options={${optionsConst(name, f)}.map((o) => ({ value: o, label: o }))} onChange={set${upperFirst(f.name)}} />`,
    );
  }
  if (info.tagField) {
    const f = info.tagField;
    imports.add("react", "useEffect", "useState").add("../../components/tag-filter", "TagFilter");
    hooks.push(`const [tag, setTag] = useState<string | null>(null);`);
    hooks.push(`const [knownTags, setKnownTags] = useState<string[]>([]);`);
    filterArgs.push(`${f.name}: tag`);
  }
  const queryArgs = [
    ...parents,
    ...(needsUid ? ["uid"] : []),
    ...(filterArgs.length ? [`{ ${filterArgs.join(", ")} }`] : []),
  ].join(", ");
  const keyParts = [
    ...parents,
    ...(needsUid ? ["uid"] : []),
    ...optional.map((e) => (e.op === "==" ? e.field : "tag")),
  ];
  const makeQuery = needsUid
    ? `() => (uid ? ${varName}ListQuery(${queryArgs}) : null)`
    : `() => ${varName}ListQuery(${queryArgs})`;
  const searchFields = info.fields.filter((f) => SEARCHABLE.has(f.type));
  const summary = info.fields.filter((f) => SUMMARY.has(f.type) && f !== info.display).slice(0, 3);
  for (const f of summary) {
    const target = f.type === "reference" ? labelTarget(app, f.references) : undefined;
    if (target) imports.add(`../${target.dir}/${target.file}-label`, `${target.name}Label`);
  }
  const displayTarget =
    info.display?.type === "reference" ? labelTarget(app, info.display.references) : undefined;
  if (displayTarget)
    imports.add(
      `../${displayTarget.dir}/${displayTarget.file}-label`,
      `${displayTarget.name}Label`,
    );
  if (info.tagField) imports.add("../../components/tag-list", "TagList");
  if (checkout) imports.add("./checkout-button", "CheckoutButton");
  const createLink = routeTo(info.routes.create, parents);
  const detailLink = routeTo(info.routes.detail, [...parents, "item.id"]);
  const propsType = parents.length ? `{ ${parents.map((p) => `${p}: string`).join("; ")} }` : "";
  return lines(
    ...imports.lines(),
    "",
    `/** The ${info.plural}, newest first${info.model.realtime ? ", updated live" : ""}. */`,
    `export function ${name}List(${parents.length ? `{ ${parents.join(", ")} }: ${propsType}` : ""}) {`,
    `  const { user${usesRoles(info, app.plan) ? ", roles" : ""} } = useAuth();`,
    needsUid ? `  const uid = user?.uid ?? null;` : null,
    ...hooks.map((h) => `  ${h}`),
    `  const { state } = useQueryDocs(`,
    `    ${makeQuery},`,
    `    [${keyParts.map((k) => `String(${k})`).join(", ")}].join("|"),`,
    `    ${varName}FromSnapshot,`,
    `    ${info.model.realtime},`,
    `  );`,
    `  const items: ${name}[] = state.status === "ready" ? state.data : [];`,
    info.tagField
      ? lines(
          `  // Tags seen so far stay offered while one of them filters the list.`,
          `  useEffect(() => {`,
          `    if (state.status !== "ready") return;`,
          `    const seen = state.data.flatMap((item) => item.${info.tagField.name});`,
          `    setKnownTags((known) => [...new Set([...known, ...seen])].sort());`,
          `  }, [state]);`,
        )
      : null,
    info.search ? searchFilter(searchFields) : `  const shown = items;`,
    `  const canCreate = ${canCreateExpr(info, app.plan)};`,
    "",
    `  return (`,
    `    <div className="list">`,
    `      <div className="toolbar">`,
    `        {canCreate && (`,
    `          <Link className="button primary" to={${createLink}}>`,
    `            ${jsxText(`New ${info.label}`)}`,
    `          </Link>`,
    `        )}`,
    toolbar.length ? indent(toolbar.join("\n"), 4) : null,
    `      </div>`,
    info.tagField ? `      <TagFilter tags={knownTags} selected={tag} onSelect={setTag} />` : null,
    `      {state.status === "loading" && <Loading />}`,
    `      {state.status === "error" && <ErrorMessage message={state.message} />}`,
    `      {state.status === "ready" && shown.length === 0 && (`,
    `        <Empty>${jsxText(emptyText(info))}</Empty>`,
    `      )}`,
    `      {shown.length > 0 && (`,
    `        <ul className="item-list" aria-label=${jsxAttr(upperFirst(info.plural))}>`,
    `          {shown.map((item) => (`,
    `            <li key={item.id} className="item">`,
    `              <Link className="item-title" to={${detailLink}}>`,
    `                ${titleJsx(app, info)}`,
    `              </Link>`,
    `              <div className="meta">`,
    ...summary.map((f) => `                ${summaryJsx(app, f)}`),
    `                <span>{formatDate(item.createdAt, true)}</span>`,
    `              </div>`,
    info.tagField ? `              <TagList tags={item.${info.tagField.name}} />` : null,
    `            </li>`,
    `          ))}`,
    `        </ul>`,
    `      )}`,
    checkout ? `      <CheckoutButton itemIds={items.map((item) => item.id)} />` : null,
    `    </div>`,
    `  );`,
    `}`,
    "",
    `/** ${info.routes.list.pattern} */`,
    `export function ${name}ListPage() {`,
    parents.length ? `  const params = useParams();` : null,
    ...readParams(info.routes.list.params, parents).map((l) => `  ${l}`),
    `  return (`,
    `    <section className="page">`,
    `      <h1>${jsxText(info.routes.list.title)}</h1>`,
    `      <${[`${name}List`, ...parents.map((p) => `${p}={${p}}`)].join(" ")} />`,
    `    </section>`,
    `  );`,
    `}`,
    "",
  );
}

function emptyText(info: ModelInfo): string {
  return `No ${info.plural} yet.`;
}

function searchFilter(fields: readonly Field[]): string {
  const values = fields.map((f) => (f.type === "tags" ? `...item.${f.name}` : `item.${f.name}`));
  return lines(
    `  const needle = search.trim().toLowerCase();`,
    `  const shown = needle`,
    `    ? items.filter((item) => [${values.join(", ")}].some((v) => v.toLowerCase().includes(needle)))`,
    `    : items;`,
  );
}

function summaryJsx(app: AppModel, f: Field): string {
  const v = `item.${f.name}`;
  const label = ts(f.label);
  switch (f.type) {
    case "boolean":
      return `{${v} && <span>{${label}}</span>}`;
    case "number":
      return `{${v} !== null && <span>{${label}}: {${v}}</span>}`;
    case "reference": {
      const target = labelTarget(app, f.references);
      return target
        ? `{${v} && <span><${target.name}Label id={${v}} link={false} /></span>}`
        : `{${v} && <span>{${label}}: {${v}}</span>}`;
    }
    default:
      return `{${v} && <span>{${v}}</span>}`;
  }
}
