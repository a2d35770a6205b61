import type { Field } from "@winky/planner";
import type { ModelInfo } from "../analyze.js";
import { jsxAttr, ts } from "../naming.js";
import { optionsConst } from "./field-code.js";

/** What a form control needs beyond the field: the model and how referenced options load. */
export interface FormContext {
  info: ModelInfo;
  /** For a reference field to a root model: the hook variable holding its options. */
  referenceOptions: (f: Field) => string | undefined;
}

/** The JSX of a field's form control, bound to `input`, `set` and `errors`. */
export function formControl(f: Field, ctx: FormContext): string {
  const common = `label=${jsxAttr(f.label)} required={${f.required}} error={errors.${f.name}}`;
  const bind = `value={input.${f.name}} onChange={(v) => set(${ts(f.name)}, v)}`;
  switch (f.type) {
    case "string":
      return `<TextField ${common} ${bind} />`;
    case "email":
    case "url":
    case "date":
      return `<TextField ${common} type=${ts(f.type)} ${bind} />`;
    case "datetime":
      return `<TextField ${common} type="datetime-local" ${bind} />`;
    case "text":
      return `<TextAreaField ${common} ${bind} />`;
    case "markdown":
      return `<TextAreaField ${common} rows={10} hint="Markdown is supported: **bold**, _italic_, lists, links." ${bind} />`;
    case "number":
      return `<NumberField ${common} ${bind} />`;
    case "boolean":
      return `<CheckboxField label=${jsxAttr(f.label)} error={errors.${f.name}} checked={input.${f.name}} onChange={(v) => set(${ts(f.name)}, v)} />`;
    case "enum":
      return `<SelectField ${common} options={${optionsConst(ctx.info.name, f)}.map((o) => ({ value: o, label: o }))} ${bind} />`;
    case "tags":
      return `<TagInput ${common} ${bind} />`;
    case "image":
    case "file":
      return `<ImageUpload ${common} kind=${ts(f.type)} uid={uid} folder=${ts(ctx.info.model.collection)} ${bind} />`;
    case "reference": {
      const options = ctx.referenceOptions(f);
      return options
        ? `<SelectField ${common} options={${options}} ${bind} />`
        : `<TextField ${common} hint="The id of the ${f.references ?? "document"}." ${bind} />`;
    }
    case "geopoint":
      return [
        `<NumberField label=${jsxAttr(`${f.label} latitude`)} required={${f.required}} error={errors.${f.name}} value={input.${f.name}.latitude} onChange={(v) => set(${ts(f.name)}, { ...input.${f.name}, latitude: v })} />`,
        `<NumberField label=${jsxAttr(`${f.label} longitude`)} required={${f.required}} value={input.${f.name}.longitude} onChange={(v) => set(${ts(f.name)}, { ...input.${f.name}, longitude: v })} />`,
      ].join("\n");
    default:
      return "";
  }
}

/** The components `formControl` uses for these fields, to import. */
export function formComponents(fields: readonly Field[], ctx: FormContext): Set<string> {
  const used = new Set<string>();
  for (const f of fields) {
    for (const m of formControl(f, ctx).matchAll(/<([A-Z][A-Za-z]+)/g)) used.add(m[1]!);
  }
  return used;
}

/**
 * The JSX showing a read field's value (`v` is the expression for it), or "—" when empty.
 * `label` renders a reference through the referenced model's label component.
 */
export function displayValue(f: Field, v: string, labelComponent?: string): string {
  switch (f.type) {
    case "markdown":
      return `<Markdown>{${v}}</Markdown>`;
    case "text":
      return `<p className="pre-wrap">{${v}}</p>`;
    case "boolean":
      return `{${v} ? "Yes" : "No"}`;
    case "number":
      return `{${v} ?? "—"}`;
    case "datetime":
      return `{formatDate(${v}, true) || "—"}`;
    case "email":
      return `{${v} ? <a href={\`mailto:\${${v}}\`}>{${v}}</a> : "—"}`;
    case "url":
      return `{/^https?:\\/\\//.test(${v}) ? <a href={${v}} rel="noopener noreferrer nofollow" target="_blank">{${v}}</a> : "—"}`;
    case "image":
      return `{${v} ? <StoredImage path={${v}} alt=${jsxAttr(f.label)} /> : "—"}`;
    case "file":
      return `{${v} ? <StoredFileLink path={${v}} label=${jsxAttr(f.label.toLowerCase())} /> : "—"}`;
    case "tags":
      return `<TagList tags={${v}} />`;
    case "geopoint":
      return `{${v} ? \`\${${v}.latitude}, \${${v}.longitude}\` : "—"}`;
    case "reference":
      return labelComponent ? `{${v} ? <${labelComponent} id={${v}} /> : "—"}` : `{${v} || "—"}`;
    default:
      return `{${v} || "—"}`;
  }
}
