import { useId, type ReactNode } from "react";

interface FieldFrameProps {
  id: string;
  label: string;
  required?: boolean | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
}

/** A label, the control, a hint and the validation message, wired for screen readers. */
export function FieldFrame({ id, label, required, error, hint, children }: FieldFrameProps) {
  return (
    <div className={error ? "field invalid" : "field"}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required" aria-hidden="true">
            *
          </span>
        )}
      </div>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria attributes a control needs to point at its hint and message. */
export function describedBy(id: string, error?: string, hint?: string) {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": ids || undefined,
  } as const;
}

interface CommonProps {
  label: string;
  required?: boolean | undefined;
  error?: string | undefined;
  hint?: string | undefined;
}

export function TextField({
  label,
  value,
  onChange,
  type = "text",
  required,
  error,
  hint,
  autoComplete,
}: CommonProps & {
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "password" | "url" | "date" | "datetime-local" | "search";
  autoComplete?: string | undefined;
}) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint}>
      <input
        id={id}
        type={type}
        value={value}
        required={required}
        autoComplete={autoComplete}
        onChange={(e) => onChange(e.target.value)}
        {...describedBy(id, error, hint)}
      />
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  value,
  onChange,
  rows = 6,
  required,
  error,
  hint,
}: CommonProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint}>
      <textarea
        id={id}
        rows={rows}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
        {...describedBy(id, error, hint)}
      />
    </FieldFrame>
  );
}

/** A number input whose value is null while empty (or not a number yet). */
export function NumberField({
  label,
  value,
  onChange,
  step = "any",
  required,
  error,
  hint,
}: CommonProps & {
  value: number | null;
  onChange: (value: number | null) => void;
  step?: string;
}) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint}>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        step={step}
        value={value ?? ""}
        required={required}
        onChange={(e) => {
          const text = e.target.value.trim();
          const n = Number(text);
          onChange(text === "" || !Number.isFinite(n) ? null : n);
        }}
        {...describedBy(id, error, hint)}
      />
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
  error,
}: Omit<CommonProps, "required" | "hint"> & {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className={error ? "field checkbox invalid" : "field checkbox"}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        {...describedBy(id, error)}
      />
      <label htmlFor={id}>{label}</label>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField({
  label,
  value,
  options,
  onChange,
  placeholder = "Choose…",
  required,
  error,
  hint,
}: CommonProps & {
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint}>
      <select
        id={id}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
        {...describedBy(id, error, hint)}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
