import { initialFormState, type FormState } from "../team/form-state.js";

/** A token just made, with its secret: the only time the studio ever holds it. */
export interface CreatedToken {
  id: string;
  name: string;
  token: string;
  kind: "personal" | "team";
  role: string;
  expiresAt: string | null;
}

/** The create form after it was sent: a refusal, or the new token to copy once. */
export interface CreateTokenState extends FormState {
  created: CreatedToken | null;
}

/** Nothing sent yet. (Not in `actions.ts`: a "use server" file exports only actions.) */
export const initialCreateTokenState: CreateTokenState = { ...initialFormState, created: null };

/** How long a new token may last: the API takes 1 to 365 days, or none for no expiry. */
export const EXPIRY_CHOICES = [
  { days: "", label: "Never" },
  { days: "7", label: "In 7 days" },
  { days: "30", label: "In 30 days" },
  { days: "90", label: "In 90 days" },
  { days: "365", label: "In a year" },
] as const;
