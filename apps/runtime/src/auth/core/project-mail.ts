import type { MailSettings } from "./mail.js";

/**
 * A project's own mail settings (its app's link page and name), each field over the runtime's
 * default when present. A function rather than a value so that the HTTP layer can hand over
 * the project it already loaded, or look one up only when a mail actually goes out.
 */
export type ProjectMailLookup = () => Promise<Partial<MailSettings>>;

/**
 * The settings a mail goes out with. Callers resolve them before making the mail's token, so a
 * failed look-up leaves no token without its mail and nothing runs between the two writes.
 */
export async function resolveMailSettings(
  defaults: MailSettings,
  lookup: ProjectMailLookup | undefined,
): Promise<MailSettings> {
  const own = lookup ? await lookup() : {};
  return {
    actionBaseUrl: own.actionBaseUrl ?? defaults.actionBaseUrl,
    appName: own.appName ?? defaults.appName,
  };
}
