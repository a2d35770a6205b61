import type { AppModel, ModelInfo } from "../../analyze.js";
import { optionsConst } from "../../fields/field-code.js";
import { formComponents, formControl, type FormContext } from "../../fields/field-ui.js";
import { indent, lines } from "../../naming.js";
import { Imports, labelTarget, screenImport } from "./common.js";

const COMPONENT_MODULES: Record<string, string> = {
  TextField: "../../components/fields",
  TextAreaField: "../../components/fields",
  NumberField: "../../components/fields",
  CheckboxField: "../../components/fields",
  SelectField: "../../components/fields",
  TagInput: "../../components/tag-input",
  ImageUpload: "../../components/image-upload",
};

/** `src/screens/<models>/<model>-form.tsx`: the create/edit form with its validation messages. */
export function formFile(app: AppModel, info: ModelInfo): string {
  const { name, fields } = info;
  const imports = new Imports()
    .add("react", "useState", "type FormEvent")
    .add("../../components/states", "ErrorMessage")
    .add("../../lib/errors", "describeError")
    .add("../../lib/validation", "isValid", "type ValidationErrors")
    .add(`../../models/${info.file}`, `validate${name}`, `type ${name}Input`);
  const optionHooks: string[] = [];
  const ctx: FormContext = {
    info,
    referenceOptions: (f) => {
      const target = labelTarget(app, f.references);
      if (!target) return undefined;
      const variable = `${target.varName}Options`;
      imports.add(screenImport(target, "label"), `use${target.name}Options`);
      const hook = `const ${variable} = use${target.name}Options(uid);`;
      if (!optionHooks.includes(hook)) optionHooks.push(hook);
      return variable;
    },
  };
  const controls = fields.map((f) => formControl(f, ctx));
  for (const component of formComponents(fields, ctx)) {
    imports.add(COMPONENT_MODULES[component]!, component);
  }
  for (const f of fields.filter((f) => f.type === "enum")) {
    imports.add(`../../models/${info.file}`, optionsConst(name, f));
  }
  const usesUid = controls.some((c) => c.includes("uid={uid}")) || optionHooks.length > 0;
  return lines(
    ...imports.lines(),
    "",
    `export interface ${name}FormProps {`,
    `  initial: ${name}Input;`,
    `  submitLabel: string;`,
    `  /** The signed-in user: uploads go to their folder. */`,
    `  uid: string;`,
    `  /** Saves the values; a rejection is shown under the form. */`,
    `  onSubmit: (input: ${name}Input) => Promise<void>;`,
    `}`,
    "",
    `/** The ${info.label} form: every field labelled, validated before \`onSubmit\` is called. */`,
    `export function ${name}Form({ initial, submitLabel, ${usesUid ? "uid, " : ""}onSubmit }: ${name}FormProps) {`,
    `  const [input, setInput] = useState<${name}Input>(initial);`,
    `  const [errors, setErrors] = useState<ValidationErrors<${name}Input>>({});`,
    `  const [failure, setFailure] = useState<string | null>(null);`,
    `  const [busy, setBusy] = useState(false);`,
    ...optionHooks.map((h) => `  ${h}`),
    "",
    `  function set<K extends keyof ${name}Input>(key: K, value: ${name}Input[K]) {`,
    `    setInput((current) => ({ ...current, [key]: value }));`,
    `  }`,
    "",
    `  async function submit(event: FormEvent) {`,
    `    event.preventDefault();`,
    `    const found = validate${name}(input);`,
    `    setErrors(found);`,
    `    if (!isValid(found)) return;`,
    `    setBusy(true);`,
    `    setFailure(null);`,
    `    try {`,
    `      await onSubmit(input);`,
    `    } catch (e) {`,
    `      setFailure(describeError(e));`,
    `    } finally {`,
    `      setBusy(false);`,
    `    }`,
    `  }`,
    "",
    `  return (`,
    `    <form onSubmit={submit} noValidate>`,
    indent(controls.join("\n"), 3),
    `      <ErrorMessage message={failure} />`,
    `      <div className="actions">`,
    `        <button type="submit" className="button primary" disabled={busy}>`,
    `          {submitLabel}`,
    `        </button>`,
    `      </div>`,
    `    </form>`,
    `  );`,
    `}`,
    "",
  );
}
