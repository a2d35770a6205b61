import { routeTo, type AppModel, type ModelInfo } from "../../analyze.js";
import { displayValue } from "../../fields/field-ui.js";
import { indent, jsxAttr, jsxText, lines, upperFirst } from "../../naming.js";
import { parentParams } from "../data-file.js";
import {
  canWriteExpr,
  Imports,
  labelTarget,
  readParams,
  referenceActionLabel,
  referencingModels,
  titleJsx,
  titleText,
  usesRoles,
} from "./common.js";

const DISPLAY_COMPONENTS: Record<string, [string, string]> = {
  Markdown: ["../../components/markdown", "Markdown"],
  StoredImage: ["../../components/stored-image", "StoredImage"],
  StoredFileLink: ["../../components/stored-image", "StoredFileLink"],
  TagList: ["../../components/tag-list", "TagList"],
};

/**
 * `src/screens/<models>/<model>-detail.tsx`: every field rendered by its type, edit and delete
 * for whoever may write, and the lists of its subcollections.
 */
export function detailFile(app: AppModel, info: ModelInfo): string {
  const { name, varName } = info;
  const parents = parentParams(info);
  const idVar = `${varName}Id`;
  const children = app.models.filter((m) => m.ancestors.at(-1) === info);
  const imports = new Imports()
    .add("react", "useState")
    .add("react-router-dom", "Link", "useNavigate", "useParams")
    .add("../../components/states", "ErrorMessage", "Loading")
    .add("../../lib/convert", "formatDate")
    .add("../../lib/errors", "describeError")
    .add("../../lib/use-document", "useDocument")
    .add(`../../data/${info.file}`, `delete${name}`, `${varName}FromSnapshot`, `${varName}Ref`);
  if (usesRoles(info, app.plan)) imports.add("../../auth/roles", "hasAnyRole");
  const canWrite = canWriteExpr(info, app.plan);
  const referencing = referencingModels(app, info);
  const readsUser = canWrite.includes("user") || referencing.length > 0;
  if (readsUser) imports.add("../../auth/auth-context", "useAuth");
  const rows = info.fields.map((f) => {
    const target = f.type === "reference" ? labelTarget(app, f.references) : undefined;
    if (target) imports.add(`../${target.dir}/${target.file}-label`, `${target.name}Label`);
    const jsx = displayValue(f, `item.${f.name}`, target && `${target.name}Label`);
    for (const m of jsx.matchAll(/<([A-Z][A-Za-z]+)/g)) {
      const known = DISPLAY_COMPONENTS[m[1]!];
      if (known) imports.add(known[0], known[1]);
    }
    return `<dt>${jsxText(f.label)}</dt>\n<dd>${jsx}</dd>`;
  });
  const displayTarget =
    info.display?.type === "reference" ? labelTarget(app, info.display.references) : undefined;
  if (displayTarget)
    imports.add(
      `../${displayTarget.dir}/${displayTarget.file}-label`,
      `${displayTarget.name}Label`,
    );
  for (const child of children)
    imports.add(`../${child.dir}/${child.file}-list`, `${child.name}List`);
  const all = [...parents, idVar];
  const listLink = routeTo(info.routes.list, parents);
  const editLink = routeTo(info.routes.edit, all);
  const refArgs = all.join(", ");
  return lines(
    ...imports.lines(),
    "",
    `/** ${info.routes.detail.pattern} */`,
    `export function ${name}DetailPage() {`,
    `  const params = useParams();`,
    ...readParams(info.routes.detail.params, all).map((l) => `  ${l}`),
    readsUser ? `  const { user${usesRoles(info, app.plan) ? ", roles" : ""} } = useAuth();` : null,
    `  const navigate = useNavigate();`,
    `  const [failure, setFailure] = useState<string | null>(null);`,
    `  const state = useDocument(`,
    `    () => (${idVar} ? ${varName}Ref(${refArgs}) : null),`,
    `    [${all.join(", ")}].join("/"),`,
    `    ${varName}FromSnapshot,`,
    `    ${info.model.realtime},`,
    `  );`,
    `  if (state.status === "loading") return <Loading />;`,
    `  if (state.status === "error") return <ErrorMessage message={state.message} />;`,
    `  const item = state.data;`,
    `  if (!item) {`,
    `    return (`,
    `      <section className="page">`,
    `        <h1>Not found</h1>`,
    `        <p>`,
    `          ${jsxText(`This ${info.label} does not exist or was deleted.`)}{" "}`,
    `          <Link to={${listLink}}>${jsxText(`Back to ${info.plural}`)}</Link>`,
    `        </p>`,
    `      </section>`,
    `    );`,
    `  }`,
    `  const canWrite = ${canWrite};`,
    "",
    `  const remove = async () => {`,
    `    if (!window.confirm(\`Delete \${${titleText(info)}}?\`)) return;`,
    `    try {`,
    `      await delete${name}(${refArgs});`,
    `      navigate(${listLink}, { replace: true });`,
    `    } catch (e) {`,
    `      setFailure(describeError(e));`,
    `    }`,
    `  };`,
    "",
    `  return (`,
    `    <section className="page">`,
    `      <div className="page-header">`,
    `        <h1>${titleJsx(app, info)}</h1>`,
    `        {canWrite && (`,
    `          <div className="actions">`,
    `            <Link className="button" to={${editLink}}>`,
    `              Edit`,
    `            </Link>`,
    `            <button type="button" className="button danger" onClick={() => void remove()}>`,
    `              Delete`,
    `            </button>`,
    `          </div>`,
    `        )}`,
    `      </div>`,
    `      <ErrorMessage message={failure} />`,
    referencing.length > 0
      ? lines(
          `      {user && (`,
          `        <p className="actions">`,
          ...referencing.map(
            ({ model, field }) =>
              `          <Link className="button primary" to={\`${model.routes.create.pattern}?${field}=\${encodeURIComponent(item.id)}\`}>\n            ${jsxText(referenceActionLabel(app, model))}\n          </Link>`,
          ),
          `        </p>`,
          `      )}`,
        )
      : null,
    `      <dl className="details">`,
    indent(rows.join("\n"), 4),
    `        <dt>Created</dt>`,
    `        <dd>{formatDate(item.createdAt, true)}</dd>`,
    `      </dl>`,
    ...children.map((child) =>
      lines(
        `      <section aria-label=${jsxAttr(upperFirst(child.plural))}>`,
        `        <h2>${jsxText(upperFirst(child.plural))}</h2>`,
        `        <${[`${child.name}List`, ...parentParams(child).map((p, i) => `${p}={${all[i]}}`)].join(" ")} />`,
        `      </section>`,
      ),
    ),
    `      <p>`,
    `        <Link to={${listLink}}>${jsxText(`Back to ${info.plural}`)}</Link>`,
    `      </p>`,
    `    </section>`,
    `  );`,
    `}`,
    "",
  );
}
