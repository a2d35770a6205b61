import { useId, useState, type KeyboardEvent } from "react";
import { describedBy, FieldFrame } from "./fields";

/** Limits the rules enforce too: at most 20 tags of at most 40 characters. */
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

/** Trims, lower-cases and drops what is empty, too long or already there. */
export function addTag(tags: readonly string[], raw: string): string[] {
  const tag = raw.trim().toLowerCase().replace(/\s+/g, "-");
  if (!tag || tag.length > MAX_TAG_LENGTH || tags.includes(tag) || tags.length >= MAX_TAGS) {
    return [...tags];
  }
  return [...tags, tag];
}

/** Tags typed one by one (Enter or comma adds one), each removable. */
export function TagInput({
  label,
  value,
  onChange,
  required,
  error,
}: {
  label: string;
  value: readonly string[];
  onChange: (tags: string[]) => void;
  required?: boolean | undefined;
  error?: string | undefined;
}) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const hint = "Press Enter to add a tag.";

  function commit() {
    if (draft.trim() === "") return;
    onChange(addTag(value, draft));
    setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      commit();
    } else if (event.key === "Backspace" && draft === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint}>
      {value.length > 0 && (
        <ul className="tags" aria-label={`${label} added`}>
          {value.map((tag) => (
            <li key={tag} className="tag">
              {tag}
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => onChange(value.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="text"
        value={draft}
        maxLength={MAX_TAG_LENGTH}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
        {...describedBy(id, error, hint)}
      />
    </FieldFrame>
  );
}
