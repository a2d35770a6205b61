/**
 * A person's current team lives in their session cookie, shared by all their tabs: a form left
 * open in one tab while another switches team would act in the new team. So forms that act on
 * "the team" (its settings, members, tokens, a new app) carry the team the page was shown for,
 * and the server action acts in that one (the API still checks the person belongs to it).
 */
export const TEAM_FIELD = "__team";

/** The team a submitted form was shown for, or null when it carries none. */
export function pinnedTeam(form: FormData | null | undefined): string | null {
  const value = form?.get(TEAM_FIELD);
  return typeof value === "string" && value.length > 0 ? value : null;
}
