import { routeTo, type ModelInfo } from "../../analyze.js";
import { jsxAttr, jsxText, lines } from "../../naming.js";
import { parentParams } from "../data-file.js";
import { readParams } from "./common.js";

/** `src/screens/<models>/<model>-create.tsx`: the empty form; saving opens the new document. */
export function createFile(info: ModelInfo): string {
  const { name } = info;
  const parents = parentParams(info);
  // A referenced document's page links here with `?<field>=<id>`: the form starts with it.
  const prefill = info.fields.filter((f) => f.type === "reference").map((f) => f.name);
  const initial = prefill.length
    ? `{ ...empty${name}(), ${prefill.map((f) => `${f}: search.get(${JSON.stringify(f)}) ?? ""`).join(", ")} }`
    : `empty${name}()`;
  const detail = routeTo(info.routes.detail, [...parents, "id"]);
  const args = [...parents, "input", ...(info.ownerField ? ["user.uid"] : [])].join(", ");
  return lines(
    `import { useNavigate${parents.length ? ", useParams" : ""}${prefill.length ? ", useSearchParams" : ""} } from "react-router-dom";`,
    `import { useAuth } from "../../auth/auth-context";`,
    `import { Loading } from "../../components/states";`,
    `import { create${name} } from "../../data/${info.file}";`,
    `import { empty${name} } from "../../models/${info.file}";`,
    `import { ${name}Form } from "./${info.file}-form";`,
    "",
    `/** ${info.routes.create.pattern} */`,
    `export function ${name}CreatePage() {`,
    parents.length ? `  const params = useParams();` : null,
    ...readParams(info.routes.create.params, parents).map((l) => `  ${l}`),
    `  const { user } = useAuth();`,
    `  const navigate = useNavigate();`,
    prefill.length ? `  const [search] = useSearchParams();` : null,
    `  if (!user) return <Loading />;`,
    `  return (`,
    `    <section className="page narrow">`,
    `      <h1>${jsxText(info.routes.create.title)}</h1>`,
    `      <${name}Form`,
    `        initial={${initial}}`,
    `        submitLabel=${jsxAttr(`Create ${info.label}`)}`,
    `        uid={user.uid}`,
    `        onSubmit={async (input) => {`,
    `          const id = await create${name}(${args});`,
    `          navigate(${detail}, { replace: true });`,
    `        }}`,
    `      />`,
    `    </section>`,
    `  );`,
    `}`,
    "",
  );
}

/** `src/screens/<models>/<model>-edit.tsx`: the form filled from the stored document. */
export function editFile(info: ModelInfo): string {
  const { name, varName } = info;
  const parents = parentParams(info);
  const all = [...parents, `${varName}Id`];
  const detail = routeTo(info.routes.detail, all);
  return lines(
    `import { useNavigate, useParams } from "react-router-dom";`,
    `import { useAuth } from "../../auth/auth-context";`,
    `import { ErrorMessage, Loading } from "../../components/states";`,
    `import { ${varName}FromSnapshot, ${varName}Ref, update${name} } from "../../data/${info.file}";`,
    `import { useDocument } from "../../lib/use-document";`,
    `import { ${varName}ToInput } from "../../models/${info.file}";`,
    `import { ${name}Form } from "./${info.file}-form";`,
    "",
    `/** ${info.routes.edit.pattern} */`,
    `export function ${name}EditPage() {`,
    `  const params = useParams();`,
    ...readParams(info.routes.edit.params, all).map((l) => `  ${l}`),
    `  const { user } = useAuth();`,
    `  const navigate = useNavigate();`,
    `  const state = useDocument(`,
    `    () => (${varName}Id ? ${varName}Ref(${all.join(", ")}) : null),`,
    `    [${all.join(", ")}].join("/"),`,
    `    ${varName}FromSnapshot,`,
    `  );`,
    `  if (!user || state.status === "loading") return <Loading />;`,
    `  if (state.status === "error") return <ErrorMessage message={state.message} />;`,
    `  if (!state.data) return <ErrorMessage message=${jsxAttr(`This ${info.label} does not exist or was deleted.`)} />;`,
    `  const item = state.data;`,
    `  return (`,
    `    <section className="page narrow">`,
    `      <h1>${jsxText(info.routes.edit.title)}</h1>`,
    `      <${name}Form`,
    `        key={item.id}`,
    `        initial={${varName}ToInput(item)}`,
    `        submitLabel=${jsxAttr(`Save ${info.label}`)}`,
    `        uid={user.uid}`,
    `        onSubmit={async (input) => {`,
    `          await update${name}(${[...parents, "item.id", "input"].join(", ")});`,
    `          navigate(${detail}, { replace: true });`,
    `        }}`,
    `      />`,
    `    </section>`,
    `  );`,
    `}`,
    "",
  );
}
