import { routeTo, type ModelInfo } from "../../analyze.js";
import { lines } from "../../naming.js";
import { listFilters } from "../../queries.js";
import { titleText } from "./common.js";

/**
 * `src/screens/<models>/<model>-label.tsx`, for models other models refer to: a label that
 * loads the referenced document by id, and the options of a select picking one.
 */
export function labelFile(info: ModelInfo): string {
  const { name, varName } = info;
  const needsUid = listFilters(info).fixed.length > 0;
  const detail = routeTo(info.routes.detail, ["id"]);
  return lines(
    `import { Link } from "react-router-dom";`,
    `import type { SelectOption } from "../../components/fields";`,
    `import { ${varName}FromSnapshot, ${varName}ListQuery, ${varName}Ref } from "../../data/${info.file}";`,
    `import { useDocument } from "../../lib/use-document";`,
    `import { useQueryDocs } from "../../lib/use-query-docs";`,
    `import type { ${name} } from "../../models/${info.file}";`,
    "",
    `export function ${varName}Title(item: ${name}): string {`,
    `  return ${titleText(info)};`,
    `}`,
    "",
    `/** A ${info.label} named by its id, linking to it unless \`link\` is false. */`,
    `export function ${name}Label({ id, link = true }: { id: string; link?: boolean }) {`,
    `  const state = useDocument(() => ${varName}Ref(id), id, ${varName}FromSnapshot);`,
    `  if (state.status === "loading") return <span className="muted">…</span>;`,
    `  if (state.status === "error" || !state.data) return <span className="muted">(unavailable)</span>;`,
    `  const text = ${varName}Title(state.data);`,
    `  return link ? <Link to={${detail}}>{text}</Link> : <>{text}</>;`,
    `}`,
    "",
    `/** The ${info.plural} the user may pick, as options of a select. */`,
    `export function use${name}Options(${needsUid ? "uid" : "_uid"}: string): SelectOption[] {`,
    `  const { state } = useQueryDocs(`,
    `    () => ${varName}ListQuery(${needsUid ? "uid" : ""}),`,
    `    ${needsUid ? "uid" : `"all"`},`,
    `    ${varName}FromSnapshot,`,
    `  );`,
    `  return state.status === "ready"`,
    `    ? state.data.map((item) => ({ value: item.id, label: ${varName}Title(item) }))`,
    `    : [];`,
    `}`,
    "",
  );
}
