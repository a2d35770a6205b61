/**
 * The checks generated models validate their forms with. Each returns a sentence naming the
 * field, or undefined when the value is fine. The security rules check the same limits.
 */
export type ValidationErrors<T> = Partial<Record<keyof T, string>>;

interface Rule {
  label: string;
  required: boolean;
}

/** True when no field has a message. */
export function isValid(errors: Record<string, string | undefined>): boolean {
  return Object.values(errors).every((m) => m === undefined);
}

/** Drops the fields without a message, so a valid form's errors are `{}`. */
export function compact<T>(errors: ValidationErrors<T>): ValidationErrors<T> {
  return Object.fromEntries(
    Object.entries(errors).filter(([, m]) => m !== undefined),
  ) as ValidationErrors<T>;
}

export function checkText(value: string, rule: Rule & { max: number }): string | undefined {
  const text = value.trim();
  if (text === "") return rule.required ? `${rule.label} is required.` : undefined;
  if (text.length > rule.max) return `${rule.label} must be at most ${rule.max} characters.`;
  return undefined;
}

export function checkEmail(value: string, rule: Rule): string | undefined {
  const problem = checkText(value, { ...rule, max: 254 });
  if (problem || value.trim() === "") return problem;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
    ? undefined
    : `${rule.label} must be a valid email address.`;
}

export function checkUrl(value: string, rule: Rule): string | undefined {
  const problem = checkText(value, { ...rule, max: 2000 });
  if (problem || value.trim() === "") return problem;
  return /^https?:\/\/[^\s]+$/.test(value.trim())
    ? undefined
    : `${rule.label} must be a web address starting with http:// or https://.`;
}

export function checkNumber(value: number | null, rule: Rule): string | undefined {
  if (value === null) return rule.required ? `${rule.label} is required.` : undefined;
  return Number.isFinite(value) ? undefined : `${rule.label} must be a number.`;
}

/** A calendar date as the date input gives it: YYYY-MM-DD. */
export function checkDate(value: string, rule: Rule): string | undefined {
  if (value === "") return rule.required ? `${rule.label} is required.` : undefined;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
  return valid ? undefined : `${rule.label} must be a date.`;
}

/** A date and time as the datetime-local input gives it: YYYY-MM-DDTHH:MM. */
export function checkDateTime(value: string, rule: Rule): string | undefined {
  if (value === "") return rule.required ? `${rule.label} is required.` : undefined;
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
  return valid ? undefined : `${rule.label} must be a date and time.`;
}

export function checkOption(
  value: string,
  options: readonly string[],
  rule: Rule,
): string | undefined {
  if (value === "") return rule.required ? `${rule.label} is required.` : undefined;
  return options.includes(value)
    ? undefined
    : `${rule.label} must be one of: ${options.join(", ")}.`;
}

export function checkTags(tags: readonly string[], rule: Rule): string | undefined {
  if (tags.length === 0) return rule.required ? `${rule.label} needs at least one tag.` : undefined;
  if (tags.length > 20) return `${rule.label} can have at most 20 tags.`;
  if (tags.some((t) => t.length > 40)) return `Each tag must be at most 40 characters.`;
  return undefined;
}

/** An uploaded file's storage path, or a referenced document's id. */
export function checkPresent(value: string | null, rule: Rule): string | undefined {
  if (value === null || value === "")
    return rule.required ? `${rule.label} is required.` : undefined;
  return value.length > 1024 ? `${rule.label} is too long.` : undefined;
}

export function checkGeo(
  value: { latitude: number | null; longitude: number | null },
  rule: Rule,
): string | undefined {
  const { latitude, longitude } = value;
  if (latitude === null && longitude === null) {
    return rule.required ? `${rule.label} is required.` : undefined;
  }
  if (latitude === null || latitude < -90 || latitude > 90) {
    return `${rule.label}: the latitude must be between -90 and 90.`;
  }
  if (longitude === null || longitude < -180 || longitude > 180) {
    return `${rule.label}: the longitude must be between -180 and 180.`;
  }
  return undefined;
}
